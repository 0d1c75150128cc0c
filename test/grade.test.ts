/**
 * `npm run grade`: a class folder made here (a correct submission, a starter, one without the
 * step, a hostile one that blocks in a busy loop, one outside the workshop folder), graded as an
 * instructor would, and every report read back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { findSubmissions, gradeStep, renderCsv, type ClassroomResults, type GradeReport } from '../runner/lib/grading.js';
import { findStep } from '../runner/lib/steps.js';
import { copyProject, listFiles } from '../runner/lib/fsutil.js';
import { ROOT } from '../runner/lib/paths.js';
import { entryPath, unpackZip, ZipError } from '../runner/lib/zip.js';
import { launchBrowser, keepScreenshot, noBrowserReason } from './support/browser.js';
import { runCli, scratch } from './support/cli.js';

/** A zip of `dir`'s files under `prefix/` (as a learner's "compress folder" makes one). */
function zipOf(dir: string, prefix: string): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const rel of listFiles(dir)) entries[`${prefix}/${rel.split(path.sep).join('/')}`] = fs.readFileSync(path.join(dir, rel));
  return zipSync(entries);
}

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
    // A clone of the workshop with nothing in workspace/ (not pushed, or git-ignored): one learner
    // with nothing handed in, never its steps/ and solutions/ folders as learners.
    for (const d of ['checks', 'runner', 'steps/01-server', 'solutions/01-server']) fs.mkdirSync(path.join(root, 'cleo', d), { recursive: true });
    const { submissions, empty } = findSubmissions([root, path.join(root, 'alice'), path.join(root, 'notes'), path.join(root, 'cleo')]);
    expect(submissions.map((s) => s.name)).toEqual(['alice', 'bob', 'cleo', 'alice-2', 'cleo-2']);
    expect(submissions.find((s) => s.name === 'cleo')?.root).toBe(path.join(root, 'cleo', 'workspace'));
    expect(empty).toEqual([path.join(root, 'notes')]);
  });

  it('keeps a learner\'s name from becoming a spreadsheet formula', () => {
    const report = { schema: 'workshop-grades/1', gradedAt: '', workshop: { name: '', version: '', checksHash: '', dialect: 'sqlite' }, steps: [], learners: [{ name: '=HYPERLINK("x")', source: '', hash: 'h', steps: [], passed: 0, total: 0, points: 0, earned: 0, percent: 0 }] } satisfies GradeReport;
    expect(parseCsv(renderCsv(report))[1][0]).toBe(`'=HYPERLINK("x")`);
  });

  it('marks a check that failed by running out of time, so an instructor can grade it again', () => {
    const expected = ['a', 'b', 'c'].map((title) => ({ file: '01-server.test.ts', title, checkStep: '01-server' }));
    const result = (title: string, state: 'pass' | 'fail', extra = {}) => ({ title, path: [], file: '01-server.test.ts', checkStep: '01-server', group: 'new' as const, state, durationMs: 1, ...extra });
    const run = { step: '01-server', target: '/x', durationMs: 1, results: [result('a', 'pass'), result('b', 'fail', { message: 'Expected: x', timedOut: true }), result('c', 'fail', { message: 'Expected: y' })] };
    const graded = gradeStep(findStep('1'), expected, run, () => 1);
    expect(graded.checks.map((c) => [c.title, c.state, c.timedOut])).toEqual([
      ['a', 'pass', undefined],
      ['b', 'fail', true],
      ['c', 'fail', undefined],
    ]);
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
    // Zips: one of a learner's folder (as an LMS hands them in), and one that is not a zip at all.
    fs.writeFileSync(path.join(classDir, 'frank.zip'), zipOf(path.join(ROOT, 'solutions', '01-server'), 'frank/workspace/01-server'));
    fs.writeFileSync(path.join(classDir, 'gina.zip'), 'this is not a zip file');
    const reports = path.join(root, 'reports');

    const r = await runCli(['grade', classDir, path.join(outside, 'erin'), '--steps', '1', '--out', reports], { WORKSHOP_STALL_MS: '5000' }, 600_000);
    expect(r.code, r.stdout + r.stderr).toBe(0);

    const report = JSON.parse(fs.readFileSync(path.join(reports, 'grades.json'), 'utf8')) as GradeReport;
    expect(report.schema).toBe('workshop-grades/1');
    expect(report.workshop.checksHash).toMatch(/^[0-9a-f]{64}$/);
    const by = Object.fromEntries(report.learners.map((l) => [l.name, l]));
    expect(Object.keys(by).sort()).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina']);
    const totals = new Set(report.learners.map((l) => l.total));
    expect(totals.size, 'every learner is graded out of the same total').toBe(1);
    expect(by.alice.percent).toBe(100);
    expect(by.erin.percent).toBe(100);
    expect(by.frank.percent).toBe(100);
    expect(by.frank.source).toBe(path.join(classDir, 'frank.zip'));
    expect(by.gina.steps[0]).toMatchObject({ submitted: false, passed: 0 });
    expect(by.gina.steps[0].problem).toMatch(/zip could not be unpacked/);
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

    for (const l of report.learners) {
      const xml = fs.readFileSync(path.join(reports, `${l.name}.junit.xml`), 'utf8');
      expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
      // The same number of tests for every learner, submitted or not.
      expect(xml, l.name).toContain(`tests="${l.total}" failures="${l.total - l.passed}"`);
      expect([...xml.matchAll(/<testcase /g)].length, l.name).toBe(l.total);
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
    // Nothing of the grading is left behind, the unpacked zips included.
    expect(fs.existsSync(path.join(ROOT, '.workshop', 'tmp', 'grade')) ? fs.readdirSync(path.join(ROOT, '.workshop', 'tmp', 'grade')) : []).toEqual([]);

    await expectClassReport(path.join(reports, 'report.html'), report);
  }, 900_000);
});

