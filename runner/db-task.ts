/**
 * Runs one database task of a learner's project in its own process (the project's code is
 * TypeScript with its own module state, so it never runs inside the runner):
 *   node --import tsx runner/db-task.ts <migrate|rollback|seed|reset|status> <step folder>
 * The database comes from the environment and the step's .env, with the same variables and
 * defaults as the project's own config (docs/03-database.md#the-database-contract).
 * Prints one JSON line: { ok, action, database, applied?, pending?, error? }.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readEnvFile } from './lib/dotenv-file.js';
import { databaseFromEnv, describeDatabase, type DatabaseConfig } from './lib/database-config.js';

type Db = { close(): Promise<void> };
interface DbModule {
  openDatabase(config: DatabaseConfig, options?: { logging?: false }): Db | Promise<Db>;
  migrate(db: Db, direction?: 'up' | 'down'): Promise<unknown>;
  seed?(db: Db): Promise<unknown>;
  pendingMigrations?(db: Db): Promise<string[]>;
}

const [action, dirArg] = process.argv.slice(2);
const dir = path.resolve(dirArg ?? '.');
const env = { ...readEnvFile(path.join(dir, '.env')), ...process.env };
const database = databaseFromEnv(env, dir);
const report = (fields: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ action, database: describeDatabase(database), ...fields })}\n`);

const names = (result: unknown): string[] | undefined =>
  Array.isArray(result) ? result.map((m: unknown) => (typeof m === 'string' ? m : String((m as { name?: string }).name ?? m))) : undefined;

let db: Db | undefined;
try {
  const mod = (await import(pathToFileURL(path.join(dir, 'src', 'db', 'index.ts')).href)) as Partial<DbModule>;
  if (typeof mod.openDatabase !== 'function' || typeof mod.migrate !== 'function') {
    throw new Error('src/db/index.ts must export openDatabase(config) and migrate(db, direction)');
  }
  db = await mod.openDatabase(database, { logging: false });
  switch (action) {
    case 'migrate':
      report({ ok: true, applied: names(await mod.migrate(db)) ?? [] });
      break;
    case 'rollback':
      report({ ok: true, reverted: names(await mod.migrate(db, 'down')) ?? [] });
      break;
    case 'seed':
      if (typeof mod.seed !== 'function') throw new Error('src/db/index.ts does not export seed(db) yet');
      await mod.migrate(db);
      await mod.seed(db);
      report({ ok: true });
      break;
    case 'reset': {
      const reverted = names(await mod.migrate(db, 'down')) ?? [];
      const applied = names(await mod.migrate(db)) ?? [];
      if (typeof mod.seed === 'function') await mod.seed(db);
      report({ ok: true, reverted, applied, seeded: typeof mod.seed === 'function' });
      break;
    }
    case 'status':
      report({ ok: true, pending: typeof mod.pendingMigrations === 'function' ? await mod.pendingMigrations(db) : null });
      break;
    default:
      throw new Error(`unknown action "${action}"`);
  }
} catch (err) {
  const e = err as Error;
  report({ ok: false, error: `${e.name === 'Error' ? '' : `${e.name}: `}${e.message.split('\n')[0]}` });
  process.exitCode = 1;
} finally {
  await db?.close().catch(() => undefined);
}
