import fs from 'node:fs';
import path from 'node:path';
import { dirs } from '../../runner/lib/paths.js';

/**
 * Which step folder the checks run against. The runner sets WORKSHOP_TARGET; a check file run
 * by hand (`npx vitest checks/01-server.test.ts`) falls back to the learner's workspace copy,
 * then to the reference solution.
 */
export function targetDir(ownSlug: string): string {
  const fromEnv = process.env.WORKSHOP_TARGET;
  if (fromEnv) return path.resolve(fromEnv);
  const mine = path.join(dirs.workspace, ownSlug);
  return fs.existsSync(mine) ? mine : path.join(dirs.solutions, ownSlug);
}
