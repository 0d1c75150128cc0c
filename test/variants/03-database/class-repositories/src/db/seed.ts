import type { Sequelize } from 'sequelize';
import type { Models } from './models.js';

const day = 24 * 60 * 60 * 1000;

/**
 * Realistic demo data, so a learner has something to look at after `npm run db:seed`. It only
 * adds what is missing: running it twice does not duplicate anything.
 */
export async function seed(sequelize: Sequelize): Promise<void> {
  const { User, Article, Tag, ArticleTag, Comment } = sequelize.models as unknown as Models;
  const now = Date.now();
  await sequelize.transaction(async (transaction) => {
    const people = [
      { username: 'demo', email: 'demo@example.com', bio: 'The stand-in author of steps 02 and 03.', image: null },
      { username: 'ada', email: 'ada@example.com', bio: 'Writes about engines, analytical and otherwise.', image: null },
      { username: 'grace', email: 'grace@example.com', bio: 'Compilers, COBOL, and finding bugs (literal ones).', image: null },
    ];
    const users = new Map<string, number>();
    for (const p of people) {
      const [user] = await User.findOrCreate({
        where: { username: p.username },
        defaults: { ...p, createdAt: new Date(now - 30 * day), updatedAt: new Date(now - 30 * day) },
        transaction,
      });
      users.set(p.username, user.id);
    }

    const articles = [
      { author: 'ada', title: 'Notes on the Analytical Engine', description: 'What a machine can and cannot originate', body: 'The engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves.', tags: ['history', 'computing'] },
      { author: 'grace', title: 'The first actual bug', description: 'A moth, a relay, and a logbook', body: 'Relay #70, panel F: moth found in relay. First actual case of bug being found.', tags: ['debugging', 'history'] },
      { author: 'grace', title: 'Why compilers', description: 'Let the machine do the tedious part', body: 'It is easier to ask forgiveness than it is to get permission.', tags: ['compilers', 'computing'] },
      { author: 'demo', title: 'Hello, Conduit', description: 'The first article of a fresh database', body: 'Edit me, delete me, or write your own.', tags: ['welcome'] },
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
      await Comment.create(
        { body: `Thanks for writing "${a.title}".`, articleId: article.id, authorId: users.get('demo'), createdAt: at, updatedAt: at },
        { transaction },
      );
    }
  });
}
