/**
 * Carrying the learner's own code into the next step (`npm run step N -- --from-mine`).
 *
 * Each starter is the reference solution of the step before plus the new step's scaffolding. So
 * the new scaffolding is the difference between the reference of N-1 and the starter of N, and
 * it can be laid over the learner's own N-1 the way git merges a branch: a three-way merge per
 * file, with the reference of N-1 as the common base. Where the learner and the scaffolding
 * changed the same lines, both versions are kept between conflict markers, for the learner to
 * resolve; nothing of theirs is dropped silently.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mergeDiff3 } from 'node-diff3';
import { listFiles } from './fsutil.js';
import type { Step } from './steps.js';

/** Besides what listFiles skips: the learner's local state, not code to merge. */
const LOCAL = new Set(['.env']);

export type CarryOutcome =
  /** New in the starter: copied. */
  | 'scaffolding'
  /** The learner's file, which the new step does not touch: kept as it is. */
  | 'yours'
  /** Both changed it, in different places: merged. */
  | 'merged'
  /** Both changed the same lines: written with conflict markers. */
  | 'conflict'
  /** The new step removed it and the learner had not changed it: left out. */
  | 'removed'
  /** The new step has no such file, but the learner had changed it: kept, to review. */
  | 'kept'
  /** The learner had removed it, but the new step changes it: written, to review. */
  | 'restored';

export interface CarriedFile {
  file: string;
  outcome: CarryOutcome;
  /** Conflicting regions (for 'conflict'). */
  conflicts?: number;
}

export interface CarryLabels {
  yours: string;
  base: string;
  starter: string;
}

const read = (dir: string, rel: string): Buffer | undefined => {
  const file = path.join(dir, rel);
  return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
};

const isBinary = (b: Buffer): boolean => b.subarray(0, 8000).includes(0);

/** Splits text into lines without their endings, remembering whether the file used CRLF. */
function lines(b: Buffer): { lines: string[]; crlf: boolean } {
  const text = b.toString('utf8');
  return { lines: text.split(/\r?\n/), crlf: /\r\n/.test(text) };
}

/** One file, three versions (any may be missing): the merged content and what happened. */
export function carryFile(
  rel: string,
  base: Buffer | undefined,
  yours: Buffer | undefined,
  starter: Buffer | undefined,
  labels: CarryLabels,
): { content?: Buffer; outcome: CarryOutcome; conflicts?: number } | undefined {
  const same = (a?: Buffer, b?: Buffer) => a !== undefined && b !== undefined && a.equals(b);
  if (!yours && !starter) return undefined;
  if (!yours) {
    if (!base) return { content: starter, outcome: 'scaffolding' };
    // The learner removed a file of the reference: keep it removed unless the step changes it.
    return same(base, starter) ? undefined : { content: starter, outcome: 'restored' };
  }
  if (!starter) {
    if (!base) return { content: yours, outcome: 'yours' };
    return same(base, yours) ? { outcome: 'removed' } : { content: yours, outcome: 'kept' };
  }
  if (same(yours, starter) || same(base, starter)) return { content: yours, outcome: 'yours' };
  if (base && same(base, yours)) return { content: starter, outcome: 'scaffolding' };
  if (isBinary(yours) || isBinary(starter) || (base && isBinary(base))) {
    // No line merge for binary files: the learner's stays, and the list says to compare.
    return { content: yours, outcome: 'kept' };
  }
  const a = lines(yours);
  const o = base ? lines(base).lines : [];
  const b = lines(starter);
  const merged = mergeDiff3(a.lines, o, b.lines, {
    label: { a: `yours (${labels.yours})`, o: `reference (${labels.base})`, b: `starter (${labels.starter})` },
    excludeFalseConflicts: true,
  });
  const text = merged.result.join(a.crlf ? '\r\n' : '\n');
  const conflicts = merged.result.filter((l) => typeof l === 'string' && l.startsWith('<<<<<<< ')).length;
  return { content: Buffer.from(text, 'utf8'), outcome: conflicts ? 'conflict' : 'merged', ...(conflicts && { conflicts }) };
}

/**
 * Writes into `dest` (empty or missing) the learner's `yours` (their finished step N-1) merged
 * with the new step's scaffolding: what `starter` (step N's starter) adds to `base` (step N-1's
 * reference solution). Returns what happened to each file.
 */
export function carryForward(dirs: { base: string; yours: string; starter: string; dest: string }, labels: CarryLabels): CarriedFile[] {
  const skip = (rel: string) => LOCAL.has(path.basename(rel));
  const all = new Set([...listFiles(dirs.base), ...listFiles(dirs.yours), ...listFiles(dirs.starter)]);
  const report: CarriedFile[] = [];
  for (const rel of [...all].sort()) {
    const yours = read(dirs.yours, rel);
    if (skip(rel)) {
      // The learner's own settings come along as they are.
      if (yours) write(dirs.dest, rel, yours);
      continue;
    }
    const result = carryFile(rel, read(dirs.base, rel), yours, read(dirs.starter, rel), labels);
    if (!result) continue;
    if (result.content) write(dirs.dest, rel, result.content);
    report.push({ file: rel, outcome: result.outcome, ...(result.conflicts && { conflicts: result.conflicts }) });
  }
  return report;
}

function write(root: string, rel: string, content: Buffer): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** The step before `step`, whose workspace is carried forward. */
export const previousOf = (steps: readonly Step[], step: Step): Step | undefined => steps.find((s) => s.number === step.number - 1);
