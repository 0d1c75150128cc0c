import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../lib/command.js';
import { UsageError } from '../lib/errors.js';
import { listFiles } from '../lib/fsutil.js';
import { diffLines, hunks } from '../lib/line-diff.js';
import { shortPath } from '../lib/paths.js';
import { findAvailableStep } from '../lib/steps.js';
import { c, next, npmRun, out } from '../lib/ui.js';
import { solutionDir, workspaceDir } from '../lib/workspace.js';

const read = (file: string): string[] => fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
const isText = (file: string): boolean => !fs.readFileSync(file).subarray(0, 4096).includes(0);
// The learner's own secrets and local data are not part of the comparison.
const personal = (rel: string): boolean => rel === '.env' || rel.endsWith('.sqlite') || rel.endsWith('.db') || rel === 'package-lock.json';

const command: Command = {
  async run({ positionals, flags }) {
    if (positionals.length !== 1) throw new UsageError(`which step? e.g. ${npmRun('diff', '1')}`);
    const step = findAvailableStep(positionals[0]);
    const mine = workspaceDir(step);
    const theirs = solutionDir(step);
    if (!fs.existsSync(mine)) throw new UsageError(`${shortPath(mine)} does not exist yet: ${npmRun('step', String(step.number))} creates it`);
    if (flags.full && flags.context !== undefined) throw new UsageError('choose one of --full, --context');
    const context = flags.full ? Number.MAX_SAFE_INTEGER : flags.context === undefined ? 3 : Number(flags.context);
    if (!Number.isInteger(context) || context < 0) throw new UsageError('--context must be a whole number');

    const a = new Set(listFiles(mine).filter((f) => !personal(f)));
    const b = new Set(listFiles(theirs).filter((f) => !personal(f)));
    const all = [...new Set([...a, ...b])].sort();
    out(`${c.bold(`Your ${step.slug}`)} ${c.red('- yours')} / ${c.green('+ reference')}  ${c.dim(`(${shortPath(mine)} vs ${shortPath(theirs)})`)}`);
    let same = 0;
    for (const rel of all) {
      if (!b.has(rel)) {
        out('', `${c.bold(rel)}${c.dim('  only in yours (fine: your design can differ)')}`);
        continue;
      }
      if (!a.has(rel)) {
        out('', `${c.bold(rel)}${c.yellow('  only in the reference')}`);
        continue;
      }
      const fa = path.join(mine, rel);
      const fb = path.join(theirs, rel);
      if (!isText(fa) || !isText(fb)) continue;
      const lines = diffLines(read(fa), read(fb));
      if (lines.every((l) => l.op === ' ')) {
        same++;
        continue;
      }
      out('', c.bold(rel));
      for (const h of hunks(lines, context)) {
        out(c.cyan(`@@ yours line ${h.aStart}, reference line ${h.bStart} @@`));
        for (const l of h.lines) out(l.op === '-' ? c.red(`-${l.text}`) : l.op === '+' ? c.green(`+${l.text}`) : c.dim(` ${l.text}`));
      }
    }
    out('', c.dim(`${same} file(s) identical to the reference.`));
    next(`the checks decide, not the diff: a different design that passes is right. ${npmRun('check', String(step.number))}`);
    return 0;
  },
};

export default command;
