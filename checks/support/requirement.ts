import fs from 'node:fs';
import { it } from 'vitest';
import { ENV } from '../../runner/lib/results.js';
import { checkTimeout, TimeoutFailure, withRetryOnTimeout } from './budget.js';
import { BlockedFailure, CheckFailure } from './expect.js';
import { currentLesson, currentStep } from './steps.js';
import { forgetTodoAnswers, todoAnswerSeen } from './todo.js';
import { progress } from './learner-code.js';

export interface RequirementOptions {
  /** Where the lesson explains this requirement, e.g. `docs/01-server.md#health`. */
  lesson: string;
  /**
   * The requirement sentences of the lesson this check enforces, by their marker id
   * (`<!-- req: health-200 -->` in docs/NN-slug.md). An id without a step (`health-200`) is one of
   * this lesson's; `02-api#create-201` names another step's. The workshop's tests fail when a
   * lesson's requirement has no check, or a check no requirement.
   */
  covers: string[];
  /**
   * Milliseconds the check takes at most on the development machine (default 10 s). Scaled to the
   * machine; the runner also has a hard limit per run.
   */
  timeout?: number;
  /**
   * Run alongside the file's other concurrent checks. For checks that mostly wait (starting a
   * server process): they overlap instead of adding up. They must not share state.
   */
  concurrent?: boolean;
}

/**
 * A check: one requirement, titled in the learner's words. The lesson link and the requirements
 * it covers travel with the result (in the task's meta), so `npm run hint` knows which part of
 * the lesson to show and the workshop's tests can trace every requirement to its checks.
 *
 * A check whose waits run out is run once more with larger budgets (see budget.ts) before a
 * timeout is reported; a timeout is never reported as a content failure.
 */
export function requirement(title: string, options: RequirementOptions, fn: () => Promise<void> | void): void {
  const slug = stepOfLink(options.lesson);
  const covers = (options.covers ?? []).map((id) => (id.includes('#') ? id : `${slug}#${id}`));
  (options.concurrent ? it.concurrent : it)(
    title,
    async ({ task }) => {
      const meta = task.meta as Record<string, unknown>;
      // An earlier step's check speaks the current step's lesson where that lesson took the rule over.
      meta.lesson = currentLesson(options.lesson);
      meta.covers = covers;
      markStarted(title);
      forgetTodoAnswers();
      try {
        await withRetryOnTimeout(fn);
      } catch (err) {
        throw blockedByCurrentStep(err, stepOfFile(task.file?.filepath) ?? slug);
      }
    },
    checkTimeout(options.timeout ?? 10_000),
  );
}

/**
 * An earlier step's check that failed after the project answered with one of the current step's
 * TODOs has not found a regression: it needs the current step's work first (todo.ts).
 */
function blockedByCurrentStep(err: unknown, checkStep: string): unknown {
  const current = currentStep();
  const todo = todoAnswerSeen();
  if (!todo || !current || current <= checkStep) return err;
  if (!(err instanceof CheckFailure) || err instanceof BlockedFailure || err instanceof TimeoutFailure) return err;
  return new BlockedFailure(err.expected, err.got, err.lesson, `this check runs once this step's TODO is done (${todo.replace(/^not implemented: /, '')})`);
}

const stepOfFile = (file: string | undefined): string | undefined => (file ? /(\d\d-[\w-]+?)(?:\.[\w-]+)?\.test\.ts$/.exec(file)?.[1] : undefined);
const stepOfLink = (link: string): string => /docs\/(\d\d-[\w-]+)\.md/.exec(link)?.[1] ?? 'unknown-step';

/** Builds `docs/<step>.md#<anchor>` links for one lesson. */
export const lessonLink =
  (slug: string) =>
  (anchor?: string): string =>
    anchor ? `docs/${slug}.md#${anchor}` : `docs/${slug}.md`;

/**
 * Learner code can block the worker thread (a busy loop), and then vitest's own progress
 * messages never leave it. A synchronous line in a file tells the runner which check was running,
 * and a heartbeat on the same file tells it the worker is still alive: the runner stops a run
 * only when the heartbeat stops, never because the machine is slow.
 */
function markStarted(title: string): void {
  const file = process.env[ENV.progressFile];
  if (!file) return;
  progress({ started: title });
  startHeartbeat(file);
}

let heartbeat: NodeJS.Timeout | undefined;
function startHeartbeat(file: string): void {
  if (heartbeat) return;
  heartbeat = setInterval(() => {
    try {
      const now = new Date();
      fs.utimesSync(file, now, now);
    } catch {
      // The runner removed the file: the run is over.
    }
  }, 500);
  heartbeat.unref();
}
