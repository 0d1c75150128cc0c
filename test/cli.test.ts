/** The CLI as a black box: what a learner or an instructor types, in scratch folders. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { runCli, scratch } from './support/cli.js';
import { copyProject } from '../runner/lib/fsutil.js';
import { ROOT, scratchDir } from '../runner/lib/paths.js';
import { freePort } from '../runner/lib/processes.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A private workspace and state folder, so these tests never touch a real learner's files. */
function sandbox() {
  const root = scratch('cli');
  made.push(root);
  const env = { WORKSHOP_WORKSPACE: path.join(root, 'workspace'), WORKSHOP_STATE: path.join(root, 'state') };
  return { root, env, workspace: env.WORKSHOP_WORKSPACE, state: env.WORKSHOP_STATE };
}

describe('naming steps', () => {
  it('an unknown step lists the real steps and exits 2', async () => {
    for (const command of ['check', 'step', 'hint']) {
      const r = await runCli([command, '42']);
      expect(r.code, command).toBe(2);
      expect(r.stderr).toContain('There is no step "42"');
      expect(r.stderr).toContain('1 (01-server)');
    }
  });

  it('an unknown option is a usage error', async () => {
    const r = await runCli(['check', '1', '--solutoin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --solutoin');
  });

  it('help lists every command', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['step', 'check', 'solution', 'hint', 'diff', 'reset', 'progress', 'doctor']) expect(r.stdout).toContain(`npm run ${c}`);
  });
});

