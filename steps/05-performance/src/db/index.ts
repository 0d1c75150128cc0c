/**
 * The database contract of the workshop (docs/03-database.md#the-database-contract):
 * `openDatabase(config)` connects and binds the models; `migrate(db)` brings the schema up to
 * date, `migrate(db, 'down')` undoes every migration; `seed(db)` adds demo data.
 */
import { Sequelize, Transaction, type QueryInterface } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { DatabaseConfig } from '../config.js';
import { initModels } from './models.js';
import { MIGRATIONS } from './migrations/index.js';
import { oneWriterAtATime, retryDeadlocks } from './concurrency.js';

export type { DatabaseConfig };
export { DatabaseBusyError } from './concurrency.js';
export { seed } from './seed.js';

export interface OpenOptions {
  /** Where SQL goes: false (default) for nowhere, or a function such as a logger's debug. */
  logging?: false | ((sql: string) => void);
}

export async function openDatabase(config: DatabaseConfig, { logging = false }: OpenOptions = {}): Promise<Sequelize> {
  const sequelize =
    config.dialect === 'sqlite'
      ? new Sequelize({
          dialect: 'sqlite',
          storage: config.storage,
          logging,
          // IMMEDIATE takes the write lock when a transaction begins, not halfway through, where two
          // transactions (of two processes sharing the file) could each wait for the other.
          transactionType: Transaction.TYPES.IMMEDIATE,
          // A statement that still finds the file locked after busy_timeout (another process) is
          // tried once more, not five times: waiting stays bounded.
          retry: { max: 2, match: [/SQLITE_BUSY/] },
        })
      : new Sequelize(config.url, {
          dialect: 'mysql',
          logging,
          // Store and read DATETIMEs as UTC, whatever the server's or the laptop's time zone.
          timezone: '+00:00',
          pool: { max: 10, min: 0, idle: 10_000 },
        });
  // One transaction writes at a time on SQLite; deadlock victims run again on MySQL.
  if (config.dialect === 'sqlite') oneWriterAtATime(sequelize);
  else retryDeadlocks(sequelize);
  initModels(sequelize);
  await sequelize.authenticate();
  if (config.dialect === 'sqlite') {
    // Write-ahead logging: readers no longer wait for writers. It is remembered by the file.
    await sequelize.query('PRAGMA journal_mode = WAL');
  }
  return sequelize;
}

function migrator(sequelize: Sequelize) {
  return new Umzug<QueryInterface>({
    migrations: MIGRATIONS.map((m) => ({ name: m.name, up: ({ context }) => m.up(context), down: ({ context }) => m.down(context) })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

/** Applies every pending migration ('up', the default) or undoes all of them ('down'). */
export async function migrate(sequelize: Sequelize, direction: 'up' | 'down' = 'up'): Promise<string[]> {
  const umzug = migrator(sequelize);
  const done = direction === 'up' ? await umzug.up() : await umzug.down({ to: 0 });
  return done.map((m) => m.name);
}

/** Names of the migrations not applied yet (`npm run doctor` shows them). */
export async function pendingMigrations(sequelize: Sequelize): Promise<string[]> {
  return (await migrator(sequelize).pending()).map((m) => m.name);
}
