/**
 * A fresh, migrated database for one test file, on the dialect the tests run on: SQLite by
 * default (a new file in the system's temp folder), MySQL/MariaDB when TEST_DB_DIALECT=mysql (a new
 * database on the server at TEST_MYSQL_URL). Tests that each start from an empty database never
 * depend on the order they run in, nor on what another file left behind.
 *
 *   const { db, drop } = await freshDatabase();
 *   afterAll(drop);
 *
 * docs/06-testing.md#a-fresh-database-per-file
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Sequelize } from 'sequelize';
import { migrate, openDatabase } from '../../src/db/index.js';

export interface FreshDatabase {
  db: Sequelize;
  /** Closes the connection and deletes the database (the file, or the MySQL database). */
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  // Unique per call: test files run in parallel, in processes of their own.
  const name = `${process.env.TEST_DB_PREFIX ?? 'conduit_test_'}${crypto.randomBytes(6).toString('hex')}`;
  if (process.env.TEST_DB_DIALECT === 'mysql') {
    const server = (process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
    const mysql = await import('mysql2/promise');
    const admin = await mysql.createConnection(server);
    try {
      await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await admin.end();
    }
    const db = await openDatabase({ dialect: 'mysql', url: `${server}/${name}` });
    await migrate(db);
    return {
      db,
      async drop() {
        await db.close();
        const again = await mysql.createConnection(server);
        await again.query(`DROP DATABASE IF EXISTS \`${name}\``).finally(() => again.end());
      },
    };
  }
  const storage = path.join(os.tmpdir(), `${name}.sqlite`);
  const db = await openDatabase({ dialect: 'sqlite', storage });
  await migrate(db);
  return {
    db,
    async drop() {
      await db.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${storage}${suffix}`, { force: true });
    },
  };
}
