/**
 * Each deliberately wrong submission under test/wrong/<step>/ is the reference solution with one
 * realistic mistake. The check named by `caughtBy` must fail on it: proof that the check can fail
 * for the reason it exists.
 *
 * A plain run takes a sample: one wrong submission for every check that some submission targets,
 * picked by a seed (the commit checked out, or WORKSHOP_SAMPLE_SEED), so every such check is
 * proved able to fail in every run and successive commits go through all of them (see sampleWrong
 * in support/submissions.ts). WORKSHOP_THOROUGH=1 runs every one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject } from '../runner/lib/fsutil.js';
import { ROOT } from '../runner/lib/paths.js';
import { CheckServer, runChecks, runFiles } from '../runner/lib/run-checks.js';
import { availableSteps, devSteps, findAvailableStep, findStep } from '../runner/lib/steps.js';
import { usesDatabase } from '../runner/lib/db-tasks.js';
import { solutionDir } from '../runner/lib/workspace.js';
import { scratch } from './support/cli.js';
import type { WrongSubmission } from './wrong/types.js';
import { applyWrong, changedFiles, differsByDialect, reachesDatabase, sampleSeed, sampleWrong } from './support/submissions.js';

const wrongRoot = path.join(ROOT, 'test', 'wrong');
const dialect = process.env.WORKSHOP_DB_DIALECT === 'mysql' ? 'mysql' : 'sqlite';
const files = fs
  .readdirSync(wrongRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    fs
      .readdirSync(path.join(wrongRoot, d.name))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ slug: d.name, name: f.replace(/\.ts$/, ''), file: path.join(wrongRoot, d.name, f) })),
  )
  // A step not available yet has its wrong submissions written alongside its checks: they run with
  // WORKSHOP_DEV_STEPS=1 (docs/authoring.md), and join the others when the step becomes available.
  .filter((c) => findStep(c.slug).available || devSteps())
  // On the MySQL pass (test:mysql) only the steps with a database need running again.
  .filter((c) => !process.env.WORKSHOP_DB_STEPS_ONLY || usesDatabase(path.join(ROOT, 'solutions', c.slug)));
const cases = await Promise.all(
  files.map(async (c) => {
    const wrong = ((await import(pathToFileURL(c.file).href)) as { default: WrongSubmission }).default;
    return { ...c, wrong, caughtBy: wrong.caughtBy };
  }),
);

/**
 * Whether this pass has anything to prove with a submission: a mistake that shows on one dialect
 * only (wrong.dialects) is left to that dialect's pass, and the MySQL pass reruns only the mistakes
 * that reach the database (see differsByDialect and reachesDatabase): one in CORS headers or in the
 * learner's tests alone is caught the same on either dialect, and the SQLite pass proved it.
 */
const applies = ({ slug, wrong }: (typeof cases)[number]): boolean =>
  (!wrong.dialects || wrong.dialects.includes(dialect)) &&
  (!process.env.WORKSHOP_DB_STEPS_ONLY || (differsByDialect(changedFiles(wrong)) && reachesDatabase(slug, wrong)));
const thorough = !!process.env.WORKSHOP_THOROUGH;
const seed = sampleSeed(ROOT);
const applicable = cases.filter(applies);
const sample = sampleWrong(applicable, seed, thorough);

const made: string[] = [];
// One warm check process per step, reused by its wrong submissions (each run names its target):
// vitest starts once per step, not once per submission.
const servers = new Map<string, CheckServer>();
afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
  made.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

describe('wrong submissions are caught', () => {
  it('there are at least three per available step', () => {
    for (const step of availableSteps()) {
      if (process.env.WORKSHOP_DB_STEPS_ONLY && !usesDatabase(solutionDir(step))) continue;
      expect(cases.filter((c) => c.slug === step.slug).length, step.slug).toBeGreaterThanOrEqual(3);
    }
  });

  it('every one still applies to its solution (a quick look before the long runs)', () => {
    for (const { slug, name, wrong } of cases) {
      for (const edit of wrong.edits ?? []) {
        const text = fs.readFileSync(path.join(solutionDir(findAvailableStep(slug)), edit.file), 'utf8');
        expect(text.includes(edit.find), `${slug}/${name}: ${edit.file} no longer contains ${JSON.stringify(edit.find)}`).toBe(true);
      }
    }
  });

  it('every check a wrong submission targets is proved to fail in this run (the sample is printed)', () => {
    const targeted = new Set(applicable.map((c) => `${c.slug}\0${c.caughtBy}`));
    expect(new Set([...sample].map((c) => `${c.slug}\0${c.caughtBy}`))).toEqual(targeted);
    console.log(
      thorough
        ? `wrong submissions: all ${sample.size} that apply to ${dialect}`
        : `wrong submissions: ${sample.size} of the ${applicable.length} that apply to ${dialect}, one per check they target, picked with seed ${seed}` +
            ` (WORKSHOP_SAMPLE_SEED=${seed} picks the same; WORKSHOP_THOROUGH=1 runs them all)`,
    );
  });

  // Named by a plain string: vitest cuts a $-interpolated name at 40 characters, and -t <name> would miss it.
  // Those left out of this run's sample are listed as skipped.
  describe.each(cases.map((c) => [`${c.slug}/${c.name}`, c] as const))('%s', (_name, c) => {
    it('fails the check meant to catch it', async (ctx) => {
      if (!sample.has(c)) return ctx.skip();
      const { slug, wrong } = c;
      const step = findAvailableStep(slug);
      const root = scratch(`wrong-${slug}`);
      made.push(root);
      const dir = path.join(root, step.slug);
      copyProject(solutionDir(step), dir);
      applyWrong(dir, wrong);
      // Only the check meant to catch it runs (it may be an earlier step's): the others would pass
      // or fail for other reasons.
      if (!servers.has(slug)) servers.set(slug, new CheckServer(runFiles(step)));
      const run = await runChecks({ step, target: dir, only: wrong.caughtBy, server: servers.get(slug) });
      const check = run.results.find((r) => r.title === wrong.caughtBy);
      expect(check, `no check is titled "${wrong.caughtBy}"; checks: ${run.results.map((r) => r.title).join(' | ')}`).toBeDefined();
      expect(check?.state, `"${wrong.description}" should fail "${wrong.caughtBy}"`).toBe('fail');
      expect(check?.message, 'the failure explains itself').toBeTruthy();
      // The mistake is one a learner could make in working code: it must not break the whole project.
      expect(run.problem, run.problem?.message).toBeUndefined();
      // A check run on a busy machine may take minutes; its budgets adapt, and so does this.
    }, 600_000);
  });
});
