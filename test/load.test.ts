/**
 * `npm run load`: against the reference solutions it runs every scenario and prints a row of
 * numbers for each; against a broken project it ends at once with one clear line, exit code 1,
 * and leaves no process behind. Speed itself is measured (npm run bench), never asserted here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject } from '../runner/lib/fsutil.js';
import { ROOT } from '../runner/lib/paths.js';
import { runCli, scratch } from './support/cli.js';

const SHORT = ['--duration', '1', '--connections', '2'];
/**
 * A run that has not ended by then is killed and fails the test (its exit code is not 0 or 1).
 * Bounded, not quick: about 15 s idle, several times that on a busy machine.
 */
const BOUND = 150_000;
const ROWS = ['list', 'list (authed)', 'feed', 'article', 'profile', 'tags'];
/** A row with numbers: req/s, p50, p99, statements per request, non-2xx. */
const numbers = (name: string) => new RegExp(`^${name.replace(/[()]/g, '\\$&')}\\s+\\d+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\\s+\\d+`, 'm');

/** Processes whose working folder is inside `dir` (Linux only: elsewhere, none are seen). */
function processesIn(dir: string): number[] {
  if (!fs.existsSync('/proc/self/cwd')) return [];
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (cwd.startsWith(dir) && !/\) Z /.test(stat)) found.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the step-04 reference, shaped like workspace/, with `breakIt` applied to it. */
function brokenCopy(name: string, breakIt: (step: string) => void): string {
  const root = scratch(`load-${name}`);
  made.push(root);
  const step = path.join(root, '04-security');
  copyProject(path.join(ROOT, 'solutions', '04-security'), step);
  breakIt(step);
  return root;
}

describe.concurrent('npm run load', { timeout: BOUND + 30_000 }, () => {
  it('on the step-04 reference: every scenario has a row, the ones it can run with numbers', async () => {
    const r = await runCli(['load', '4', '--solution', ...SHORT], {}, BOUND);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    for (const name of ['list', 'list (authed)', 'article', 'tags']) expect(r.stdout, name).toMatch(numbers(name));
    // No follows or favorites before step 05: said, not failed.
    expect(r.stdout).toMatch(/^feed\s+-.*skipped/m);
    expect(r.stdout).toMatch(/^profile\s+-.*skipped/m);
    expect(r.stdout).toMatch(/feed, profile skipped: no follows\/favorites tables/);
    expect(r.stdout).toMatch(/Next: .*docs\/05-performance\.md#measure-first/);
  });

  it.runIf(fs.existsSync(path.join(ROOT, 'solutions', '05-performance')))('on the step-05 reference: every scenario runs', async () => {
    const r = await runCli(['load', '5', '--solution', ...SHORT], {}, BOUND);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    for (const name of ROWS) expect(r.stdout, name).toMatch(numbers(name));
  });

  it('on a project that does not compile: one line with file:line, exit 1, no process left', async () => {
    const root = brokenCopy('syntax', (step) => {
      const app = path.join(step, 'src', 'app.ts');
      fs.writeFileSync(app, fs.readFileSync(app, 'utf8').replace('const app = express();', 'const app = express(;'));
    });
    const r = await runCli(['load', '4', '--target', root, ...SHORT], {}, BOUND);
    expect(r.code, r.stdout).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: .*04-security\/src\/app\.ts:\d+:\d+/);
    expect(processesIn(root)).toEqual([]);
  });

  it('on a project whose migrations fail: one line naming migrate, exit 1, no process left', async () => {
    const root = brokenCopy('migrate', (step) => {
      const migration = path.join(step, 'src', 'db', 'migrations', '0003-create-comments.ts');
      fs.writeFileSync(migration, fs.readFileSync(migration, 'utf8').replace("await qi.addIndex('comments', ['article_id', 'created_at']", "await qi.addIndex('comments', ['no_such_column']"));
    });
    const r = await runCli(['load', '4', '--target', root, ...SHORT], {}, BOUND);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/migrate\(db\) failed/);
    expect(processesIn(root)).toEqual([]);
  });
});
