import fs from 'node:fs';
import type { Command } from '../lib/command.js';
import { runDbTask, usesDatabase, type DbAction } from '../lib/db-tasks.js';
import { UsageError } from '../lib/errors.js';
import { shortPath } from '../lib/paths.js';
import { STEPS, findAvailableStep, type Step } from '../lib/steps.js';
import { c, next, npmRun, out } from '../lib/ui.js';
import { workspaceDir } from '../lib/workspace.js';

const ACTIONS: Record<string, { action: DbAction; doing: string }> = {
  migrate: { action: 'migrate', doing: 'Applying pending migrations' },
  rollback: { action: 'rollback', doing: 'Undoing every migration' },
  seed: { action: 'seed', doing: 'Adding demo data' },
  reset: { action: 'reset', doing: 'Rebuilding the database from scratch (down, up, seed)' },
  status: { action: 'status', doing: 'Looking for pending migrations' },
};

/** The learner's most advanced started step that has a database. */
function latestDatabaseStep(): Step | undefined {
  return [...STEPS].reverse().find((s) => s.available && fs.existsSync(workspaceDir(s)) && usesDatabase(workspaceDir(s)));
}

const command: Command = {
  async run({ positionals }) {
    const [name, stepName, ...rest] = positionals;
    const entry = name ? ACTIONS[name] : undefined;
    if (!entry || rest.length) throw new UsageError(`usage: npm run db:<${Object.keys(ACTIONS).join('|')}> [step]`);
    const step = stepName ? findAvailableStep(stepName) : latestDatabaseStep();
    if (!step) throw new UsageError(`no started step has a database yet: the database arrives in step 03 (${npmRun('step', '3')})`);
    const dir = workspaceDir(step);
    if (!fs.existsSync(dir)) throw new UsageError(`${shortPath(dir)} does not exist yet: ${npmRun('step', String(step.number))} creates it`);
    if (!usesDatabase(dir)) throw new UsageError(`${step.slug} has no src/db/index.ts: the database arrives in step 03`);

    out(c.dim(`${entry.doing} for ${shortPath(dir)}…`));
    const result = await runDbTask(dir, entry.action);
    if (!result.ok) {
      out(c.red(`${name} failed: ${result.error ?? 'unknown error'}`), c.dim(`database: ${result.database ?? '?'}`));
      next(result.database?.startsWith('mysql') ? `is the server up? docker compose up -d db, then ${npmRun(`db:${name}`)}` : `read the error above, fix src/db/, and run ${npmRun(`db:${name}`)} again`);
      return 1;
    }
    out(`${c.green('Done')} ${c.dim(`(${result.database})`)}`);
    if (result.reverted?.length) out(`  reverted: ${result.reverted.join(', ')}`);
    if (result.applied) out(`  applied: ${result.applied.length ? result.applied.join(', ') : 'nothing pending'}`);
    if (result.pending !== undefined) out(`  pending: ${result.pending === null ? 'unknown (src/db/index.ts exports no pendingMigrations)' : result.pending.length ? result.pending.join(', ') : 'none'}`);
    // What the seed adds is the learner's code (a stub in the 03 starter): say it ran, not what it made.
    if (result.seeded || name === 'seed') out(`  seed: ${shortPath(dir)}/src/db/seed.ts ran (it adds the demo data it was written to add)`);
    return 0;
  },
};

export default command;
