import fs from 'node:fs';
import { it } from 'vitest';

export interface RequirementOptions {
  /** Where the lesson explains this requirement, e.g. `docs/01-server.md#health`. */
  lesson: string;
  /** Milliseconds before the check gives up; the runner also has a hard limit per run. */
  timeout?: number;
  /**
   * Run alongside the file's other concurrent checks. For checks that mostly wait (starting a
   * server process): they overlap instead of adding up. They must not share state.
   */
  concurrent?: boolean;
}

/**
 * A check: one requirement, titled in the learner's words. The lesson link travels with the
 * result (in the task's meta) so `npm run hint` knows which part of the lesson to show.
 */
export function requirement(title: string, options: RequirementOptions, fn: () => Promise<void> | void): void {
  (options.concurrent ? it.concurrent : it)(
    title,
    async ({ task }) => {
      (task.meta as Record<string, unknown>).lesson = options.lesson;
      markStarted(title);
      await fn();
    },
    options.timeout,
  );
}

/** Builds `docs/<step>.md#<anchor>` links for one lesson. */
export const lessonLink =
  (slug: string) =>
  (anchor?: string): string =>
    anchor ? `docs/${slug}.md#${anchor}` : `docs/${slug}.md`;

/**
 * Learner code can block the worker thread (a busy loop), and then vitest's own progress
 * messages never leave it. A synchronous line in a file tells the runner which check was running.
 */
function markStarted(title: string): void {
  const file = process.env.WORKSHOP_PROGRESS_FILE;
  if (file) fs.appendFileSync(file, `${JSON.stringify(title)}\n`);
}
