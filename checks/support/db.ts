import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { scratchDir } from '../../runner/lib/paths.js';
import { LearnerCodeError, importFromTarget } from './learner-code.js';
import { SCHEMA_PREFIX, serverUrlOf } from '../../runner/lib/check-db.js';
import { withoutPassword } from '../../runner/lib/database-config.js';
import { runDbTask, usesDatabase, type DbAction, type DbTaskResult } from '../../runner/lib/db-tasks.js';
import { budget, seconds, TimeoutFailure, track } from './budget.js';

/**
 * What a step-03+ project's `openDatabase(config)` receives: the same shape its own loadConfig
 * builds from DB_DIALECT / DB_STORAGE / DATABASE_URL.
 */
export type DatabaseConfig = { dialect: 'sqlite'; storage: string } | { dialect: 'mysql'; url: string };

export interface TestDatabase {
  name: string;
  config: DatabaseConfig;
  /** The same database as environment variables, for a server started as a process. */
  env: Record<string, string>;
  drop(): Promise<void>;
}


export const testDialect = (): 'sqlite' | 'mysql' => (process.env.WORKSHOP_DB_DIALECT === 'mysql' ? 'mysql' : 'sqlite');

/** The MySQL server the checks make their throw-away schemas on (the runner passes it; no database in the URL). */
export const mysqlServerUrl = (): string => serverUrlOf(process.env.WORKSHOP_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');

let counter = 0;

/**
 * A fresh, empty database: a SQLite file under the scratch folder, or a uniquely named MySQL
 * schema. Named after the check run (WORKSHOP_RUN_ID), so the runner can drop whatever a killed
 * run left behind.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const run = (process.env.WORKSHOP_RUN_ID ?? `${Math.floor(Date.now() / 1000)}_${process.pid}`).replace(/\W/g, '_');
  const name = `${SCHEMA_PREFIX}${run}_${++counter}_${randomBytes(3).toString('hex')}`;
  if (testDialect() === 'mysql') {
    const server = mysqlServerUrl();
    let admin: mysql.Connection;
    try {
      admin = await mysql.createConnection(server);
    } catch (err) {
      // Not the learner's code, but it stops every check the same way: one clear line.
      throw new LearnerCodeError(
        `the checks run on MySQL (DB_DIALECT=mysql) but ${withoutPassword(server)} does not answer (${(err as Error).message}): start it with docker compose up -d db, or set DB_DIALECT=sqlite`,
      );
    }
    try {
      await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await admin.end();
    }
    const url = `${server}/${name}`;
    return {
      name,
      config: { dialect: 'mysql', url },
      env: { DB_DIALECT: 'mysql', DATABASE_URL: url },
      drop: () => dropSchemas([name]),
    };
  }
  const dir = path.join(scratchDir, 'db');
  fs.mkdirSync(dir, { recursive: true });
  const storage = path.join(dir, `${name}.sqlite`);
  return {
    name,
    config: { dialect: 'sqlite', storage },
    env: { DB_DIALECT: 'sqlite', DB_STORAGE: storage },
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${storage}${suffix}`, { force: true });
    },
  };
}

export async function dropSchemas(names: string[]): Promise<void> {
  if (names.length === 0) return;
  const admin = await mysql.createConnection(mysqlServerUrl());
  try {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS \`${name.replace(/`/g, '')}\``);
  } finally {
    await admin.end();
  }
}

/** The part of a Sequelize instance the harness uses; the learner's real instance fits. */
export interface SequelizeLike {
  getDialect(): string;
  query(sql: string, options?: Record<string, unknown>): Promise<unknown>;
  getQueryInterface(): { showAllTables(): Promise<unknown[]> };
  close(): Promise<void>;
}

export interface LearnerDbModule {
  openDatabase(config: DatabaseConfig, options?: { logging?: false | ((sql: string) => void) }): SequelizeLike | Promise<SequelizeLike>;
  migrate(db: SequelizeLike, direction?: 'up' | 'down'): Promise<unknown>;
  seed?(db: SequelizeLike): Promise<unknown>;
}

/** Imports the target's `src/db/index.ts` and checks it has the contract's functions. */
export async function importDbModule(dir: string): Promise<LearnerDbModule> {
  const mod = await importFromTarget<Partial<LearnerDbModule>>(dir, 'src/db/index.ts');
  for (const fn of ['openDatabase', 'migrate'] as const) {
    if (typeof mod[fn] !== 'function') {
      throw new LearnerCodeError(`src/db/index.ts must export a function ${fn}(…) (got ${typeof mod[fn]}); see docs/03-database.md#the-database-contract`);
    }
  }
  return mod as LearnerDbModule;
}

/** Table names as strings, whatever shape the dialect's showAllTables returns. */
export async function tableNames(db: SequelizeLike): Promise<string[]> {
  const raw = await db.getQueryInterface().showAllTables();
  return raw.map((t) => (typeof t === 'string' ? t : String((t as { tableName?: string }).tableName ?? t)));
}

/** Migration bookkeeping tables survive a reset: the schema stays, only the rows go. */
const isMeta = (table: string) => /meta|migrations?$|^sqlite_/i.test(table);

/** Empties every table of the app (not the migration log), so each check starts from nothing. */
export async function emptyTables(db: SequelizeLike): Promise<void> {
  const tables = (await tableNames(db)).filter((t) => !isMeta(t));
  const q = (name: string) => (db.getDialect() === 'mysql' ? `\`${name}\`` : `"${name}"`);
  if (db.getDialect() === 'mysql') {
    // One connection for the whole reset: FOREIGN_KEY_CHECKS is per connection.
    await (db as unknown as { transaction<T>(fn: (t: unknown) => Promise<T>): Promise<T> }).transaction(async (transaction) => {
      await db.query('SET FOREIGN_KEY_CHECKS = 0', { transaction });
      for (const t of tables) await db.query(`DELETE FROM ${q(t)}`, { transaction });
      await db.query('SET FOREIGN_KEY_CHECKS = 1', { transaction });
    });
  } else {
    await db.query('PRAGMA foreign_keys = OFF');
    try {
      for (const t of tables) await db.query(`DELETE FROM ${q(t)}`);
    } finally {
      await db.query('PRAGMA foreign_keys = ON');
    }
  }
}

/** Counts rows in a table through the learner's connection. */
export async function countRows(db: SequelizeLike, table: string): Promise<number> {
  const q = db.getDialect() === 'mysql' ? `\`${table}\`` : `"${table}"`;
  const [rows] = (await db.query(`SELECT COUNT(*) AS n FROM ${q}`)) as [{ n: number | string }[]];
  return Number(rows[0]?.n ?? 0);
}

/** Opening and migrating a fresh database takes well under a second; a hang must not cost minutes. */
const OPEN_TIMEOUT_MS = 8000;

/**
 * Fails when `work` does not settle in time. Opening the file's database is shared by every
 * check of the file, so a hang there is reported as the learner's code (every later check then
 * fails at once with the same line), after a budget generous enough for a slow machine.
 */
async function within<T>(ms: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LearnerCodeError(
            `${what} in src/db/index.ts did not finish within ${seconds(ms)}: is an await waiting for something that never happens? (On a very slow machine, set WORKSHOP_TIME_SCALE: docs/troubleshooting.md#the-checks-time-out)`,
          ),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface FileDatabase {
  test: TestDatabase;
  db: SequelizeLike;
}

/** One database per check file (per target), migrated once; closed and dropped after the file. */
const perFile = new Map<string, Promise<FileDatabase>>();

export function fileDatabase(dir: string): Promise<FileDatabase> {
  let entry = perFile.get(dir);
  if (!entry) {
    entry = (async () => {
      const mod = await importDbModule(dir);
      const test = await createTestDatabase();
      let db: SequelizeLike;
      try {
        // Shared by the file's checks, so not an attempt's budget: the retry's larger one, at once.
        const wait = budget(OPEN_TIMEOUT_MS) * 2;
        db = await within(wait, 'openDatabase(config)', async () => mod.openDatabase(test.config, { logging: false }));
        await within(wait, 'migrate(db)', () => mod.migrate(db));
      } catch (err) {
        await test.drop();
        if (err instanceof LearnerCodeError) throw err;
        const e = err as Error;
        throw new LearnerCodeError(`opening and migrating a fresh ${test.config.dialect} database failed: ${e.name}: ${e.message.split('\n')[0]}`);
      }
      return { test, db };
    })();
    perFile.set(dir, entry);
  }
  return entry;
}

/** Called after each check file (checks/support/setup.ts): nothing is left behind. */
export async function closeDatabases(): Promise<void> {
  const entries = [...perFile.values()];
  perFile.clear();
  for (const entry of entries) {
    try {
      const { test, db } = await entry;
      await db.close().catch(() => undefined);
      await test.drop();
    } catch {
      // It never opened: nothing to close.
    }
  }
}

/** True when the target follows the step-03 contract (it has a database module). */
export const hasDatabase = usesDatabase;

export type { DbAction, DbTaskResult };

/** A database task of the project in a child process, within this attempt's budget. */
function dbTask(dir: string, action: DbAction, env: Record<string, string>): Promise<DbTaskResult> {
  return track(runDbTask(dir, action, env, budget(OPEN_TIMEOUT_MS)));
}

export interface ServerDatabase extends TestDatabase {
  /** Runs a database task of the project (migrate, rollback, seed, reset, status) in a child process. */
  task(action: DbAction): Promise<DbTaskResult>;
}

/**
 * A fresh database for a server started as a process (`startServer(dir, { env: db.env })`),
 * migrated by the project's own code in a child process, the way `npm run db:migrate` does it.
 * The check drops it in `finally`. `shareFileDatabase` lends the file's own (emptied) database
 * instead: faster, for checks that are not about migrating.
 */
export async function serverDatabase(dir: string, { migrate = true, shareFileDatabase = false } = {}): Promise<ServerDatabase> {
  if (shareFileDatabase) {
    // The file's database is migrated already: emptied, it serves a server process just as well,
    // without a migration in a child process. It stays until the file ends, so drop() is a no-op.
    const { test, db } = await fileDatabase(dir);
    await emptyTables(db);
    return { ...test, drop: async () => undefined, task: (action: DbAction) => dbTask(dir, action, test.env) };
  }
  const test = await createTestDatabase();
  const task = (action: DbAction) => dbTask(dir, action, test.env);
  if (migrate) {
    const result = await task('migrate');
    if (!result.ok) {
      await test.drop();
      const message = `migrating a fresh ${test.config.dialect} database failed: ${result.error ?? 'unknown error'}`;
      if (result.timedOut) throw new TimeoutFailure('the migrations to finish in a child process', message);
      throw new LearnerCodeError(message);
    }
  }
  return { ...test, task };
}
