import type { Command } from '../lib/command.js';
import { currentProgress } from '../lib/current-run.js';
import { UsageError } from '../lib/errors.js';
import { hintsOf, parseLessonLink, readLesson, tasksOf, toTerminal } from '../lib/lesson.js';
import { hintLevel, setHintLevel } from '../lib/progress.js';
import { findAvailableStep, findStep } from '../lib/steps.js';
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
    if (progress.allPass) {
      out(c.green(`Every check of ${step.slug} passes: no hint needed.`));
      next(npmRun('progress'));
      return 0;
    }
    const failing = progress.firstFailing;
    if (failing?.timedOut) {
      // A timeout says nothing about what the code should be: no lesson hint for it.
      out(`${c.bold('First failing check:')} ${failing.title}`);
      out('', 'It ran out of time rather than finding something wrong. Either your code never answers there (an await that');
      out('never settles, a response never sent, a loop that never ends), or the machine was too busy: run the checks again.');
      out(`If it keeps happening on a slow machine, see docs/troubleshooting.md#the-checks-time-out (WORKSHOP_TIME_SCALE).`);
      next(npmRun('check', n));
      return 0;
    }
    const link = failing?.lesson ? parseLessonLink(failing.lesson) : undefined;
    const lessonStep = link ? findStep(link.slug) : step;
    const lesson = readLesson(lessonStep);
    const section = lesson && link?.anchor ? lesson.sections.find((s) => s.anchor === link.anchor) : undefined;

    if (failing) out(`${c.bold('First failing check:')} ${failing.title}`);
    if (!lesson || !section) {
      // No section to draw from (a load error, a crash): point at the lesson's task list instead.
      out(`Read the check's message (${npmRun('check', n)}) and the lesson: docs/${lessonStep.slug}.md`);
      if (lesson) for (const t of tasksOf(lesson)) out(`  - ${t.heading}`);
      return 0;
    }
    const hints = hintsOf(lessonStep, section.anchor);
    const key = `${lessonStep.slug}#${section.anchor}`;
    // The lesson is one click away; the hint is what the learner asked for, and nothing more.
    out(`${c.bold('Lesson:')} ${section.heading} ${c.dim(`(docs/${lessonStep.slug}.md#${section.anchor})`)}`);
    if (hints.length === 0) {
      out('', 'This section has no hints: read it again, and the failure message of the check.');
      next(npmRun('check', n));
      return 0;
    }
    const seen = hintLevel(key);
    const level = flags.all ? hints.length : Math.min(seen + 1, hints.length);
    for (let i = flags.all ? 0 : level - 1; i < level; i++) {
      out('', c.bold(c.cyan(`${hints[i].label} of ${hints.length}`)), toTerminal(hints[i].text));
    }
    setHintLevel(key, Math.max(seen, level));
    out('');
    if (level < hints.length) next(`try it; still stuck? ${npmRun('hint', n)} again for hint ${level + 1}`);
    else next(`that was the last hint; compare with the reference: ${npmRun('diff', n)}`);
    return 0;
  },
};

export default command;