/** The HTML report in a real browser: a row per learner, a page per learner, every failure's message, nothing fetched. */
async function expectClassReport(file: string, report: GradeReport): Promise<void> {
  const html = fs.readFileSync(file, 'utf8');
  expect(html).not.toMatch(/<script|<link |src=/i);
  if (noBrowserReason()) return;
  const browser = await launchBrowser();
  const page = await browser.newPage();
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) fetched.push(r.url());
  });
  try {
    await page.goto(`file://${file}`);
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(report.learners.length + 1);
    for (const l of report.learners) {
      await expect.poll(() => page.getByRole('rowheader', { name: new RegExp(`^${l.name}\\b`) }).count(), { message: l.name }).toBe(1);
    }
    // A learner's page: their link shows them alone, with each failure's message.
    const bob = report.learners.find((l) => l.name === 'bob')!;
    await page.getByRole('link', { name: 'bob', exact: true }).click();
    expect(page.url()).toMatch(/#learner-bob$/);
    expect(await page.locator('#class').isVisible()).toBe(false);
    expect(await page.locator('#learner-alice').isVisible()).toBe(false);
    const bobPage = page.locator('#learner-bob');
    expect(await bobPage.getByRole('heading', { level: 2 }).textContent()).toBe(`bob: ${bob.percent}%`);
    const firstFailure = bob.steps[0].checks.find((c) => c.state === 'fail')!;
    expect(await bobPage.getByText(firstFailure.title, { exact: false }).first().isVisible()).toBe(true);
    expect(await bobPage.locator('pre').first().textContent()).toBe(bob.steps[0].checks.find((c) => c.state === 'fail' && c.message)!.message);
    await page.getByRole('link', { name: '← the class' }).first().click();
    expect(await page.locator('#class').isVisible()).toBe(true);
    expect(fetched).toEqual([]);
  } catch (err) {
    await keepScreenshot(page, 'grade-report');
    throw err;
  } finally {
    await browser.close();
  }
}

