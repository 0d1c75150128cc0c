import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tsxLoader } from './paths.js';

export type DbAction = 'migrate' | 'rollback' | 'seed' | 'reset' | 'status';

export interface DbTaskResult {
  ok: boolean;
  action: string;
  database?: string;
  error?: string;
  applied?: string[];
  reverted?: string[];
  pending?: string[] | null;
  seeded?: boolean;
  /** The task ran out of time: a hang, or a machine too busy to finish it. */
  timedOut?: boolean;
}

/** True when a step folder follows the database contract (from step 03). */
export const usesDatabase = (dir: string): boolean => fs.existsSync(path.join(dir, 'src', 'db', 'index.ts'));

/** Runs runner/db-task.ts for a learner's step folder in a child process, with a time limit. */
export function runDbTask(dir: string, action: DbAction, env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<DbTaskResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, path.join(ROOT, 'runner', 'db-task.ts'), action, dir], {
      cwd: dir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    // The verdict is the last line of stdout, so read it once the streams are closed ('close'),
    // not when the process has exited ('exit' can come first on a busy machine, with that line
    // still unread: "stopped (exit code 0) without finishing"). A grandchild the learner's code
    // started could hold the streams open: two seconds after the exit, decide with what came.
    let settled = false;
    let grace: NodeJS.Timeout | undefined;
    child.on('exit', (code) => {
      clearTimeout(timer);
      grace = setTimeout(() => finish(code), 2_000);
    });
    child.on('close', (code) => finish(code));
    function finish(code: number | null): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A pending grace timer would keep a CLI command (npm run db …) alive two seconds for nothing.
      clearTimeout(grace);
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as DbTaskResult);
      } catch {
        const line = stderr.trim().split('\n').find((l) => /error/i.test(l)) ?? stderr.trim().split('\n')[0];
        const why = timedOut
          ? `${action} did not finish within ${timeoutMs / 1000} s`
          : code === 13
            ? `${action} never finished: an await in src/db/ waits for a promise that never settles`
            : `${action} stopped (exit code ${code}) without finishing`;
        resolve({ ok: false, action, error: line && !timedOut ? `${why}: ${line}` : why, ...(timedOut && { timedOut }) });
      }
    }
  });
}
