import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The workshop's root folder: everything else is found from here, never from process.cwd(). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const dirs = {
  steps: path.join(ROOT, 'steps'),
  solutions: path.join(ROOT, 'solutions'),
  /** WORKSHOP_WORKSPACE moves it (the workshop's own tests use a scratch folder). */
  workspace: path.resolve(process.env.WORKSHOP_WORKSPACE ?? path.join(ROOT, 'workspace')),
  checks: path.join(ROOT, 'checks'),
  docs: path.join(ROOT, 'docs'),
  /** Runner state, backups and scratch copies. Git-ignored. */
  state: path.resolve(process.env.WORKSHOP_STATE ?? path.join(ROOT, '.workshop')),
} as const;

/** Scratch copies live inside the workshop so that their imports resolve from its node_modules. */
export const scratchDir = path.join(ROOT, '.workshop', 'tmp');
export const backupsDir = path.join(dirs.state, 'backups');

/** Shows a path relative to the workshop root when it is inside it, so messages stay short. */
export function shortPath(p: string): string {
  const rel = path.relative(ROOT, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : p;
}

/** The `tsx` loader as an absolute URL, so a learner project anywhere on disk can be run with it. */
export const tsxLoader = pathToFileURL(
  path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs'),
).href;
