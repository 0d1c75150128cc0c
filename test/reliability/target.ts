/**
 * The system under load: the reference solution started as a real process (node + tsx, the way
 * the checks start it), on a fresh database migrated by the project's own `migrate` in a child
 * process, in production mode, listening on a free loopback port.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { freePort, startTsProcess, waitForServer, type ManagedProcess } from '../../runner/lib/processes.js';
import { runDbTask } from '../../runner/lib/db-tasks.js';
import { scratchDir } from '../../runner/lib/paths.js';
import { serverUrlOf } from '../../runner/lib/check-db.js';

export type Dialect = 'sqlite' | 'mysql';

/** Fixed, so that a replayed list's tokens are still valid against a new server (within their hour). */
export const JWT_SECRET = 'reliability-suite-secret-not-for-production-0123456789';

export interface Target {
  dialect: Dialect;
  port: number;
  proc: ManagedProcess;
  /** Every line the server printed at level error (an unhandled error is a bug). */
  errors: string[];
  /** Where the SQLite file is (for the file-handle count). */
  storage?: string;
  /** A connection for the integrity queries. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export const mysqlServer = (): string => serverUrlOf(process.env.WORKSHOP_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');

export async function startTarget(dir: string, dialect: Dialect): Promise<Target> {
  const name = `wsrel_${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`;
  const env: Record<string, string> = { DB_DIALECT: dialect };
  let storage: string | undefined;
  let drop: () => Promise<void>;
  let query: (sql: string) => Promise<Record<string, unknown>[]>;
  let closeQuery: () => Promise<void>;
  if (dialect === 'mysql') {
    const server = mysqlServer();
    const admin = await mysql.createConnection(server);
    try {
      // A run that was killed left its schema behind: drop those older than two hours.
      const [rows] = (await admin.query("SHOW DATABASES LIKE 'wsrel\\_%'")) as unknown as [Record<string, string>[]];
      for (const row of rows) {
        const stale = Object.values(row)[0];
        const born = Number(/^wsrel_(\d+)_/.exec(stale)?.[1]);
        if (Number.isFinite(born) && born < Date.now() / 1000 - 7200) await admin.query(`DROP DATABASE IF EXISTS \`${stale}\``);
      }
      await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await admin.end();
    }
    env.DATABASE_URL = `${server}/${name}`;
    const conn = await mysql.createConnection(env.DATABASE_URL);
    query = async (sql) => (await conn.query(sql))[0] as Record<string, unknown>[];
    closeQuery = () => conn.end();
    drop = async () => {
      const a = await mysql.createConnection(server);
      try {
        await a.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await a.end();
      }
    };
  } else {
    const folder = path.join(scratchDir, 'reliability');
    fs.mkdirSync(folder, { recursive: true });
    storage = path.join(folder, `${name}.sqlite`);
    env.DB_STORAGE = storage;
    const file = storage;
    let db: import('sqlite3').Database | undefined;
    query = async (sql) => {
      const sqlite3 = (await import('sqlite3')).default;
      db ??= new sqlite3.Database(file, sqlite3.OPEN_READONLY);
      const open = db;
      return new Promise((resolve, reject) => open.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as Record<string, unknown>[]))));
    };
    closeQuery = () => new Promise((resolve) => (db ? db.close(() => resolve()) : resolve()));
    drop = async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
    };
  }

  const migrated = await runDbTask(dir, 'migrate', env, 120_000);
  if (!migrated.ok) {
    await drop();
    throw new Error(`migrating a fresh ${dialect} database failed: ${migrated.error}`);
  }

  const port = await freePort();
  const errors: string[] = [];
  const proc = startTsProcess({
    cwd: dir,
    env: { ...env, NODE_ENV: 'production', PORT: String(port), JWT_SECRET, LOG_LEVEL: 'warn' },
    leash: true,
    onOutput: (chunk) => {
      for (const line of chunk.split('\n')) if (line.trim() && (/"level":"error"/.test(line) || !line.trim().startsWith('{'))) errors.push(line.slice(0, 2000));
    },
  });
  try {
    await waitForServer(`http://127.0.0.1:${port}`, proc, 60_000);
  } catch (err) {
    await proc.stop(500);
    await closeQuery();
    await drop();
    throw err;
  }
  return {
    dialect,
    port,
    proc,
    errors,
    storage,
    query,
    stop: async () => {
      await proc.stop();
      await closeQuery().catch(() => undefined);
      await drop().catch(() => undefined);
    },
  };
}

/** Open file handles of the server on the SQLite file (and its -wal, -shm), where /proc exists. */
export function sqliteHandles(target: Target): number | undefined {
  const pid = target.proc.child.pid;
  if (!target.storage || pid === undefined || !fs.existsSync(`/proc/${pid}/fd`)) return undefined;
  let count = 0;
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(target.storage)) count++;
    } catch {
      // Closed while we looked.
    }
  }
  return count;
}
