/**
 * The course checks itself: for every step, the reference solution passes every check, the
 * pristine starter fails every check of the step's new work (and keeps earlier work passing),
 * and every check points at a lesson section that exists.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLessonLink, readLesson } from '../runner/lib/lesson.js';
import type { RunResult } from '../runner/lib/results.js';
import { runChecks } from '../runner/lib/run-checks.js';
import { availableSteps, findStep } from '../runner/lib/steps.js';
import { solutionDir, starterDir } from '../runner/lib/workspace.js';
import { usesDatabase } from '../runner/lib/db-tasks.js';

const summary = (run: RunResult) =>
  [run.problem ? `problem: ${run.problem.message}` : '', ...run.results.map((r) => `${r.state} [${r.group}] ${r.title}${r.message ? `\n    ${r.message.replace(/\n/g, '\n    ')}` : ''}`)].join('\n');

/** On the MySQL pass (test:mysql) only the steps with a database need running again. */
const steps = availableSteps().filter((s) => !process.env.WORKSHOP_DB_STEPS_ONLY || usesDatabase(solutionDir(s)));

describe.each(steps)('$slug', (step) => {
  let solution: RunResult;
  let starter: RunResult;
  beforeAll(async () => {
    [solution, starter] = await Promise.all([
      runChecks({ step, target: solutionDir(step) }),
      runChecks({ step, target: starterDir(step) }),
    ]);
  });

  it('has a starter, a solution, a check file and a lesson', () => {
    for (const file of [starterDir(step), solutionDir(step), `checks/${step.slug}.test.ts`, `docs/${step.slug}.md`]) {
      expect(fs.existsSync(file), `${file} exists`).toBe(true);
    }
  });

  it('the reference solution passes every check', () => {
    expect(solution.problem, summary(solution)).toBeUndefined();
    expect(solution.results.filter((r) => r.group === 'new').length).toBeGreaterThanOrEqual(5);
    expect(solution.results.filter((r) => r.state !== 'pass'), summary(solution)).toEqual([]);
  });

  it("the pristine starter fails every check of the step's new work", () => {
    const own = starter.results.filter((r) => r.group === 'new');
    expect(own.length, summary(starter)).toBe(solution.results.filter((r) => r.group === 'new').length);
    expect(own.filter((r) => r.state !== 'fail').map((r) => r.title), summary(starter)).toEqual([]);
  });

  it('the pristine starter keeps the earlier steps working', () => {
    expect(starter.results.filter((r) => r.group === 'earlier' && r.state !== 'pass'), summary(starter)).toEqual([]);
    expect(starter.problem?.kind === 'timeout' || starter.problem?.kind === 'crash', summary(starter)).toBe(false);
  });

  it('every check links to a lesson section that exists', () => {
    for (const r of solution.results) {
      expect(r.lesson, `"${r.title}" names its lesson section`).toBeTruthy();
      const link = parseLessonLink(r.lesson ?? '');
      expect(link?.anchor, `"${r.title}" links to ${r.lesson}`).toBeTruthy();
      const lesson = readLesson(findStep(link?.slug ?? ''));
      const anchors = lesson?.sections.map((s) => s.anchor) ?? [];
      expect(anchors, `"${r.title}" links to ${r.lesson}`).toContain(link?.anchor);
    }
  });

  it('the starter fails with explanations, not silence', () => {
    for (const r of starter.results.filter((x) => x.state === 'fail' && x.group === 'new')) {
      expect(r.message ?? starter.problem?.message, r.title).toBeTruthy();
    }
  });
});
