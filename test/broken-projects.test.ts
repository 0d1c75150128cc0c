/**
 * A learner's project that does not compile, throws at import, never listens, blocks in a busy
 * loop or never answers: the check run still ends in bounded time, says why in one clear line
 * (with file:line where there is one) and exits non-zero.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../runner/lib/paths.js';
import { runCli } from './support/cli.js';

/**
 * "Bounded" means the run ends on its own, not that it is quick: on a busy CI machine a run that
 * takes 30 s idle may take a few minutes (the runner's own backstop, 180 s for one check file,
 * grows with the measured slowness of the machine), and only a run that never ends is a defect here.
 */
const HANG = 600_000;

const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', 'broken', name);

interface JsonReport {
  passed: boolean;
  steps: { problem?: { kind: string; message: string }; checks: { title: string; state: string; message?: string }[] }[];
}

/** Processes still running checks on `target` (Linux only: elsewhere, none are seen). */
function processesChecking(target: string): number[] {
  if (!fs.existsSync('/proc/self/environ')) return [];
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = fs.readFileSync(`/proc/${entry}/environ`, 'utf8');
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // A zombie is already dead: only its parent has not read its exit code yet.
      if (env.includes(`WORKSHOP_TARGET=${target}`) && !/\) Z /.test(stat)) found.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

async function check(name: string, env: NodeJS.ProcessEnv = {}) {
  const res = await runCli(['check', '1', '--target', fixture(name), '--reporter', 'json'], env, HANG);
  let report: JsonReport | undefined;
  try {
    report = JSON.parse(res.stdout) as JsonReport;
  } catch {
    report = undefined;
  }
  return { ...res, report, step: report?.steps[0] };
}

describe('a broken learner project', { timeout: HANG + 60_000 }, () => {
  it('that does not compile: one line with file:line and the syntax error', async () => {
    const r = await check('syntax-error');
    expect(r.code, r.stderr).toBe(1);
    expect(r.step?.problem?.kind).toBe('load');
    expect(r.step?.problem?.message).toMatch(/01-server\/src\/app\.ts:6:\d+/);
    expect(r.step?.problem?.message).toMatch(/Expected "\)"/);
    expect(r.step?.problem?.message.split('\n')).toHaveLength(1);
  });

  it('that throws while being imported: one line with file:line and the error', async () => {
    const r = await check('throws-at-import');
    expect(r.code, r.stderr).toBe(1);
    expect(r.step?.problem?.kind).toBe('load');
    expect(r.step?.problem?.message).toMatch(/01-server\/src\/app\.ts:3:\d+/);
    expect(r.step?.problem?.message).toMatch(/SyntaxError/);
  });

  it('whose server never listens: the process check fails in bounded time and says so', async () => {
    const r = await check('never-listens');
    expect(r.code, r.stderr).toBe(1);
    expect(r.ms).toBeLessThan(HANG);
    const start = r.step?.checks.find((c) => /starts and answers/.test(c.title));
    expect(start?.state).toBe('fail');
    // Idle without listening, or, on a machine too busy for the process ever to look idle, a
    // timeout that says it was still starting: either way the learner reads that it never listened.
    expect(start?.message).toMatch(/did not start listening .* within|it was still starting/);
  });

  it('that blocks in a busy loop: the run is stopped, naming the check that hung, and nothing is left running', async () => {
    const r = await check('busy-loop', { WORKSHOP_STALL_MS: '5000', WORKSHOP_TIME_SCALE: '1' });
    // The worker stuck in the loop is killed with the run, not left spinning (Linux: /proc tells).
    await expect.poll(() => processesChecking(fixture('busy-loop')), { timeout: 10_000 }).toEqual([]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.ms).toBeLessThan(HANG);
    expect(r.step?.problem?.kind).toBe('timeout');
    expect(r.step?.problem?.message).toMatch(/did not finish within \d+ s/);
    expect(r.step?.problem?.message).toMatch(/GET \/health|health/i);
  });

  it('that blocks in a busy loop while loading: the run is stopped, naming the file that never loaded', async () => {
    const r = await check('busy-at-import', { WORKSHOP_STALL_MS: '5000', WORKSHOP_TIME_SCALE: '1' });
    expect(r.code, r.stderr).toBe(1);
    expect(r.ms).toBeLessThan(HANG);
    expect(r.step?.problem?.kind).toBe('timeout');
    expect(r.step?.problem?.message).toMatch(/01-server\/src\/app\.ts never finished loading/);
  });

  it('that never answers a request: that check fails after the response timeout', async () => {
    const r = await check('hangs');
    expect(r.code, r.stderr).toBe(1);
    expect(r.ms).toBeLessThan(HANG);
    const health = r.step?.checks.find((c) => c.message?.includes('no response within'));
    expect(health, JSON.stringify(r.step?.checks.map((c) => [c.title, c.state, c.message]), null, 1)).toBeDefined();
  });
});
