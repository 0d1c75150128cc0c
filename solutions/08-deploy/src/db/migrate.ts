/**
 * `npm run migrate` (node dist/db/migrate.js): applies the pending migrations to the configured
 * database and exits. In a deployment it runs once, as a job of its own, before the new version of
 * the app starts (docs/08-deploy.md#migrations-before-the-app): never in every instance at start-up,
 * where two instances would race to alter the same tables.
 *
 * The migrations are compiled with the app (src/db/migrations → dist/db/migrations) and imported by
 * the list in migrations/index.ts, relative to this module: the job finds them from dist/ and from
 * src/ (under tsx) alike, whatever folder it is started from.
 *
 * Exit codes: 0 when the schema is up to date (also when there was nothing to do: run it as often
 * as you like), 1 with one line saying why when it is not.
 */
import 'dotenv/config';
import { ConfigError, loadDatabaseConfig, withoutPassword } from '../config.js';
import { migrate, openDatabase } from './index.js';

async function main(): Promise<number> {
  let config;
  try {
    // Only the database settings: a migration job has no JWT_SECRET, and needs none.
    config = loadDatabaseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const where = config.dialect === 'sqlite' ? `sqlite, ${config.storage}` : `mysql, ${withoutPassword(config.url)}`;
  let db;
  try {
    db = await openDatabase(config);
  } catch (err) {
    console.error(`migrate: cannot reach the database (${where}): ${oneLine(err)}`);
    return 1;
  }
  try {
    const applied = await migrate(db);
    console.log(
      JSON.stringify({
        level: 'info',
        time: new Date().toISOString(),
        msg: applied.length ? `migrate: applied ${applied.length} migration(s)` : 'migrate: the schema is up to date, nothing to apply',
        applied,
        database: where,
      }),
    );
    return 0;
  } catch (err) {
    console.error(`migrate: a migration failed (${where}): ${oneLine(err)}`);
    return 1;
  } finally {
    await db.close();
  }
}

const oneLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0];

process.exit(await main());
