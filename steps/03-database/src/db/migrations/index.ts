import type { QueryInterface } from 'sequelize';

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
  // TODO(03-database): your migrations, files of your own in this folder, listed here oldest
  // first: 0001-create-users, 0002-create-articles-and-tags (articles, tags, article_tags) and
  // 0003-create-comments (docs/03-database.md#migrations; ./text.ts has the collation options).
  // Then `npm run db:migrate` applies them; `npm run db:reset` starts again from nothing.
];
