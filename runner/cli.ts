/**
 * The workshop CLI: `npm run <command> [step] [options]`. A thin entry: it parses argv, finds
 * the command in the table and loads only that command's module.
 */
import path from 'node:path';
import { parseArgs } from './lib/args.js';
import { readEnvFile } from './lib/dotenv-file.js';
import { ROOT } from './lib/paths.js';
import type { CommandEntry } from './lib/command.js';
import { UsageError } from './lib/errors.js';
import { UnknownStepError } from './lib/steps.js';
import { c, out } from './lib/ui.js';

export const COMMANDS: CommandEntry[] = [
  { name: 'step', summary: 'start or continue a step: brief, your server with reload, live checklist', usage: 'step <N>', load: () => import('./commands/step.js') },
  { name: 'check', summary: 'run the checks once; exit 0 only if all pass', usage: 'check <N> [--solution|--starter|--target <dir>] [--all] [--reporter pretty|json|junit] [--out <file>]', load: () => import('./commands/check.js') },
  { name: 'solution', summary: "run the reference server of a step (PORT, default 3000)", usage: 'solution <N>', load: () => import('./commands/solution.js') },
  { name: 'hint', summary: 'the next hint for your first failing check', usage: 'hint <N> [--all]', load: () => import('./commands/hint.js') },
  { name: 'diff', summary: 'your step beside the reference solution', usage: 'diff <N> [--full]', load: () => import('./commands/diff.js') },
  { name: 'reset', summary: 'start a step over from the starter (your files are backed up first)', usage: 'reset <N>', load: () => import('./commands/reset.js') },
  { name: 'progress', summary: 'every step, passed/total, and what to do next', usage: 'progress', load: () => import('./commands/progress.js') },
  { name: 'db', summary: 'your database: db migrate | seed | reset | rollback | status (npm run db:migrate)', usage: 'db:migrate | db:seed | db:reset | db:rollback [N]', load: () => import('./commands/db.js') },
  { name: 'doctor', summary: 'check Node, npm, dependencies, .env, database and ports, with fixes', usage: 'doctor', load: () => import('./commands/doctor.js') },
];

function help(): void {
  out(c.bold('Backend workshop') + ' — npm run <command> [step] [options]');
  out();
  const width = Math.max(...COMMANDS.map((e) => e.usage.length));
  for (const e of COMMANDS) out(`  npm run ${e.usage.padEnd(width)}  ${c.dim(e.summary)}`);
  out();
  out(`A step is a number (${c.bold('1')}) or a slug (${c.bold('01-server')}). Put ${c.bold('--')} before options: npm run check 1 -- --solution`);
}

/** The workshop's own .env (see .env.example) fills in what the environment does not set. */
function loadWorkshopEnv(): void {
  for (const [key, value] of Object.entries(readEnvFile(path.join(ROOT, '.env')))) process.env[key] ??= value;
}

export async function main(argv: string[]): Promise<number> {
  loadWorkshopEnv();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help();
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((e) => e.name === name);
  if (!entry) throw new UsageError(`unknown command "${name}". Commands: ${COMMANDS.map((e) => e.name).join(', ')}`);
  const command = (await entry.load()).default;
  if (rest.includes('--help') || rest.includes('-h')) {
    out(`npm run ${entry.usage}`);
    out(`  ${entry.summary}`);
    for (const [opt, spec] of Object.entries(command.options)) out(`  --${opt}${spec.value ? ' <value>' : ''}  ${c.dim(spec.description)}`);
    return 0;
  }
  return command.run(parseArgs(rest, command.options));
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').slice(-2).join('/'));
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof UsageError || err instanceof UnknownStepError) {
        process.stderr.write(`${c.red('error:')} ${err.message}\n`);
        process.exitCode = 2;
      } else {
        // A bug in the runner, not the learner's mistake: show everything.
        process.stderr.write(`${c.red('The workshop runner crashed. Please report this with the output below.')}\n`);
        process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exitCode = 2;
      }
    },
  );
}
