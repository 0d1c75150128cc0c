import fs from 'node:fs';
import type { Command } from '../lib/command.js';
import { UsageError } from '../lib/errors.js';
import { shortPath } from '../lib/paths.js';
import { diffStep } from '../lib/step-diff.js';
import { findAvailableStep } from '../lib/steps.js';
import { c, next, npmRun, out } from '../lib/ui.js';
import { workspaceDir } from '../lib/workspace.js';

const command: Command = {
  async run({ positionals, flags }) {
    if (positionals.length !== 1) throw new UsageError(`which step? e.g. ${npmRun('diff', '1')}`);
    const step = findAvailableStep(positionals[0]);
    if (!fs.existsSync(workspaceDir(step))) throw new UsageError(`${shortPath(workspaceDir(step))} does not exist yet: ${npmRun('step', String(step.number))} creates it`);
    if (flags.full && flags.context !== undefined) throw new UsageError('choose one of --full, --context');
    const context = flags.full ? Number.MAX_SAFE_INTEGER : flags.context === undefined ? 3 : Number(flags.context);
    if (!Number.isInteger(context) || context < 0) throw new UsageError('--context must be a whole number');

    const diff = diffStep(step, context);
    out(`${c.bold(`Your ${step.slug}`)} ${c.red('- yours')} / ${c.green('+ reference')}  ${c.dim(`(${shortPath(diff.mine)} vs ${shortPath(diff.theirs)})`)}`);
    for (const f of diff.files) {
      if ('only' in f) {
        out('', f.only === 'yours' ? `${c.bold(f.file)}${c.dim('  only in yours (fine: your design can differ)')}` : `${c.bold(f.file)}${c.yellow('  only in the reference')}`);
        continue;
      }
      out('', c.bold(f.file));
      for (const h of f.hunks) {
        out(c.cyan(`@@ yours line ${h.aStart}, reference line ${h.bStart} @@`));
        for (const l of h.lines) out(l.op === '-' ? c.red(`-${l.text}`) : l.op === '+' ? c.green(`+${l.text}`) : c.dim(` ${l.text}`));
      }
    }
    out('', c.dim(`${diff.same} file(s) identical to the reference.`));
    next(`the checks decide, not the diff: a different design that passes is right. ${npmRun('check', String(step.number))}`);
    return 0;
  },
};

export default command;
