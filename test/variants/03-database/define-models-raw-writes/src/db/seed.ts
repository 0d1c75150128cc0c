import type { Sequelize } from 'sequelize';
import { tables } from './models.js';

/** A little demo data; adds only what is missing, so it can run twice. */
export async function seed(sequelize: Sequelize): Promise<void> {
  const { users, articles, tags } = tables(sequelize);
  const at = new Date(Date.now() - 24 * 60 * 60 * 1000);
  await sequelize.transaction(async (transaction) => {
    const [demo] = await users.findOrCreate({
      where: { username: 'demo' },
      defaults: { username: 'demo', email: 'demo@example.com', bio: null, image: null, createdAt: at, updatedAt: at },
      transaction,
    });
    const [hello, created] = await articles.findOrCreate({
      where: { slug: 'hello-conduit' },
      defaults: { slug: 'hello-conduit', title: 'Hello, Conduit', description: 'The first article', body: 'Edit me, delete me, or write your own.', authorId: demo.id, createdAt: at, updatedAt: at },
      transaction,
    });
    if (!created) return;
    const [welcome] = await tags.findOrCreate({ where: { name: 'welcome' }, transaction });
    await sequelize.query('INSERT INTO article_tags (article_id, tag_id) VALUES (:a, :t)', { replacements: { a: hello.id, t: welcome.id }, transaction });
  });
}
