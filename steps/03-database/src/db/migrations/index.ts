import type { QueryInterface } from 'sequelize';
import { createUsers } from './0001-create-users.js';

/** One schema change: `up` applies it, `down` undoes exactly that. */
export interface Migration {
  /** Recorded in the schema_migrations table once applied; never rename an applied one. */
  name: string;
  up(qi: QueryInterface): Promise<void>;
  down(qi: QueryInterface): Promise<void>;
}

/**
 * Every migration, oldest first. A list in code rather than a folder glob: it works the same
 * on every OS and bundler, and a migration that is not listed here cannot run by accident.
 */
export const MIGRATIONS: readonly Migration[] = [
  createUsers,
  // TODO(03-database): add createArticlesAndTags (./0002-create-articles-and-tags.js) and
  // createComments (./0003-create-comments.js) here, in that order, once they are written. Then
  // `npm run db:migrate` applies them; `npm run db:reset` starts again from nothing.
];
