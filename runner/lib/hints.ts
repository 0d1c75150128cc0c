/**
 * The next hint for what a learner is stuck on, shared by `npm run hint` and the step page:
 * hints come one at a time, in escalating order, only when asked, and the level reached is
 * remembered per lesson section (so the terminal and the page never repeat or skip one).
 */
import { hintsOf, parseLessonLink, readLesson, tasksOf, type Hint } from './lesson.js';
import { hintLevel, setHintLevel } from './progress.js';
import { findStep, type Step } from './steps.js';

export interface FailingCheck {
  title: string;
  lesson?: string;
  timedOut?: boolean;
}

export type HintAnswer =
  /** Every check passes. */
  | { kind: 'all-pass' }
  /** The failing check ran out of time: no lesson hint says anything about that. */
  | { kind: 'timeout'; failing: FailingCheck }
  /** No lesson section to draw from (a load error, a crash): the lesson's tasks instead. */
  | { kind: 'no-section'; failing?: FailingCheck; lessonSlug: string; tasks: string[] }
  | { kind: 'no-hints'; failing?: FailingCheck; lessonSlug: string; section: { heading: string; anchor: string } }
  | { kind: 'hints'; failing?: FailingCheck; lessonSlug: string; section: { heading: string; anchor: string }; shown: (Hint & { number: number })[]; of: number };

/** The next hint (or, with `all`, every hint) for the first failing check, remembering the level. */
export function nextHint(step: Step, failing: FailingCheck | undefined, { all = false, allPass = false } = {}): HintAnswer {
  if (allPass) return { kind: 'all-pass' };
  if (failing?.timedOut) return { kind: 'timeout', failing };
  const link = failing?.lesson ? parseLessonLink(failing.lesson) : undefined;
  const lessonStep = link ? findStep(link.slug) : step;
  const lesson = readLesson(lessonStep);
  const section = lesson && link?.anchor ? lesson.sections.find((s) => s.anchor === link.anchor) : undefined;
  if (!lesson || !section) return { kind: 'no-section', failing, lessonSlug: lessonStep.slug, tasks: lesson ? tasksOf(lesson).map((t) => t.heading) : [] };
  const where = { heading: section.heading, anchor: section.anchor };
  const hints = hintsOf(lessonStep, section.anchor);
  if (hints.length === 0) return { kind: 'no-hints', failing, lessonSlug: lessonStep.slug, section: where };
  const key = `${lessonStep.slug}#${section.anchor}`;
  const seen = hintLevel(key);
  const level = all ? hints.length : Math.min(seen + 1, hints.length);
  setHintLevel(key, Math.max(seen, level));
  const shown = hints.map((h, i) => ({ ...h, number: i + 1 })).slice(all ? 0 : level - 1, level);
  return { kind: 'hints', failing, lessonSlug: lessonStep.slug, section: where, shown, of: hints.length };
}
