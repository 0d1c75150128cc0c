/** The learner's step against the reference solution, file by file: what `npm run diff` and the step page show. */
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from './fsutil.js';
import { diffLines, hunks, type Hunk } from './line-diff.js';
import type { Step } from './steps.js';
import { solutionDir, workspaceDir } from './workspace.js';

const read = (file: string): string[] => fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
const isText = (file: string): boolean => !fs.readFileSync(file).subarray(0, 4096).includes(0);
// The learner's own secrets and local data are not part of the comparison.
const personal = (rel: string): boolean => rel === '.env' || rel.endsWith('.sqlite') || rel.endsWith('.db') || rel === 'package-lock.json';

export type FileDiff = { file: string; only: 'yours' | 'reference' } | { file: string; hunks: Hunk[] };

export interface StepDiff {
  mine: string;
  theirs: string;
  files: FileDiff[];
  /** Files identical in both. */
  same: number;
}

export function diffStep(step: Step, context = 3, mine = workspaceDir(step), theirs = solutionDir(step)): StepDiff {
  const a = new Set(listFiles(mine).filter((f) => !personal(f)));
  const b = new Set(listFiles(theirs).filter((f) => !personal(f)));
  const files: FileDiff[] = [];
  let same = 0;
  for (const rel of [...new Set([...a, ...b])].sort()) {
    if (!b.has(rel)) files.push({ file: rel, only: 'yours' });
    else if (!a.has(rel)) files.push({ file: rel, only: 'reference' });
    else {
      const fa = path.join(mine, rel);
      const fb = path.join(theirs, rel);
      if (!isText(fa) || !isText(fb)) continue;
      const lines = diffLines(read(fa), read(fb));
      if (lines.every((l) => l.op === ' ')) same++;
      else files.push({ file: rel, hunks: hunks(lines, context) });
    }
  }
  return { mine, theirs, files, same };
}