describe('check', () => {
  it('by slug, on the solution: pretty checklist, exit 0', async () => {
    const r = await runCli(['check', '01-server', '--solution']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('All checks pass');
    expect(r.stdout).toMatch(/✓ +1 GET \/health/);
    // Passing, on the solution: no "Next" for the learner's own work.
    expect(r.stdout).not.toMatch(/Next:/);
  });

  it('--only takes a check number from the checklist, or text from a title', async () => {
    const s = sandbox();
    const byNumber = await runCli(['check', '1', '--solution', '--only', '3', '--reporter', 'json'], s.env);
    expect(byNumber.code, byNumber.stderr).toBe(0);
    const ran = (JSON.parse(byNumber.stdout) as { steps: { checks: { title: string; state: string }[] }[] }).steps[0].checks.filter((c) => c.state !== 'skip');
    expect(ran.map((c) => c.title)).toEqual(['every response carries an X-Request-Id header, a different one per request']);
    // By text: the same check, at the same place in the checklist (the remembered checklist lets
    // the run start only the file that holds it, and still lists the others).
    const byText = await runCli(['check', '1', '--solution', '--only', 'X-Request-Id header, a different one', '--reporter', 'json'], s.env);
    expect(byText.code, byText.stderr).toBe(0);
    const listed = (JSON.parse(byText.stdout) as { steps: { checks: { title: string; state: string }[] }[] }).steps[0].checks;
    expect(listed.findIndex((c) => c.state !== 'skip')).toBe(2);
    expect(listed.length).toBe((JSON.parse(byNumber.stdout) as { steps: { checks: unknown[] }[] }).steps[0].checks.length);
    const tooFar = await runCli(['check', '1', '--solution', '--only', '99'], s.env);
    expect(tooFar.code).toBe(1);
    expect(tooFar.stdout).toMatch(/there is no check number 99: 01-server has \d+ \(numbered in the checklist\)/);
  });

  it('on the starter: exit 1, the first failure explained with Expected / Got / Lesson', async () => {
    const r = await runCli(['check', '1', '--starter']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗/);
    expect(r.stdout).toMatch(/Expected: /);
    expect(r.stdout).toMatch(/Got: /);
    expect(r.stdout).toMatch(/Lesson: +docs\/01-server\.md#/);
  });

  it('json and junit reports, to stdout and to a file', async () => {
    const json = await runCli(['check', '2', '--starter', '--reporter', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { passed: boolean; steps: { step: string; checks: { group: string; state: string }[] }[] };
    expect(report.passed).toBe(false);
    expect(report.steps[0].step).toBe('02-api');
    expect(report.steps[0].checks.some((c) => c.group === 'earlier' && c.state === 'pass')).toBe(true);
    expect(report.steps[0].checks.some((c) => c.group === 'new' && c.state === 'fail')).toBe(true);

    const { root } = sandbox();
    const out = path.join(root, 'reports', 'junit.xml');
    const junit = await runCli(['check', '1', '--solution', '--reporter', 'junit', '--out', out]);
    expect(junit.code).toBe(0);
    const xml = fs.readFileSync(out, 'utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toMatch(/<testsuite name="01-server" tests="\d+" failures="0"/);
    expect(xml).not.toContain('<failure');
  });

  it('--target checks a folder shaped like workspace/, and a step never started fails clearly', async () => {
    const { root } = sandbox();
    const r = await runCli(['check', '1', '--target', root]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/01-server does not exist yet/);
  });
});

describe('running what failed', () => {
  it('--failed runs only what failed last time; --failing-first says at once whether it passes now', async () => {
    const s = sandbox();
    const dir = path.join(s.workspace, '01-server');
    copyProject(path.join(ROOT, 'solutions', '01-server'), dir);
    const app = path.join(dir, 'src', 'app.ts');
    const good = fs.readFileSync(app, 'utf8');
    expect(good).toMatch(/x-powered-by/i);
    fs.writeFileSync(app, good.replace(/app\.disable\(['"]x-powered-by['"]\);?/i, ''));
    const full = await runCli(['check', '1'], s.env);
    expect(full.code).toBe(1);
    // The check's number is its place in the checklist: read it there, so new checks do not break this test.
    const line = /✗ +(\d+) (no response advertises Express in an X-Powered-By header[^\n]*)/.exec(full.stdout);
    expect(line, full.stdout).not.toBeNull();
    const [, number, title] = line!;
    expect(full.stdout).toContain(`Next: fix check ${number} "${title}"`);
    expect(full.stdout).toContain(`--only ${number}`);

    const failed = await runCli(['check', '1', '--failed', '--reporter', 'json'], s.env);
    const ran = (JSON.parse(failed.stdout) as { steps: { checks: { title: string; state: string }[] }[] }).steps[0].checks.filter((c) => c.state !== 'skip');
    expect(ran.map((c) => `${c.state} ${c.title}`)).toEqual([`fail ${title}`]);

    fs.writeFileSync(app, good);
    const first = await runCli(['check', '1', '--failing-first'], s.env);
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout).toMatch(/What failed last time: 1\/1 pass now[\s\S]*All checks pass/);
    expect(first.stdout).toMatch(/Next: step complete! on to 02-api: npm run step 2/);
  });
});

describe("a learner's session", () => {
  it('step --once makes the workspace copy from the starter and prints the brief and checklist', async () => {
    const s = sandbox();
    const r = await runCli(['step', '1', '--once'], s.env);
    expect(r.code).toBe(1);
    expect(fs.existsSync(path.join(s.workspace, '01-server', 'src', 'app.ts'))).toBe(true);
    expect(r.stdout).toContain('Created');
    expect(r.stdout).toMatch(/Tasks:/);
    expect(r.stdout).toMatch(/✗/);
  });

  it('hint escalates one hint per call, then says it was the last', async () => {
    const s = sandbox();
    await runCli(['step', '1', '--once'], s.env);
    const first = await runCli(['hint', '1'], s.env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/First failing check:/);
    expect(first.stdout).toMatch(/Hint 1 of \d/);
    const second = await runCli(['hint', '1'], s.env);
    expect(second.stdout).toMatch(/Hint 2 of \d/);
    expect(second.stdout).not.toMatch(/Hint 1 of/);
    const all = await runCli(['hint', '1', '--all'], s.env);
    expect(all.stdout).toMatch(/Hint 1 of \d[\s\S]*Hint 2 of/);
  });

  it('reset backs up the learner\'s files before restoring the starter', async () => {
    const s = sandbox();
    await runCli(['step', '1', '--once'], s.env);
    const mine = path.join(s.workspace, '01-server', 'src', 'app.ts');
    fs.writeFileSync(mine, '// my precious work\n');
    fs.writeFileSync(path.join(s.workspace, '01-server', 'notes.md'), 'ideas\n');
    // Asked first: no answer (no terminal, nothing typed) changes nothing.
    const unanswered = await runCli(['reset', '1'], s.env);
    expect(unanswered.code).toBe(1);
    expect(unanswered.stdout).toMatch(/Replace .*01-server with the pristine starter\?/);
    expect(fs.readFileSync(mine, 'utf8')).toContain('my precious work');
    const r = await runCli(['reset', '1'], s.env, 90_000, 'y\n');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(mine, 'utf8')).not.toContain('my precious work');
    expect(fs.existsSync(path.join(s.workspace, '01-server', 'notes.md'))).toBe(false);
    const backups = path.join(s.state, 'backups', '01-server');
    const [saved] = fs.readdirSync(backups);
    expect(fs.readFileSync(path.join(backups, saved, 'src', 'app.ts'), 'utf8')).toContain('my precious work');
    expect(fs.readFileSync(path.join(backups, saved, 'notes.md'), 'utf8')).toBe('ideas\n');
    expect(r.stdout).toContain('saved in');
    expect(r.stdout).toContain('npm run restore 1');

    // restore brings the backup back, after backing up what it replaces.
    const list = await runCli(['restore', '1', '--list'], s.env);
    expect(list.stdout).toContain(saved);
    const back = await runCli(['restore', '1', '--yes'], s.env);
    expect(back.code, back.stderr).toBe(0);
    expect(fs.readFileSync(mine, 'utf8')).toContain('my precious work');
    expect(fs.readFileSync(path.join(s.workspace, '01-server', 'notes.md'), 'utf8')).toBe('ideas\n');
    expect(fs.readdirSync(backups)).toHaveLength(2);
    const none = await runCli(['restore', '2', '--yes'], s.env);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/02-api has no backups/);
  });

  it('diff shows the learner\'s step beside the reference', async () => {
    const s = sandbox();
    await runCli(['step', '1', '--once'], s.env);
    const r = await runCli(['diff', '1'], s.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/src\/app\.ts/);
    expect(r.stdout).toMatch(/^-.*TODO\(01-server\)/m);
    expect(r.stdout).toMatch(/^\+/m);
  });

  it('progress lists every step with what to do next', async () => {
    const s = sandbox();
    await runCli(['step', '1', '--once'], s.env);
    const r = await runCli(['progress'], s.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/00-setup\s+not started/);
    expect(r.stdout).toMatch(/01-server\s+\d+\/\d+/);
    expect(r.stdout).toMatch(/08-deploy\s+not started/);
    expect(r.stdout).toMatch(/Next: start 00-setup/);
  });

  it('doctor reports each item with a fix', async () => {
    const r = await runCli(['doctor']);
    expect(r.stdout).toMatch(/Node \d+\.\d+/);
    expect(r.stdout).toMatch(/dependencies installed/);
    expect(r.stdout).toMatch(/time scale \d/);
  });

  it('doctor warns only about real problems: no .env is fine, MySQL is read through comments, the learner\'s own server is theirs', async () => {
    const s = sandbox();
    for (const slug of ['01-server', '03-database']) copyProject(path.join(ROOT, 'steps', slug), path.join(s.workspace, slug));
    // Nothing answers on this port: doctor must say so for MySQL, the dialect the comment hides from a hand-written parser.
    const dead = await freePort();
    fs.writeFileSync(path.join(s.workspace, '03-database', '.env'), `DB_DIALECT=mysql  # docker\nDATABASE_URL=mysql://root@127.0.0.1:${dead}/conduit\n`);
    // The learner's own `npm run step 1`, holding its port.
    const busy = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => busy.once('listening', r));
    const port = (busy.address() as net.AddressInfo).port;
    fs.writeFileSync(path.join(s.workspace, '01-server', '.env'), `PORT=${port} # mine\n`);
    fs.mkdirSync(path.join(s.state, 'sessions'), { recursive: true });
    fs.writeFileSync(path.join(s.state, 'sessions', `${process.pid}.json`), JSON.stringify({ pid: process.pid, step: '01-server', port }));
    try {
      const r = await runCli(['doctor'], s.env);
      expect(r.stdout).not.toMatch(/has no \.env|lacks|DB_STORAGE|another server/);
      expect(r.stdout).toMatch(/01-server: no \.env|01-server\/\.env is fine/);
      expect(r.stdout).toMatch(new RegExp(`03-database: nothing answers at 127\\.0\\.0\\.1:${dead} \\(DB_DIALECT=mysql\\)`));
      expect(r.stdout).toMatch(new RegExp(`port ${port}: your own npm run step 1 server`));
    } finally {
      busy.close();
    }
  });

  it('doctor says when the database in DATABASE_URL does not exist, and how to create it', async (ctx) => {
    // The MySQL pass of CI has a server; elsewhere this needs one, and says so instead of failing.
    const server = process.env.WORKSHOP_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
    const mysql = await import('mysql2/promise');
    const up = await mysql.createConnection(server).then(async (c) => (await c.end(), true), () => false);
    if (!up) return ctx.skip();
    const s = sandbox();
    copyProject(path.join(ROOT, 'steps', '03-database'), path.join(s.workspace, '03-database'));
    const missing = `${server.replace(/\/$/, '')}/wsdoctor_missing_${process.pid}`;
    fs.writeFileSync(path.join(s.workspace, '03-database', '.env'), `DB_DIALECT=mysql\nDATABASE_URL=${missing}\n`);
    const r = await runCli(['doctor'], s.env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`has no database wsdoctor_missing_${process.pid}`));
    expect(r.stdout).toMatch(new RegExp(`CREATE DATABASE wsdoctor_missing_${process.pid} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`));
  });

  it('diff --full is accepted, as its usage says', async () => {
    const s = sandbox();
    copyProject(path.join(ROOT, 'steps', '01-server'), path.join(s.workspace, '01-server'));
    const r = await runCli(['diff', '1', '--full'], s.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^-.*TODO\(01-server\)/m);
    const help = await runCli(['diff', '--help']);
    expect(help.stdout).toMatch(/--full/);
  });

  it('from inside a step folder: the step is the folder\'s, and paths are the learner\'s', async () => {
    const s = sandbox();
    copyProject(path.join(ROOT, 'solutions', '01-server'), path.join(s.workspace, '01-server'));
    const inside = path.join(s.workspace, '01-server', 'src');
    const r = await runCli(['check', '--only', 'GET /health answers 200', '--reporter', 'json', '--out', 'report.json'], { ...s.env, INIT_CWD: inside });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(inside, 'report.json'), 'utf8')) as { steps: { step: string }[] };
    expect(report.steps[0].step).toBe('01-server');
  });
});

describe('step (watch mode)', () => {
  it('starts the server, re-runs the checks on save, and stops everything on Ctrl-C', async () => {
    const { spawn } = await import('node:child_process');
    const { ROOT, tsxLoader } = await import('../runner/lib/paths.js');
    const { freePort } = await import('../runner/lib/processes.js');
    const s = sandbox();
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', tsxLoader, path.join(ROOT, 'runner', 'cli.ts'), 'step', '1'], {
      cwd: ROOT,
      env: { ...process.env, ...s.env, CI: '1', NO_COLOR: '1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    // Bounds, not speed targets: on a busy CI machine the first check run alone can take a minute.
    const waitFor = async (re: RegExp, from = 0, ms = 120_000) => {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        if (re.test(output.slice(from))) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${re}; output:\n${output.slice(-3000)}`);
    };
    try {
      await waitFor(/checks pass/);
      await waitFor(/running.* at /);
      // The starter answers, with its 501 for the TODO.
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(501);

      // Saving the reference solution's app makes the checklist go green.
      const mark = output.length;
      const solution = path.join(ROOT, 'solutions', '01-server', 'src');
      for (const file of ['app.ts', 'http/error-handler.ts', 'http/request-id.ts', 'http/request-logger.ts', 'health/health.routes.ts', 'config.ts']) {
        fs.copyFileSync(path.join(solution, file), path.join(s.workspace, '01-server', 'src', file));
      }
      await waitFor(/All checks pass/, mark, 240_000);
      await waitFor(/running.* at /, mark);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
    expect(output).toContain('Stopped. Your work is saved');
    // Nothing listens on the learner's port any more.
    await expect(fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  }, 600_000);
});

describe('check --target', () => {
  it('checks a step folder outside the workshop, as the README shows for one learner, and names that folder', async () => {
    // Outside the workshop: Node finds no node_modules above it, so the checks run on a copy inside.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'alice-'));
    made.push(outside);
    copyProject(path.join(ROOT, 'solutions', '01-server'), path.join(outside, 'workspace', '01-server'));
    const r = await runCli(['check', '1', '--target', path.join(outside, 'workspace'), '--reporter', 'json']);
    const report = JSON.parse(r.stdout) as { passed: boolean; steps: { target: string; checks: { state: string }[] }[] };
    expect(report.passed, r.stdout.slice(0, 2000)).toBe(true);
    expect(report.steps[0].target).toContain(outside);
    // Its files are left as they were, and no copy stays behind.
    expect(fs.readdirSync(path.join(outside, 'workspace', '01-server')).sort()).toEqual(fs.readdirSync(path.join(ROOT, 'solutions', '01-server')).sort());
    expect(fs.readdirSync(scratchDir).filter((f) => f.startsWith('target-'))).toEqual([]);
  });
});
