import type { QueryInterface } from 'sequelize';
import { createUsers } from './0001-create-users.js';
import { createArticlesAndTags } from './0002-create-articles-and-tags.js';
import { createComments } from './0003-create-comments.js';
import { addUserCredentials } from './0004-add-user-credentials.js';
import { createLoginLimits } from './0005-create-login-limits.js';
import { addSessionKeys } from './0006-add-session-keys.js';
import { roleAsEnum } from './0007-role-as-enum.js';

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
export const MIGRATIONS: readonly Migration[] = [createUsers, createArticlesAndTags, createComments, addUserCredentials, createLoginLimits, addSessionKeys, roleAsEnum];
