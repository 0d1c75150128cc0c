// My own helper: a database per test file, next to the tests, gone afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import type { Sequelize } from 'sequelize';
import { migrate, openDatabase } from '../../src/db/index.js';

export interface FreshDatabase {
  db: Sequelize;
  drop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
let made = 0;

function nextName(): string {
  made += 1;
  const prefix = process.env.TEST_DB_PREFIX ?? 'mytests_';
  return `${prefix}w${process.env.VITEST_POOL_ID ?? '1'}_${process.pid}_${made}`;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  const name = nextName();
  if (process.env.TEST_DB_DIALECT === 'mysql') {
    const server = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
    const admin = await mysql.createConnection(server);
    await admin.query(`CREATE DATABASE \`${name}\``);
    await admin.end();
    const db = await openDatabase({ dialect: 'mysql', url: `${server.replace(/\/$/, '')}/${name}` });
    await migrate(db);
    return {
      db,
      drop: async () => {
        await db.close();
        const again = await mysql.createConnection(server);
        await again.query(`DROP DATABASE \`${name}\``);
        await again.end();
      },
    };
  }
  const folder = path.join(here, '..', '.tmp');
  fs.mkdirSync(folder, { recursive: true });
  const storage = path.join(folder, `${name}.sqlite`);
  const db = await openDatabase({ dialect: 'sqlite', storage });
  await migrate(db);
  return {
    db,
    drop: async () => {
      await db.close();
      for (const end of ['', '-wal', '-shm']) fs.rmSync(storage + end, { force: true });
    },
  };
}
