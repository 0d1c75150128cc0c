import type { Command } from '../lib/command.js';
import { currentProgress } from '../lib/current-run.js';
import { UsageError } from '../lib/errors.js';
import { nextHint } from '../lib/hints.js';
import { toTerminal } from '../lib/lesson.js';
import { findAvailableStep } from '../lib/steps.js';
import { c, next, npmRun, out } from '../lib/ui.js';

const command: Command = {
  async run({ positionals, flags }) {
    if (positionals.length !== 1) throw new UsageError(`which step? e.g. ${npmRun('hint', '1')}`);
    const step = findAvailableStep(positionals[0]);
    const n = String(step.number);
    const progress = await currentProgress(step);
    if (!progress) {
      out(`You have not started ${step.slug} yet.`);
      next(npmRun('step', n));
      return 0;
    }
    const answer = nextHint(step, progress.firstFailing, { all: Boolean(flags.all), allPass: progress.allPass });
    if (answer.kind === 'all-pass') {
      out(c.green(`Every check of ${step.slug} passes: no hint needed.`));
      next(npmRun('progress'));
      return 0;
    }
    if (answer.failing) out(`${c.bold('First failing check:')} ${answer.failing.title}`);
    if (answer.kind === 'timeout') {
      out('', 'It ran out of time rather than finding something wrong. Either your code never answers there (an await that');
      out('never settles, a response never sent, a loop that never ends), or the machine was too busy: run the checks again.');
      out(`If it keeps happening on a slow machine, see docs/troubleshooting.md#the-checks-time-out (WORKSHOP_TIME_SCALE).`);
      next(npmRun('check', n));
      return 0;
    }
    if (answer.kind === 'no-section') {
      out(`Read the check's message (${npmRun('check', n)}) and the lesson: docs/${answer.lessonSlug}.md`);
      for (const t of answer.tasks) out(`  - ${t}`);
      return 0;
    }
    // The lesson is one click away; the hint is what the learner asked for, and nothing more.
    out(`${c.bold('Lesson:')} ${answer.section.heading} ${c.dim(`(docs/${answer.lessonSlug}.md#${answer.section.anchor})`)}`);
    if (answer.kind === 'no-hints') {
      out('', 'This section has no hints: read it again, and the failure message of the check.');
      next(npmRun('check', n));
      return 0;
    }
    for (const h of answer.shown) out('', c.bold(c.cyan(`${h.label} of ${answer.of}`)), toTerminal(h.text));
    const level = answer.shown[answer.shown.length - 1].number;
    out('');
    if (level < answer.of) next(`try it; still stuck? ${npmRun('hint', n)} again for hint ${level + 1}`);
    else next(`that was the last hint; compare with the reference: ${npmRun('diff', n)}`);
    return 0;
  },
};

export default command;
