import { startTsProcess } from '../../runner/lib/processes.js';
import { ensure, fail, containsStackTrace } from './expect.js';

export interface StartupRefusal {
  /** The environment that must make the server refuse to start. */
  env: NodeJS.ProcessEnv;
  /** The situation, for messages: "PORT=not-a-port". */
  situation: string;
  /** What the message must name, e.g. /\bport\b/i. */
  mentions: RegExp;
  /** Words for the failure message: "PORT", "JWT_SECRET". */
  variable: string;
  lesson: string;
  /** Hints for a server that keeps running, and one that crashes with a stack trace. */
  hints: { running: string; stack: string };
  waitMs?: number;
}

/**
 * Starts `src/server.ts` with a bad configuration and expects it to stop at start-up: a
 * non-zero exit, a message that names the variable, and no stack trace. Bounded in time.
 */
export async function expectStartupRefusal(dir: string, r: StartupRefusal): Promise<void> {
  const waitMs = r.waitMs ?? 6000;
  const proc = startTsProcess({ cwd: dir, env: r.env });
  let timer: NodeJS.Timeout | undefined;
  let code: number | string;
  try {
    code = await Promise.race([proc.exited, new Promise<'running'>((resolve) => (timer = setTimeout(() => resolve('running'), waitMs)))]);
  } finally {
    clearTimeout(timer);
    await proc.stop(500);
  }
  const output = proc.logs.last().join('\n').trim();
  const printed = output.split('\n').filter((l) => l.trim());
  const shown = output ? `\n          | ${printed.slice(0, 6).join('\n          | ')}${printed.length > 6 ? '\n          | …' : ''}` : ' (no output)';
  if (code === 'running') {
    fail({ expected: `with ${r.situation}, the server refuses to start`, got: `it was still running after ${waitMs / 1000} s${shown}`, hint: r.hints.running, lesson: r.lesson });
  }
  ensure(typeof code === 'number' && code !== 0, { expected: `with ${r.situation}, the server exits with a non-zero code`, got: `exit code ${code}${shown}`, lesson: r.lesson });
  ensure(!containsStackTrace(output), { expected: `a short message naming ${r.variable}, not a stack trace`, got: `the server crashed with a stack trace:${shown}`, hint: r.hints.stack, lesson: r.lesson });
  ensure(r.mentions.test(output), {
    expected: `a message that names the variable to fix, ${r.variable}`,
    got: output ? `exit code ${code}${shown}` : `exit code ${code} and no output`,
    lesson: r.lesson,
  });
}
