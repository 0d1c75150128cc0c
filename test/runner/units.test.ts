import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../runner/lib/args.js';
import { UsageError } from '../../runner/lib/errors.js';
import { diffLines, hunks } from '../../runner/lib/line-diff.js';
import { parseHints, parseLesson, parseLessonLink, requirementsOf, slugify, tasksOf, unmarkedRules } from '../../runner/lib/lesson.js';
import { LogTail } from '../../runner/lib/processes.js';
import type { RunResult } from '../../runner/lib/results.js';
import { runPassed } from '../../runner/lib/results.js';
import { findStep, STEPS, UnknownStepError } from '../../runner/lib/steps.js';
import { renderJson } from '../../runner/reporters/json.js';
import { renderJunit } from '../../runner/reporters/junit.js';
import { firstLine, locateInDir } from '../../checks/support/learner-code.js';
import { containsStackTrace } from '../../checks/support/expect.js';

describe('steps', () => {
  it('are found by number, padded number, slug and short slug', () => {
    for (const name of ['2', '02', '02-api', 'api', ' 02-API ']) expect(findStep(name).slug).toBe('02-api');
  });
  it('an unknown name lists every step', () => {
    expect(() => findStep('42')).toThrow(UnknownStepError);
    expect(() => findStep('42')).toThrow(/0 \(00-setup\).*8 \(08-deploy\)/);
  });
  it('the course map has nine steps in order', () => {
    expect(STEPS.map((s) => s.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('parseArgs', () => {
  const spec = { solution: { description: '' }, reporter: { value: true, description: '' } };
  it('reads flags, values and positionals', () => {
    expect(parseArgs(['1', '--solution', '--reporter', 'json'], spec, {})).toEqual({ positionals: ['1'], flags: { solution: true, reporter: 'json' } });
    expect(parseArgs(['--reporter=junit', '2'], spec, {}).flags.reporter).toBe('junit');
  });
  it('reads flags npm kept for itself (npm run check 1 --solution)', () => {
    expect(parseArgs(['1'], spec, { npm_config_solution: 'true' }).flags.solution).toBe(true);
  });
  it('asks for -- when npm swallowed an option that takes a value', () => {
    expect(() => parseArgs(['1', 'json'], spec, { npm_config_reporter: 'true' })).toThrow(/put -- before the options/);
  });
  it('refuses unknown options and missing values', () => {
    expect(() => parseArgs(['--nope'], spec, {})).toThrow(UsageError);
    expect(() => parseArgs(['--reporter'], spec, {})).toThrow(/needs a value/);
  });
});

describe('lessons', () => {
  const md = [
    '# Step 01 · Server',
    '',
    '> Build a server.',
    '> With care.',
    '',
    '## Your task',
    '',
    '### Health endpoint (GET /health)',
    'Do it: it answers `200`. <!-- req: health-200 --> It must never crash.',
    'You may log it.',
    '',
    '```md',
    '## not a heading',
    '```',
    '### JSON 404s',
    'More.',
    '## Going further',
  ].join('\n');
  const lesson = parseLesson(md);
  it('reads the title, the brief and the tasks', () => {
    expect(lesson.title).toBe('Step 01 · Server');
    expect(lesson.brief).toBe('Build a server.\nWith care.');
    expect(tasksOf(lesson).map((t) => t.anchor)).toEqual(['health-endpoint-get-health', 'json-404s']);
  });
  it('reads hints in order, from their own file', () => {
    const hints = parseHints(['# Hints', '', '## Health endpoint (GET /health)', '', '### Hint 1', '', 'Look here.', '', '### Hint 2', 'Use `res.json`.', '', '## JSON 404s', '### Hint 1', 'x'].join('\n'));
    expect(hints.get('health-endpoint-get-health')?.map((h) => h.label)).toEqual(['Hint 1', 'Hint 2']);
    expect(hints.get('health-endpoint-get-health')?.[1].text).toBe('Use `res.json`.');
    expect(hints.get('json-404s')).toHaveLength(1);
  });
  it('finds requirement markers with their sentence, and rules without one', () => {
    expect(requirementsOf('01-server', lesson)).toEqual([{ id: '01-server#health-200', sentence: 'Do it: it answers `200`.', section: 'health-endpoint-get-health' }]);
    expect(unmarkedRules(lesson)).toEqual([{ section: 'health-endpoint-get-health', sentence: 'It must never crash.' }]);
  });
  it('makes GitHub anchors', () => {
    expect(slugify('The step contract')).toBe('the-step-contract');
    expect(slugify('Malformed JSON → 400')).toBe('malformed-json--400');
    expect(slugify('`createApp(deps)` and `listen`')).toBe('createappdeps-and-listen');
  });
  it('parses lesson links', () => {
    expect(parseLessonLink('docs/01-server.md#health')).toEqual({ slug: '01-server', anchor: 'health' });
    expect(parseLessonLink('nonsense')).toBeUndefined();
  });
});

describe('line diff', () => {
  it('finds the changed lines with context', () => {
    const a = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const b = ['a', 'b', 'c', 'D', 'e', 'f', 'g', 'h', 'i'];
    const lines = diffLines(a, b);
    expect(lines.filter((l) => l.op !== ' ')).toEqual([
      { op: '-', text: 'd' },
      { op: '+', text: 'D' },
      { op: '+', text: 'i' },
    ]);
    const hs = hunks(lines, 1);
    expect(hs).toHaveLength(2);
    expect(hs[0].aStart).toBe(3);
  });
  it('identical files have no hunks', () => {
    expect(hunks(diffLines(['x'], ['x']))).toEqual([]);
  });
});

describe('learner code errors', () => {
  it('locate the first frame inside the project', () => {
    const err = new Error('boom');
    err.stack = 'Error: boom\n    at x (/elsewhere/node_modules/a.js:1:1)\n    at y (/work/ws/01-server/src/app.ts:12:7)';
    expect(locateInDir(err, '/work/ws/01-server')).toBe('/work/ws/01-server/src/app.ts:12:7');
    expect(locateInDir(err, '/other')).toBeUndefined();
  });
  it('keep the first line of a bundler message, without its location prefix', () => {
    expect(firstLine(new Error('Transform failed with 1 error:\n/a/src/app.ts:3:9: ERROR: Expected ")" but found ";"'))).toBe('Expected ")" but found ";"');
    expect(firstLine(new TypeError('x is not a function'))).toBe('TypeError: x is not a function');
  });
  it('recognise stack traces in a response body', () => {
    expect(containsStackTrace('Error: x\n    at handler (/app/src/app.ts:10:5)')).toBe(true);
    expect(containsStackTrace('at Object.<anonymous> (file:///C:/app/x.js:1:2)')).toBe(true);
    expect(containsStackTrace('{"errors":{"server":["something went wrong"]}}')).toBe(false);
  });
});

describe('reports', () => {
  const run: RunResult = {
    step: '01-server',
    target: '/x/01-server',
    durationMs: 1234,
    results: [
      { title: 'answers <json> & "quotes"', path: ['health'], checkStep: '01-server', group: 'new', state: 'pass', durationMs: 5 },
      { title: 'fails', path: [], checkStep: '01-server', group: 'new', state: 'fail', durationMs: 7, message: 'Expected: 200\nGot: 500 \u0001' },
    ],
  };
  it('junit escapes XML and drops control characters', () => {
    const xml = renderJunit([run]);
    expect(xml).toContain('name="answers &lt;json&gt; &amp; &quot;quotes&quot;"');
    expect(xml).toContain('<failure message="Expected: 200">');
    expect(xml).not.toContain('\u0001');
    expect(xml).toMatch(/tests="2" failures="1"/);
  });
  it('json tells a timeout and a blocked check from a verdict (bench:slow counts timeouts by it)', () => {
    const timedOut = { ...run.results[1], title: 'slow', timedOut: true };
    const blocked = { ...run.results[1], title: 'waits', blocked: true, needs: 'a Redis server' };
    const checks = (JSON.parse(renderJson([{ ...run, results: [...run.results, timedOut, blocked] }])) as { steps: { checks: Record<string, unknown>[] }[] }).steps[0].checks;
    expect(checks.map((c) => [c.title, c.timedOut, c.blocked, c.needs])).toEqual([
      ['answers <json> & "quotes"', undefined, undefined, undefined],
      ['fails', undefined, undefined, undefined],
      ['slow', true, undefined, undefined],
      ['waits', undefined, true, 'a Redis server'],
    ]);
  });
  it('a run passes only when it ran checks and none failed', () => {
    expect(runPassed(run)).toBe(false);
    expect(runPassed({ ...run, results: [] })).toBe(false);
    expect(runPassed({ ...run, results: [run.results[0]] })).toBe(true);
    expect(runPassed({ ...run, results: [run.results[0]], problem: { kind: 'crash', message: 'x' } })).toBe(false);
  });
});

describe('LogTail', () => {
  it('keeps the last lines, joining chunks split mid-line', () => {
    const t = new LogTail(2);
    t.push('one\ntw');
    t.push('o\nthree\nfour');
    expect(t.last()).toEqual(['three', 'four']);
  });
});

describe('the runner reads .env files as dotenv does', () => {
  it('inline comments, quotes and export are what the server sees', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { readEnvFile, learnerEnv } = await import('../../runner/lib/dotenv-file.js');
    const { checkDbSettings } = await import('../../runner/lib/check-db.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-'));
    fs.writeFileSync(path.join(dir, '.env'), 'DB_DIALECT=mysql  # docker\nPORT=4000 # x\nexport NODE_ENV="production"\nDATABASE_URL=mysql://root@db:3306/conduit\n');
    expect(readEnvFile(path.join(dir, '.env'))).toMatchObject({ DB_DIALECT: 'mysql', PORT: '4000', NODE_ENV: 'production' });
    expect(checkDbSettings(dir, {})).toEqual({ dialect: 'mysql', serverUrl: 'mysql://root@db:3306' });
    // The step's .env wins over the runner's defaults: they are left out, so dotenv applies the file.
    const { env } = learnerEnv(dir, { NODE_ENV: 'development', PORT: '3000' }, {});
    expect(env.NODE_ENV).toBeUndefined();
    expect(env.PORT).toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('learner-facing text', () => {
  it('a title with quotes is quoted with other quotes', async () => {
    const { quoted } = await import('../../runner/reporters/pretty.js');
    expect(quoted('GET /health answers 200 with JSON {"status": "ok"}')).toBe(`'GET /health answers 200 with JSON {"status": "ok"}'`);
    expect(quoted(`it's "odd"`)).toBe(`“it's "odd"”`);
    expect(quoted('plain')).toBe('"plain"');
  });
  it('a crash shows the learner\'s own frame, not Node\'s internals', async () => {
    const { summariseCrash } = await import('../../runner/lib/crash.js');
    const output = [
      '/w/01-server/src/config.ts:9',
      '    throw new TypeError(`PORT must be a number`);',
      '          ^',
      '',
      'TypeError: PORT must be a number',
      '    at loadConfig (/w/01-server/src/config.ts:9:11)',
      '    at Module._compile (node:internal/modules/cjs/loader:1521:14)',
      '    at Object.transformer (/x/node_modules/tsx/dist/register.cjs:22:2188)',
      '    at Pipe.onStreamRead (node:internal/stream_base_commons:191:23)',
      '',
      'Node.js v20.20.2',
    ];
    const s = summariseCrash(output, '/w/01-server');
    expect(s.error).toBe('TypeError: PORT must be a number');
    expect(s.where).toBe('src/config.ts:9');
    expect(s.lines.join('\n')).not.toMatch(/node:internal|onStreamRead|node_modules|Node\.js v/);
    expect(s.lines).toContain('    at src/config.ts:9:11');
  });
  it('a passing step names the next one and what it adds', async () => {
    const { nextStepLine } = await import('../../runner/reporters/pretty.js');
    expect(nextStepLine('01-server')).toMatch(/^on to 02-api: npm run step 2 . Conduit articles/);
    expect(nextStepLine('04-security')).toMatch(/^on to 05-performance: npm run step 5/);
    expect(nextStepLine('05-performance')).toMatch(/^on to 06-testing: npm run step 6/);
    expect(nextStepLine('06-testing')).toMatch(/^on to 07-frontend: npm run step 7/);
    expect(nextStepLine('07-frontend')).toMatch(/^on to 08-deploy: npm run step 8/);
    expect(nextStepLine('08-deploy')).toMatch(/^that was the last step: well done!/);
  });
});

describe('the command table', () => {
  it('usage and --help come from each command\'s declared options', async () => {
    const { COMMANDS } = await import('../../runner/commands/index.js');
    const { helpOf } = await import('../../runner/lib/command.js');
    for (const entry of COMMANDS) {
      const help = helpOf(entry).join('\n');
      for (const option of Object.keys(entry.options)) expect(help, `${entry.name} --${option}`).toContain(`--${option}`);
    }
  });
  it('the README shows every command and every option', async () => {
    const fs = await import('node:fs');
    const { COMMANDS } = await import('../../runner/commands/index.js');
    const { ROOT } = await import('../../runner/lib/paths.js');
    const readme = fs.readFileSync(`${ROOT}/README.md`, 'utf8');
    for (const entry of COMMANDS) {
      expect(readme, entry.name).toContain(`npm run ${entry.script?.replace(/<.*>/, '') ?? entry.name}`);
      for (const option of Object.keys(entry.options)) expect(readme, `${entry.name} --${option}`).toContain(`--${option}`);
    }
  });
});

describe("step 06's remembered suite verdicts", () => {
  it('are keyed by the tests, the planted bug and the options, never by the learner\'s src/, and are off while grading', async () => {
    const { cacheKey } = await import('../../checks/support/suite.js');
    const { copyProject } = await import('../../runner/lib/fsutil.js');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suite-key-'));
    try {
      copyProject(path.join(process.cwd(), 'solutions', '06-testing'), dir);
      const key = cacheKey(dir, { bail: true });
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      fs.appendFileSync(path.join(dir, 'src', 'app.ts'), '\n// the learner was here\n');
      expect(cacheKey(dir, { bail: true }), 'src/ is not an input: the suite runs on the reference code').toBe(key);
      expect(cacheKey(dir, { bail: false })).not.toBe(key);
      expect(cacheKey(dir, { bail: true, mutant: { id: 'x', bug: 'x', edits: [] } })).not.toBe(key);
      const test = fs.readdirSync(path.join(dir, 'test')).find((f) => f.endsWith('.test.ts'))!;
      fs.appendFileSync(path.join(dir, 'test', test), '\n// one more line\n');
      expect(cacheKey(dir, { bail: true })).not.toBe(key);
      process.env.WORKSHOP_SUITE_CACHE = 'off';
      expect(cacheKey(dir, { bail: true })).toBeUndefined();
    } finally {
      delete process.env.WORKSHOP_SUITE_CACHE;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
