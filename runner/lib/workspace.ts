import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { backupsDir, dirs, ROOT, scratchDir, shortPath } from './paths.js';
import { copyProject, listFiles, SKIPPED } from './fsutil.js';
import { carryForward, type CarriedFile } from './carry.js';
import { STEPS, type Step } from './steps.js';

export const workspaceDir = (step: Step): string => path.join(dirs.workspace, step.slug);

/**
 * The folder the learner typed the command in. npm runs scripts in the workshop folder and keeps
 * the original one in INIT_CWD: paths the learner types (--target, --out) are relative to that.
 */
export const userCwd = (): string => process.env.INIT_CWD ?? process.cwd();

/** A path the learner typed, resolved from where they typed it. */
export const userPath = (p: string): string => path.resolve(userCwd(), p);

/**
 * Where to run a step folder's code. A folder outside the workshop (`--target ../alice/workspace`)
 * cannot import the workshop's packages: Node looks for node_modules upwards from the importing
 * file and finds none there. Such a folder is copied inside the workshop, as grading does (without
 * its node_modules and build output; its .env stays: it says which database to use), `asAsked`
 * names the folder asked for in text about the copy, and `cleanUp()` removes the copy. A folder
 * inside is used as it is.
 */
export function runnableCopy(target: string): { dir: string; copied: boolean; asAsked(text: string): string; cleanUp(): void } {
  const rel = path.relative(ROOT, target);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return { dir: target, copied: false, asAsked: (text) => text, cleanUp: () => undefined };
  const holder = path.join(scratchDir, `target-${process.pid}-${randomUUID().slice(0, 8)}`);
  const dir = path.join(holder, path.basename(target));
  copyProject(target, dir, { skip: SKIPPED });
  return {
    dir,
    copied: true,
    asAsked: (text) => text.replaceAll(pathToFileURL(dir).href, pathToFileURL(target).href).replaceAll(dir, target).replaceAll(shortPath(dir), shortPath(target)),
    cleanUp: () => fs.rmSync(holder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }),
  };
}

/** The step whose workspace folder the command was typed in (or below), if any. */
export function stepFromCwd(): Step | undefined {
  const rel = path.relative(dirs.workspace, userCwd());
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const first = rel.split(path.sep)[0];
  return STEPS.find((s) => s.slug === first && s.available);
}
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

/** Empties the learner's copy, but for what is installed or generated (node_modules, .data: not their work, and slow to redo). */
function clearWorkspace(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    if (entry === 'node_modules' || entry === '.data') continue;
    fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

/** Replaces the learner's copy with the pristine starter, after a backup. Returns the backup folder. */
export function resetWorkspace(step: Step): string | undefined {
  const backup = backupWorkspace(step);
  const dir = workspaceDir(step);
  clearWorkspace(dir);
  copyProject(starterDir(step), dir, { overwrite: true });
  return backup;
}

export interface Backup {
  /** The folder name, e.g. 2025-01-31_14-05-09: what --from takes. */
  name: string;
  dir: string;
  files: number;
}

/** The backups of a step, oldest first. */
export function listBackups(step: Step): Backup[] {
  const root = path.join(backupsDir, step.slug);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => ({ name, dir: path.join(root, name), files: listFiles(path.join(root, name)).length }));
}

/**
 * Puts a backup in place of the learner's copy. The current copy is backed up first, so a
 * restore can be undone like a reset. Returns the backup of what was replaced.
 */
export function restoreWorkspace(step: Step, backup: Backup): string | undefined {
  const current = backupWorkspace(step);
  const dir = workspaceDir(step);
  clearWorkspace(dir);
  copyProject(backup.dir, dir, { overwrite: true });
  return current;
}

/**
 * Starts `step` from the learner's own previous step: their `workspace/<N-1>` merged three-way
 * with the new step's scaffolding (carry.ts). An existing copy of the step is backed up first.
 */
export function carryIntoWorkspace(step: Step, previous: Step): { backup?: string; files: CarriedFile[] } {
  const backup = backupWorkspace(step);
  const dir = workspaceDir(step);
  clearWorkspace(dir);
  fs.mkdirSync(dir, { recursive: true });
  const files = carryForward(
    { base: solutionDir(previous), yours: workspaceDir(previous), starter: starterDir(step), dest: dir },
    { yours: shortPath(workspaceDir(previous)), base: shortPath(solutionDir(previous)), starter: shortPath(starterDir(step)) },
  );
  return { ...(backup && { backup }), files };
}