describe('zip submissions', () => {
  it('keeps every entry inside the folder: absolute paths, drive letters and .. are refused, junk is skipped', () => {
    expect(entryPath('alice/workspace/01-server/src/app.ts')).toBe('alice/workspace/01-server/src/app.ts');
    expect(entryPath('alice\\workspace\\x.ts')).toBe('alice/workspace/x.ts');
    expect(entryPath('./a/./b.ts')).toBe('a/b.ts');
    expect(entryPath('alice/')).toBeUndefined();
    expect(entryPath('__MACOSX/alice/._app.ts')).toBeUndefined();
    expect(entryPath('alice/.DS_Store')).toBeUndefined();
    for (const bad of ['../evil.ts', 'a/../../evil.ts', '/etc/passwd', 'C:\\Windows\\evil.ts', 'a\\..\\..\\evil.ts']) expect(() => entryPath(bad), bad).toThrow(ZipError);
  });

  it('refuses a zip that climbs out, a bomb and too many files, and writes nothing outside', () => {
    const root = scratch('zips');
    made.push(root);
    const write = (name: string, entries: Record<string, Uint8Array>) => {
      fs.writeFileSync(path.join(root, name), zipSync(entries));
      return path.join(root, name);
    };
    const climbing = write('climb.zip', { 'ok.txt': new Uint8Array([1]), '../../escaped.txt': new Uint8Array([2]) });
    expect(() => unpackZip(climbing, path.join(root, 'out1'))).toThrow(/climbs out/);
    expect(fs.existsSync(path.join(root, 'out1'))).toBe(false);
    expect(fs.existsSync(path.join(root, '..', 'escaped.txt'))).toBe(false);
    // 2 MB of zeros compress to a few KB: the limit is on what it unpacks to.
    const bomb = write('bomb.zip', { 'zeros.bin': new Uint8Array(2 * 2 ** 20) });
    expect(fs.statSync(bomb).size).toBeLessThan(64 * 1024);
    expect(() => unpackZip(bomb, path.join(root, 'out2'), { maxZipBytes: 2 ** 20, maxUnpackedBytes: 2 ** 20, maxEntries: 100 })).toThrow(/unpacks to more than/);
    const many = write('many.zip', Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, new Uint8Array([i])])));
    expect(() => unpackZip(many, path.join(root, 'out3'), { maxZipBytes: 2 ** 20, maxUnpackedBytes: 2 ** 20, maxEntries: 10 })).toThrow(/more than 10 files/);
    const good = write('good.zip', { 'alice/workspace/01-server/package.json': new TextEncoder().encode('{}') });
    unpackZip(good, path.join(root, 'out4'));
    expect(fs.readFileSync(path.join(root, 'out4', 'alice', 'workspace', '01-server', 'package.json'), 'utf8')).toBe('{}');
  });

  it('finds a learner in a zip of their clone, of their workspace, or of a folder around it, named after the zip', () => {
    const root = scratch('zips');
    made.push(root);
    const files = { 'package.json': new TextEncoder().encode('{}') };
    const zip = (name: string, prefix: string) => fs.writeFileSync(path.join(root, name), zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${prefix}${k}`, v]))));
    zip('ann.zip', 'workspace/01-server/');
    zip('ben.zip', '01-server/');
    zip('cid.zip', 'conduit-workshop-main/workspace/02-api/');
    zip('dee.zip', 'notes/');
    const { submissions } = findSubmissions([root], path.join(root, 'unpacked'));
    const by = Object.fromEntries(submissions.map((s) => [s.name, s]));
    expect(Object.keys(by).sort()).toEqual(['ann', 'ben', 'cid', 'dee']);
    expect(fs.existsSync(path.join(by.ann.root, '01-server', 'package.json'))).toBe(true);
    expect(fs.existsSync(path.join(by.ben.root, '01-server', 'package.json'))).toBe(true);
    expect(fs.existsSync(path.join(by.cid.root, '02-api', 'package.json'))).toBe(true);
    expect(by.dee.problem).toMatch(/no step folders/);
    for (const s of submissions) expect(s.source).toBe(path.join(root, `${s.name}.zip`));
  });
});

describe('GitHub Classroom', () => {
  it('the workflow file is valid YAML that runs the grade command and hands its result to the reporter', async () => {
    const { parse } = await import('yaml');
    const flow = parse(fs.readFileSync(path.join(ROOT, 'grading', 'github-classroom.yml'), 'utf8')) as { jobs: Record<string, { steps: { id?: string; run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string> }[] }> };
    const steps = Object.values(flow.jobs)[0].steps;
    const grade = steps.find((s) => s.run?.includes('grade -- . --classroom'));
    expect(grade?.id).toBe('grade');
    const reporter = steps.find((s) => s.uses?.startsWith('classroom-resources/autograding-grading-reporter@'));
    expect(reporter?.with?.runners).toBe('grade');
    expect(reporter?.env?.GRADE_RESULTS).toBe('${{ steps.grade.outputs.result }}');
  });

  it('--classroom reports the points as Classroom reads them, and --collect merges the uploads, marking other checks', async () => {
    const root = scratch('classroom');
    made.push(root);
    const repo = path.join(root, 'conduit-alice');
    copyProject(path.join(ROOT, 'solutions', '00-setup'), path.join(repo, 'workspace', '00-setup'));
    const output = path.join(root, 'github-output');
    const summary = path.join(root, 'step-summary');
    const graded = path.join(root, 'uploads', 'conduit-alice');
    const r = await runCli(['grade', repo, '--steps', '0', '--classroom', '--name', 'conduit-alice', '--out', graded], { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary }, 600_000);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const line = fs.readFileSync(output, 'utf8').trim();
    expect(line).toMatch(/^result=[A-Za-z0-9+/=]+$/);
    const results = JSON.parse(Buffer.from(line.slice('result='.length), 'base64').toString('utf8')) as ClassroomResults;
    const own = JSON.parse(fs.readFileSync(path.join(graded, 'grades.json'), 'utf8')) as GradeReport;
    const alice = own.learners[0];
    expect(alice.name).toBe('conduit-alice');
    expect(results).toMatchObject({ version: 1, status: alice.percent === 100 ? 'pass' : 'fail', max_score: alice.points });
    expect(results.tests.length).toBe(alice.total);
    expect(results.tests.reduce((n, t) => n + t.score, 0)).toBe(alice.earned);
    for (const t of results.tests) expect(['pass', 'fail']).toContain(t.status);
    expect(fs.readFileSync(summary, 'utf8')).toContain(`${alice.earned}/${alice.points} points`);

    // Another learner's upload, graded with edited checks; and a file that is not a report.
    const tampered: GradeReport = { ...own, workshop: { ...own.workshop, checksHash: 'f'.repeat(64) }, learners: [{ ...alice, name: 'conduit-mallory' }] };
    fs.mkdirSync(path.join(root, 'uploads', 'conduit-mallory'), { recursive: true });
    fs.writeFileSync(path.join(root, 'uploads', 'conduit-mallory', 'grades.json'), JSON.stringify(tampered));
    fs.mkdirSync(path.join(root, 'uploads', 'junk'), { recursive: true });
    fs.writeFileSync(path.join(root, 'uploads', 'junk', 'grades.json'), '{"schema": "something-else"}');
    const merged = path.join(root, 'class');
    const c = await runCli(['grade', '--collect', path.join(root, 'uploads'), '--out', merged], {}, 120_000);
    expect(c.code, c.stdout + c.stderr).toBe(0);
    expect(c.stdout).toMatch(/left out: .*junk.*not a workshop-grades\/1 report/);
    expect(c.stdout).toMatch(/other checks .*conduit-mallory/);
    const report = JSON.parse(fs.readFileSync(path.join(merged, 'grades.json'), 'utf8')) as GradeReport;
    expect(report.learners.map((l) => [l.name, Boolean(l.otherChecks)])).toEqual([
      ['conduit-alice', false],
      ['conduit-mallory', true],
    ]);
    for (const f of ['grades.csv', 'report.html', 'conduit-alice.junit.xml', 'conduit-mallory.junit.xml', path.join('exercism', 'conduit-alice', '00-setup', 'results.json')]) {
      expect(fs.existsSync(path.join(merged, f)), f).toBe(true);
    }
    expect(fs.readFileSync(path.join(merged, 'report.html'), 'utf8')).toContain('Graded with other check files');
  }, 900_000);
});
