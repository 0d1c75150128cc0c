import path from 'node:path';
import mysql from 'mysql2/promise';
import { readEnvFile } from './dotenv-file.js';

/** Throw-away schemas of check runs are named `wschk_<epoch seconds>_<pid>_…`. */
export const SCHEMA_PREFIX = 'wschk_';
const STALE_AFTER_S = 60 * 60;

export interface CheckDbSettings {
  dialect: 'sqlite' | 'mysql';
  /** MySQL server URL without a database, when the dialect is mysql. */
  serverUrl?: string;
}

/**
 * Which database the checks of a target use: WORKSHOP_DB_DIALECT / WORKSHOP_MYSQL_URL when set
 * (CI runs every check on both), otherwise what the learner chose in the step's .env, so a
 * learner who moved to MySQL is checked on MySQL.
 */
export function checkDbSettings(target: string, env: NodeJS.ProcessEnv = process.env): CheckDbSettings {
  const learner = readEnvFile(path.join(target, '.env'));
  const dialect = (env.WORKSHOP_DB_DIALECT ?? learner.DB_DIALECT ?? 'sqlite') === 'mysql' ? 'mysql' : 'sqlite';
  if (dialect === 'sqlite') return { dialect };
  return { dialect, serverUrl: serverUrlOf(env.WORKSHOP_MYSQL_URL ?? learner.DATABASE_URL ?? DEFAULT_SERVER) };
}

const DEFAULT_SERVER = 'mysql://root@127.0.0.1:3306';

/** The server part of a MySQL URL: the database name dropped, as throw-away schemas get their own. */
export function serverUrlOf(raw: string): string {
  const url = new URL(raw);
  url.pathname = '';
  return url.toString().replace(/\/$/, '');
}

export const runIdNow = (): string => `${Math.floor(Date.now() / 1000)}_${process.pid}_${Math.random().toString(36).slice(2, 6)}`;

/**
 * Drops the databases whose names start with `prefix` (and pass `which`, when given). Never
 * fails: an unreachable server has nothing to drop, and the run itself reports it.
 */
export async function dropSchemasLike(serverUrl: string, prefix: string, which: (name: string) => boolean = () => true): Promise<void> {
  let admin: mysql.Connection | undefined;
  try {
    admin = await mysql.createConnection({ uri: serverUrl, connectTimeout: 3000 });
    const [rows] = await admin.query<mysql.RowDataPacket[]>('SHOW DATABASES LIKE ?', [`${prefix.replace(/_/g, '\\_')}%`]);
    for (const row of rows) {
      const name = String(Object.values(row)[0]);
      if (name.startsWith(prefix) && which(name)) await admin.query(`DROP DATABASE IF EXISTS \`${name.replace(/`/g, '')}\``);
    }
  } catch {
    // Nothing to add to what the run reports.
  } finally {
    await admin?.end().catch(() => undefined);
  }
}

/**
 * Drops the schemas a run made (whatever happened to it) and any left by runs that died more
 * than an hour ago. Quietly does nothing when the server is not reachable.
 */
export async function dropRunSchemas(serverUrl: string, runId: string): Promise<void> {
  const now = Date.now() / 1000;
  await dropSchemasLike(serverUrl, SCHEMA_PREFIX, (name) => {
    const started = Number(name.slice(SCHEMA_PREFIX.length).split('_')[0]);
    return name.startsWith(`${SCHEMA_PREFIX}${runId}`) || (Number.isFinite(started) && now - started > STALE_AFTER_S);
  });
}
