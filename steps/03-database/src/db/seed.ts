import type { Sequelize } from 'sequelize';

/**
 * Demo data for `npm run db:seed` and `npm run db:reset`.
 *
 * TODO(03-database) (optional, no check asks for it): once your models exist, add a few demo
 * users and articles with their tags and comments, so there is something to look at. Only add
 * what is missing: running it twice adds nothing.
 */
export async function seed(sequelize: Sequelize): Promise<void> {
  void sequelize;
}
