/**
 * `npm run grade`: a class folder made here (a correct submission, a starter, one without the
 * step, a hostile one that blocks in a busy loop, one outside the workshop folder), graded as an
 * instructor would, and every report read back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findSubmissions, renderCsv, type GradeReport } from '../runner/lib/grading.js';
import { copyProject } from '../runner/lib/fsutil.js';
import { ROOT } from '../runner/lib/paths.js';
import { runCli, scratch } from './support/cli.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** RFC 4180 enough for these reports: quoted cells with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.trim().split('\n')) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted && ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) cells.push(cell), (cell = '');
      else cell += ch;
    }
    rows.push([...cells, cell]);
  }
  return rows;
}

describe('grading', () => {
  it('finds one learner per folder, in a workspace/ or not, and says where it found none', () => {
    const root = scratch('class');
    made.push(root);
    fs.mkdirSync(path.join(root, 'alice', 'workspace', '01-server'), { recursive: true });
    fs.mkdirSync(path.join(root, 'bob', '02-api'), { recursive: true });
    fs.mkdirSync(path.join(root, 'notes'), { recursive: true });
    const { submissions, empty } = findSubmissions([root, path.join(root, 'alice'), path.join(root, 'notes')]);
    expect(submissions.map((s) => s.name)).toEqual(['alice', 'bob', 'alice-2']);
    expect(empty).toEqual([path.join(root, 'notes')]);
  });

  it('keeps a learner\'s name from becoming a spreadsheet formula', () => {
    const report = { schema: 'workshop-grades/1', gradedAt: '', workshop: { name: '', version: '', checksHash: '', dialect: 'sqlite' }, steps: [], learners: [{ name: '=HYPERLINK("x")', source: '', hash: 'h', steps: [], passed: 0, total: 0, points: 0, earned: 0, percent: 0 }] } satisfies GradeReport;
    expect(parseCsv(renderCsv(report))[1][0]).toBe(`'=HYPERLINK("x")`);
  });

  it('grades a class: every learner out of the same total, hostile code bounded, CSV, JSON and JUnit written', async () => {
    const root = scratch('class');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'class-outside-'));
    made.push(root, outside);
    const classDir = path.join(root, 'class');
    copyProject(path.join(ROOT, 'solutions', '01-server'), path.join(classDir, 'alice', 'workspace', '01-server'));
    copyProject(path.join(ROOT, 'steps', '01-server'), path.join(classDir, 'bob', 'workspace', '01-server'));
    fs.mkdirSync(path.join(classDir, 'carol', 'workspace', '00-setup'), { recursive: true });
    copyProject(path.join(ROOT, 'test', 'fixtures', 'broken', 'busy-loop', '01-server'), path.join(classDir, 'dave', 'workspace', '01-server'));
    // A clone anywhere on disk: its imports must still find the workshop's packages.
    copyProject(path.join(ROOT, 'solutions', '01-server'), path.join(outside, 'erin', '01-server'));
    // A learner's own "checks" never grade them.
    fs.mkdirSync(path.join(outside, 'erin', 'checks'), { recursive: true });
    fs.writeFileSync(path.join(outside, 'erin', 'checks', '01-server.test.ts'), "import { it } from 'vitest'; it('everything passes', () => {});\n");
    const reports = path.join(root, 'reports');

    const r = await runCli(['grade', classDir, path.join(outside, 'erin'), '--steps', '1', '--out', reports], { WORKSHOP_STALL_MS: '5000' }, 600_000);
    expect(r.code, r.stdout + r.stderr).toBe(0);

    const report = JSON.parse(fs.readFileSync(path.join(reports, 'grades.json'), 'utf8')) as GradeReport;
    expect(report.schema).toBe('workshop-grades/1');
    expect(report.workshop.checksHash).toMatch(/^[0-9a-f]{64}$/);
    const by = Object.fromEntries(report.learners.map((l) => [l.name, l]));
    expect(Object.keys(by).sort()).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    const totals = new Set(report.learners.map((l) => l.total));
    expect(totals.size, 'every learner is graded out of the same total').toBe(1);
    expect(by.alice.percent).toBe(100);
    expect(by.erin.percent).toBe(100);
    expect(by.bob.percent).toBeLessThan(50);
    expect(by.carol.steps[0]).toMatchObject({ submitted: false, passed: 0 });
    expect(by.dave.steps[0].problem).toMatch(/did not finish/);
    for (const l of report.learners) {
      expect(l.hash).toMatch(/^[0-9a-f]{64}$/);
      for (const check of l.steps[0].checks) expect(check.id).toMatch(/^01-server:[0-9a-f]{10}$/);
    }
    expect(new Set(by.alice.steps[0].checks.map((c) => c.id)).size).toBe(by.alice.steps[0].checks.length);

    const csv = parseCsv(fs.readFileSync(path.join(reports, 'grades.csv'), 'utf8'));
    expect(csv[0].slice(0, 3)).toEqual(['learner', '01-server points', '01-server %']);
    expect(csv.slice(1).map((row) => [row[0], row[5]])).toEqual(report.learners.map((l) => [l.name, String(l.percent)]));

    for (const name of ['alice', 'bob', 'dave', 'erin']) {
      const xml = fs.readFileSync(path.join(reports, `${name}.junit.xml`), 'utf8');
      expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    }
    expect(r.stdout).toMatch(/alice +17\/17|alice +\d+\/\d+ +100%/);
    // Exercism's results.json, version 3: a status, and a test per check unless the step could not run.
    for (const l of report.learners) {
      const results = JSON.parse(fs.readFileSync(path.join(reports, 'exercism', l.name, '01-server', 'results.json'), 'utf8')) as { version: number; status: string; message?: string; tests: { name: string; status: string; message: string | null }[] };
      expect(results.version).toBe(3);
      expect(['pass', 'fail', 'error']).toContain(results.status);
      if (results.status === 'error') expect(results.message).toBeTruthy();
      else expect(results.tests.length).toBe(l.total);
      for (const t of results.tests) {
        expect(['pass', 'fail', 'error']).toContain(t.status);
        expect(t.status === 'pass' ? t.message : typeof t.message).toBe(t.status === 'pass' ? null : 'string');
      }
    }
    expect(JSON.parse(fs.readFileSync(path.join(reports, 'exercism', 'alice', '01-server', 'results.json'), 'utf8')).status).toBe('pass');
    expect(JSON.parse(fs.readFileSync(path.join(reports, 'exercism', 'carol', '01-server', 'results.json'), 'utf8')).status).toBe('error');
    // Nothing of the grading is left behind.
    expect(fs.existsSync(path.join(ROOT, '.workshop', 'tmp', 'grade')) ? fs.readdirSync(path.join(ROOT, '.workshop', 'tmp', 'grade')) : []).toEqual([]);
  }, 900_000);
});
