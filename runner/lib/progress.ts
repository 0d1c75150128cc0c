import path from 'node:path';
import { dirs } from './paths.js';
import { readJsonFile, writeJsonFile } from './fsutil.js';
import type { RunResult } from './results.js';
import { counts, runPassed } from './results.js';

const file = path.join(dirs.state, 'progress.json');

export interface StepProgress {
  /** Fingerprint of the checked folder's files when the result was recorded. */
  fingerprint: string;
  passed: number;
  total: number;
  allPass: boolean;
  firstFailing?: { title: string; lesson?: string; timedOut?: boolean };
  /** Every failing check, this step's first (watch mode and --failed/--failing-first run them first). */
  failing?: { file: string; title: string }[];
  checkedAt: string;
}

type Store = Record<string, StepProgress>;

export function readProgress(): Store {
  return readJsonFile<Store>(file, {});
}

/** Remembers the last result of checking a learner's workspace step (not solutions or starters). */
export function recordProgress(run: RunResult, fingerprint: string): StepProgress {
  const store = readProgress();
  const failing = run.results.find((r) => r.state === 'fail' && r.group === 'new') ?? run.results.find((r) => r.state === 'fail');
  const { passed, total } = counts(run);
  const entry: StepProgress = {
    fingerprint,
    passed,
    total,
    allPass: runPassed(run),
    ...(failing && { firstFailing: { title: failing.title, ...(failing.lesson && { lesson: failing.lesson }), ...(failing.timedOut && { timedOut: true }) } }),
    failing: [...run.results.filter((r) => r.state === 'fail' && r.group === 'new'), ...run.results.filter((r) => r.state === 'fail' && r.group !== 'new')]
      .filter((r) => r.file)
      .map((r) => ({ file: r.file as string, title: r.title })),
    checkedAt: new Date().toISOString(),
  };
  store[run.step] = entry;
  writeJsonFile(file, store);
  return entry;
}

const hintsFile = path.join(dirs.state, 'hints.json');

/** How many hints of a lesson section the learner has seen. */
export function hintLevel(key: string): number {
  return readJsonFile<Record<string, number>>(hintsFile, {})[key] ?? 0;
}

export function setHintLevel(key: string, level: number): void {
  const store = readJsonFile<Record<string, number>>(hintsFile, {});
  store[key] = level;
  writeJsonFile(hintsFile, store);
}
