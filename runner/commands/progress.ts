import type { Command } from '../lib/command.js';
import { currentProgress } from '../lib/current-run.js';
import { STEPS } from '../lib/steps.js';
import { c, next, npmRun, out, sym } from '../lib/ui.js';

const command: Command = {
  async run({ flags }) {
    out(c.bold('Your progress'));
    let todo: string | undefined;
    const width = Math.max(...STEPS.map((s) => s.slug.length));
    for (const step of STEPS) {
      const name = step.slug.padEnd(width);
      if (!step.available) {
        out(c.dim(`  ${sym.skip} ${name}  coming soon ${sym.dot} ${step.summary}`));
        continue;
      }
      const p = await currentProgress(step, { fresh: Boolean(flags.fresh) });
      if (!p) {
        out(`  ${sym.skip} ${name}  ${c.dim('not started')} ${c.dim(`${sym.dot} ${step.summary}`)}`);
        todo ??= `start ${step.slug}: ${npmRun('step', String(step.number))}`;
      } else if (p.allPass) {
        out(`  ${c.green(sym.pass)} ${name}  ${c.green(`${p.passed}/${p.total}`)} ${c.dim(`${sym.dot} ${step.title}`)}`);
      } else {
        out(`  ${c.red(sym.fail)} ${name}  ${c.yellow(`${p.passed}/${p.total}`)} ${c.dim(`${sym.dot} first failing: ${p.firstFailing?.title ?? 'see npm run check'}`)}`);
        todo ??= `continue ${step.slug}: ${npmRun('step', String(step.number))}`;
      }
    }
    out('');
    next(todo ?? 'every available step passes: well done! Later steps are on their way.');
    return 0;
  },
};

export default command;
