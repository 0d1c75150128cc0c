import fs from 'node:fs';
import path from 'node:path';
import { backupsDir, dirs, shortPath } from './paths.js';
import { copyProject, listFiles } from './fsutil.js';
import type { Step } from './steps.js';

export const workspaceDir = (step: Step): string => path.join(dirs.workspace, step.slug);
export const starterDir = (step: Step): string => path.join(dirs.steps, step.slug);
export const solutionDir = (step: Step): string => path.join(dirs.solutions, step.slug);

/** Makes the learner's copy from the pristine starter if it does not exist yet. Returns true if it made it. */
export function ensureWorkspace(step: Step): boolean {
  const dir = workspaceDir(step);
  if (fs.existsSync(dir)) return false;
  if (!fs.existsSync(starterDir(step))) throw new Error(`the starter ${shortPath(starterDir(step))} is missing: is this checkout complete?`);
  copyProject(starterDir(step), dir);
  return true;
}

const stamp = (d = new Date()): string => d.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);

/**
 * Copies the learner's step folder (node_modules left out) to `.workshop/backups/<slug>/<time>/`
 * and returns where. Nothing in the runner replaces a learner's file before this has succeeded.
 */
export function backupWorkspace(step: Step): string | undefined {
  const dir = workspaceDir(step);
  if (!fs.existsSync(dir) || listFiles(dir).length === 0) return undefined;
  let dest = path.join(backupsDir, step.slug, stamp());
  for (let i = 2; fs.existsSync(dest); i++) dest = path.join(backupsDir, step.slug, `${stamp()}-${i}`);
  copyProject(dir, dest);
  const copied = listFiles(dest).length;
  const expected = listFiles(dir).length;
  if (copied !== expected) throw new Error(`backup of ${shortPath(dir)} is incomplete (${copied}/${expected} files); nothing was changed`);
  return dest;
}

/** Replaces the learner's copy with the pristine starter, after a backup. Returns the backup folder. */
export function resetWorkspace(step: Step): string | undefined {
  const backup = backupWorkspace(step);
  const dir = workspaceDir(step);
  // node_modules stays: the learner's own installs (step 00) are not their work, and slow to redo.
  if (fs.existsSync(dir)) {
    for (const entry of fs.readdirSync(dir)) {
      if (entry === 'node_modules') continue;
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
  copyProject(starterDir(step), dir, { overwrite: true });
  return backup;
}
