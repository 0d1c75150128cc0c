import path from 'node:path';

/**
 * The database settings of a step-03+ project, read the way the project's own loadConfig reads
 * them (the contract in docs/03-database.md): DB_DIALECT (sqlite, the default, or mysql),
 * DB_STORAGE (default .data/conduit.sqlite, relative to the step folder) and DATABASE_URL.
 */
export type DatabaseConfig = { dialect: 'sqlite'; storage: string } | { dialect: 'mysql'; url: string };

export const DEFAULT_SQLITE_STORAGE = '.data/conduit.sqlite';
export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/conduit';

export function databaseFromEnv(env: Record<string, string | undefined>, stepDir: string): DatabaseConfig {
  if ((env.DB_DIALECT ?? 'sqlite') === 'mysql') return { dialect: 'mysql', url: env.DATABASE_URL || DEFAULT_MYSQL_URL };
  return { dialect: 'sqlite', storage: path.resolve(stepDir, env.DB_STORAGE || DEFAULT_SQLITE_STORAGE) };
}

/** A URL fit for messages: the user stays, the password goes. */
export const withoutPassword = (url: string): string => url.replace(/\/\/([^:@/]*)(:[^@]*)?@/, '//$1@');

/** For messages: the file, or the URL without its password. */
export function describeDatabase(db: DatabaseConfig): string {
  return db.dialect === 'sqlite' ? `sqlite ${db.storage}` : `mysql ${withoutPassword(db.url)}`;
}
