/**
 * The workshop CLI: `npm run <command> [step] [options]`. A thin entry: it parses argv with the
 * options the command table declares, and loads only that command's module.
 */
import path from 'node:path';
import { parseArgs } from './lib/args.js';
import { COMMANDS } from './commands/index.js';
import { helpOf, usageOf } from './lib/command.js';
import { loadDefaults } from './lib/dotenv-file.js';
import { ROOT } from './lib/paths.js';
import { UsageError } from './lib/errors.js';
import { UnknownStepError } from './lib/steps.js';
import { stepFromCwd } from './lib/workspace.js';
import { c, out } from './lib/ui.js';

export { COMMANDS };

function help(): void {
  out(c.bold('Backend workshop') + ' — npm run <command> [step] [-- options]');
  out();
  const usages = COMMANDS.map((e) => usageOf(e, { withOptions: false }));
  const width = Math.max(...usages.map((u) => u.length));
  COMMANDS.forEach((e, i) => out(`  ${usages[i].padEnd(width)}  ${c.dim(e.summary)}`));
  out();
  out(`A step is a number (${c.bold('1')}) or a slug (${c.bold('01-server')}). Put ${c.bold('--')} before options: npm run check 1 -- --solution`);
  out(`Each command's options: npm run <command> -- --help`);
}

export async function main(argv: string[]): Promise<number> {
  // The workshop's own .env (see .env.example) fills in what the environment does not set.
  loadDefaults(path.join(ROOT, '.env'));
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help();
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((e) => e.name === name);
  if (!entry) throw new UsageError(`unknown command "${name}". Commands: ${COMMANDS.map((e) => e.name).join(', ')}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    out(...helpOf(entry));
    return 0;
  }
  const args = parseArgs(rest, entry.options);
  // Run from inside workspace/NN-slug without a step: that step is meant.
  if (args.positionals.length === 0 && entry.args?.includes('N')) {
    const here = stepFromCwd();
    if (here) args.positionals.push(here.slug);
  } else if (entry.name === 'db' && args.positionals.length === 1) {
    const here = stepFromCwd();
    if (here) args.positionals.push(here.slug);
  }
  const command = (await entry.load()).default;
  return command.run(args);
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
