import type { Sequelize } from 'sequelize';
import type { Models } from './models.js';

const day = 24 * 60 * 60 * 1000;

/**
 * Realistic demo data, so a learner has something to look at after `npm run db:seed`. It only
 * adds what is missing: running it twice does not duplicate anything.
 */
export async function seed(sequelize: Sequelize): Promise<void> {
  const { User } = sequelize.models as unknown as Models;
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

    // TODO(03-database) (optional, no check asks for it): once articles, tags and comments have
    // models, add a few demo articles by ada and grace, each with its tags (Tag.findOrCreate,
    // ArticleTag.create) and a comment, inside this same transaction. Skip an article whose slug
    // already exists, so that seeding twice adds nothing.
  });
}
