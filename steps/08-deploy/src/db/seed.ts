import type { Sequelize } from 'sequelize';
import { hashPassword } from '../auth/passwords.js';
import { LOCKED_PASSWORD } from './migrations/0004-add-user-credentials.js';
import type { Models } from './models.js';

const day = 24 * 60 * 60 * 1000;

/** Every seeded user logs in with this. Demo data only: seed refuses to run in production. */
export const SEED_PASSWORD = 'conduit-demo-password';

/**
 * Realistic demo data, so a learner has something to look at after `npm run db:seed`. It only
 * adds what is missing: running it twice does not duplicate anything.
 */
export async function seed(sequelize: Sequelize): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('seed creates users with a published password: it does not run with NODE_ENV=production');
  }
  const { User, Article, Tag, ArticleTag, Comment, Follow, Favorite } = sequelize.models as unknown as Models;
  const now = Date.now();
  const passwordHash = await hashPassword(SEED_PASSWORD);
  await sequelize.transaction(async (transaction) => {
    const people = [
      { username: 'ada', email: 'ada@example.com', bio: 'Writes about engines, analytical and otherwise.', image: null },
      { username: 'grace', email: 'grace@example.com', bio: 'Compilers, COBOL, and finding bugs (literal ones).', image: null },
    ];
    const users = new Map<string, number>();
    for (const p of people) {
      const [user] = await User.scope('withPassword').findOrCreate({
        where: { username: p.username },
        defaults: { ...p, passwordHash, createdAt: new Date(now - 30 * day), updatedAt: new Date(now - 30 * day) },
        transaction,
      });
      // Seeded before step 04, the user has the migration's locked password: give it the seed's.
      if (user.passwordHash === LOCKED_PASSWORD) await user.update({ passwordHash }, { transaction });
      users.set(p.username, user.id);
    }

    const articles = [
      { author: 'ada', title: 'Notes on the Analytical Engine', description: 'What a machine can and cannot originate', body: 'The engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves.', tags: ['history', 'computing'] },
      { author: 'grace', title: 'The first actual bug', description: 'A moth, a relay, and a logbook', body: 'Relay #70, panel F: moth found in relay. First actual case of bug being found.', tags: ['debugging', 'history'] },
      { author: 'grace', title: 'Why compilers', description: 'Let the machine do the tedious part', body: 'It is easier to ask forgiveness than it is to get permission.', tags: ['compilers', 'computing'] },
      { author: 'ada', title: 'Hello, Conduit', description: 'The first article of a fresh database', body: 'Log in as ada@example.com, then edit me, delete me, or write your own.', tags: ['welcome'] },
    ];
    for (const [i, a] of articles.entries()) {
      const slug = a.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      if (await Article.findOne({ where: { slug }, transaction })) continue;
      const at = new Date(now - (articles.length - i) * day);
      const article = await Article.create(
        { slug, title: a.title, description: a.description, body: a.body, authorId: users.get(a.author), createdAt: at, updatedAt: at },
        { transaction },
      );
      for (const name of a.tags) {
        const [tag] = await Tag.findOrCreate({ where: { name }, transaction });
        await ArticleTag.create({ articleId: article.id, tagId: tag.id }, { transaction });
      }
      // Each article gets a comment from the other author.
      const commenter = a.author === 'ada' ? 'grace' : 'ada';
      await Comment.create(
        { body: `Thanks for writing "${a.title}".`, articleId: article.id, authorId: users.get(commenter), createdAt: at, updatedAt: at },
        { transaction },
      );
      // ...and a favorite from them too.
      await Favorite.create({ userId: users.get(commenter), articleId: article.id, createdAt: at }, { transaction });
    }
    // Ada follows Grace: log in as ada and GET /api/articles/feed shows Grace's articles.
    const [ada, grace] = [users.get('ada'), users.get('grace')];
    if (!(await Follow.findOne({ where: { followerId: ada, followedId: grace }, transaction }))) {
      await Follow.create({ followerId: ada, followedId: grace, createdAt: new Date(now) }, { transaction });
    }
  });
}
