/**
 * Step 08 · Deployment and operations: the production build. The project is copied to a scratch
 * folder (never built in the learner's folder), built there with its own `npm run build`, and the
 * compiled server started with plain Node (no tsx), as the image runs it. Packages resolve from
 * the workshop's node_modules, the way the step folder resolves them (Node walks up from the
 * folder; the copy sits inside the workshop too).
 */
import { spawn } from 'node:child_process';
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import { afterAll, describe } from 'vitest';
import { freePort } from '../runner/lib/processes.js';
import { ROOT, shortPath } from '../runner/lib/paths.js';
import {
  api,
  asLearnerPaths,
  budget,
  containsStackTrace,
  createTestDatabase,
  describeResponse,
  ensure,
  fail,
  requirement,
  scratchCopy,
  timeout,
  type TestDatabase,
} from './support/index.js';
import { seconds, track } from './support/budget.js';
import { CLEAN_ENV, dir, JWT_SECRET, L, person, short, startApp, tokenOf } from './08-deploy.shared.js';

interface NpmResult {
  code: number | string;
  output: string;
}

/** `npm run <script>` in a folder, with the environment given (npm's own variables and NODE_OPTIONS left out). */
const npmRun = (cwd: string, script: string, env: NodeJS.ProcessEnv, waitMs: number, what: string): Promise<NpmResult> =>
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], cwd, env, waitMs, what);

/** `node <file>` (plain Node, no tsx) in a folder. */
const nodeRun = (cwd: string, file: string, env: NodeJS.ProcessEnv, waitMs: number, what: string): Promise<NpmResult> => run(process.execPath, [file], cwd, env, waitMs, what);

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, waitMs: number, what: string): Promise<NpmResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_OPTIONS'));
  const child = spawn(command, args, {
    cwd,
    env: { ...base, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  };
  let expired: string | undefined;
  return track(
    new Promise<NpmResult>((resolve) => {
      const timer = setTimeout(() => {
        killGroup();
        const last = output.trim() ? `; last output:\n          | ${output.trim().split('\n').slice(-6).join('\n          | ')}` : '';
        expired = `it was still running after ${seconds(waitMs)}${last}`;
        resolve({ code: 'timeout', output });
      }, waitMs);
      child.once('error', (err) => {
        clearTimeout(timer);
        resolve({ code: 'spawn-error', output: `could not run npm: ${err.message}` });
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code: code ?? signal ?? 'unknown', output });
      });
    }),
  ).then((result) => {
    if (expired !== undefined) timeout({ expected: what, got: expired, operation: what });
    return result;
  });
}

interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function readPackage(folder: string): PackageJson {
  const file = path.join(folder, 'package.json');
  ensure(fs.existsSync(file), { expected: `a package.json in ${shortPath(folder)} with the build, start and migrate scripts`, got: 'there is none', lesson: L.build });
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PackageJson;
  } catch (err) {
    fail({ expected: `${shortPath(file)} to be valid JSON`, got: (err as Error).message, lesson: L.build });
  }
}

interface Built {
  copy: string;
  cleanUp(): void;
}

/** One build for the file's checks: a scratch copy with `npm run build` run in it. */
let building: Promise<Built> | undefined;
const copies: Built[] = [];
afterAll(() => copies.forEach((c) => c.cleanUp()));

async function built(): Promise<Built> {
  building ??= (async () => {
    const pkg = readPackage(dir);
    ensure(typeof pkg.scripts?.build === 'string', {
      expected: `a "build" script in ${shortPath(path.join(dir, 'package.json'))}: "tsc -p tsconfig.build.json"`,
      got: `scripts: ${JSON.stringify(pkg.scripts ?? {})}`,
      lesson: L.build,
    });
    const c = scratchCopy(dir, { name: '08-deploy-build' });
    copies.push(c);
    const result = await npmRun(c.copy, 'build', {}, budget(90_000), 'npm run build to finish');
    const output = asLearnerPaths(result.output.trim(), c.copy, dir);
    ensure(result.code === 0, {
      expected: 'npm run build to compile the project (exit code 0)',
      got: `exit code ${result.code}${output ? `:\n          | ${output.split('\n').slice(0, 15).join('\n          | ')}` : ' and no output'}`,
      lesson: L.build,
    });
    ensure(fs.existsSync(path.join(c.copy, 'dist', 'server.js')), {
      expected: 'npm run build to write the compiled server to dist/server.js',
      got: fs.existsSync(path.join(c.copy, 'dist')) ? `dist/ holds: ${listJs(path.join(c.copy, 'dist')).slice(0, 8).join(', ') || 'no .js file'}` : 'no dist/ folder after the build',
      hint: 'tsconfig.build.json: "rootDir": "src", "outDir": "dist", "noEmit": false, and "include": ["src"]',
      lesson: L.build,
    });
    // The image holds dist/ and no sources: neither do the copy's checks.
    fs.rmSync(path.join(c.copy, 'src'), { recursive: true, force: true });
    return c;
  })();
  try {
    return await building;
  } catch (err) {
    // A retry (a timeout) or the next check builds again.
    building = undefined;
    throw err;
  }
}

function listJs(folder: string, rel = ''): string[] {
  if (!fs.existsSync(path.join(folder, rel))) return [];
  return fs.readdirSync(path.join(folder, rel), { withFileTypes: true }).flatMap((e) => {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : listJs(folder, child);
    return /\.[cm]?js$/.test(e.name) ? [child] : [];
  });
}

const words = (script: string | undefined): string[] => (script ?? '').split(/\s+/).filter(Boolean);

describe('a production build', () => {
  requirement(
    'npm run build compiles src/ (without the tests) into dist/ and fails on a type error, and npm start runs node dist/server.js: without tsx or the sources, /health/live answers and a user registers and reads itself back',
    { lesson: L.build, covers: ['build-script', 'start-compiled'], timeout: 180_000, concurrent: true },
    async () => {
      const pkg = readPackage(dir);
      const start = words(pkg.scripts?.start);
      ensure(start.length > 0 && /(?:^|\/)node$/.test(start[0]) && start.some((w) => /(?:^|\/)dist\/server\.js$/.test(w)) && !start.some((w) => /tsx|ts-node/.test(w)), {
        expected: '"start": "node dist/server.js" in package.json: production runs the compiled JavaScript, not TypeScript through tsx',
        got: pkg.scripts?.start ? `"start": ${JSON.stringify(pkg.scripts.start)}` : 'no start script',
        lesson: L.build,
      });
      const { copy } = await built();
      const tests = listJs(path.join(copy, 'dist')).filter((f) => /(?:^|\/)(?:test|tests|__tests__)\/|\.(?:test|spec)\.[cm]?js$/.test(f));
      ensure(tests.length === 0, {
        expected: 'dist/ to hold the application only: the build compiles src/, not the tests',
        got: `dist/ holds ${tests.slice(0, 4).join(', ')}${tests.length > 4 ? ', …' : ''}`,
        hint: 'tsconfig.build.json: "include": ["src"], "exclude": ["**/*.test.ts"]',
        lesson: L.build,
      });
      const app = await startApp({ cwd: copy, compiled: true, lesson: L.build });
      try {
        const http = api(app.url);
        const live = await http.get('/health/live');
        ensure(live.status === 200 && (live.body as { status?: unknown })?.status === 'ok', {
          expected: 'node dist/server.js: GET /health/live answers 200 {"status":"ok"}',
          got: describeResponse(live),
          lesson: L.build,
        });
        const who = person('built');
        const created = await http.post('/api/users', { json: { user: who } });
        const token = tokenOf(created);
        ensure(created.status === 201 && typeof token === 'string', {
          expected: 'node dist/server.js: POST /api/users registers a user (201 with a token), as the TypeScript server does',
          got: `${describeResponse(created)}${app.tail(6)}`,
          lesson: L.build,
        });
        const me = await http.get('/api/user', { headers: { Authorization: `Token ${token}` } });
        ensure(me.status === 200 && (me.body as { user?: { username?: unknown } })?.user?.username === who.username, {
          expected: `node dist/server.js: GET /api/user with that token answers 200 with the user ${who.username}`,
          got: describeResponse(me),
          lesson: L.build,
        });
      } finally {
        await app.stop();
      }
      // A build that does not type-check must fail: a type error stops the build, not a deploy.
      const broken = scratchCopy(dir, { name: '08-deploy-type-error' });
      try {
        const file = ['src/config.ts', 'src/server.ts', 'src/app.ts'].find((f) => fs.existsSync(path.join(broken.copy, f)))!;
        fs.appendFileSync(path.join(broken.copy, file), "\nexport const workshopTypeCheck: number = 'not a number';\n");
        const result = await npmRun(broken.copy, 'build', {}, budget(90_000), 'npm run build (with a type error) to finish');
        ensure(result.code !== 0, {
          expected: `npm run build to fail (a non-zero exit code) when ${file} has a type error (const x: number = 'not a number')`,
          got: `exit code 0${result.output.trim() ? `:\n          | ${asLearnerPaths(result.output.trim(), broken.copy, dir).split('\n').slice(0, 6).join('\n          | ')}` : ''}`,
          hint: 'build with tsc (tsc -p tsconfig.build.json), which type-checks; a transpiler alone (esbuild, tsx) does not, and a "|| true" hides the failure',
          lesson: L.build,
        });
      } finally {
        broken.cleanUp();
      }
    },
  );

  requirement(
    'npm run migrate runs the compiled migrations from any folder: node dist/db/migrate.js migrates an empty database, a second run changes nothing, and an unreachable database stops it with a non-zero exit and one line that says why',
    { lesson: L.migrate, covers: ['migrate-script', 'migrate-from-dist', 'migrate-unreachable'], timeout: 120_000, concurrent: true },
    async () => {
      const pkg = readPackage(dir);
      ensure(typeof pkg.scripts?.migrate === 'string' && !/tsx|ts-node/.test(pkg.scripts.migrate), {
        expected: '"migrate": "node dist/db/migrate.js" in package.json: the migrations run from the compiled code, in the image that has no TypeScript',
        got: pkg.scripts?.migrate ? `"migrate": ${JSON.stringify(pkg.scripts.migrate)}` : 'no migrate script',
        lesson: L.migrate,
      });
      const { copy } = await built();
      const db = await createTestDatabase();
      const env = { ...CLEAN_ENV, NODE_ENV: 'production', JWT_SECRET, LOG_LEVEL: 'info', ...db.env } as NodeJS.ProcessEnv;
      const show = (r: NpmResult) => {
        const out = asLearnerPaths(r.output.trim(), copy, dir);
        return `exit code ${r.code}${out ? `:\n          | ${out.split('\n').slice(-10).join('\n          | ')}` : ' and no output'}`;
      };
      ensure(fs.existsSync(path.join(copy, 'dist', 'db', 'migrate.js')), {
        expected: 'npm run build to write dist/db/migrate.js (the compiled src/db/migrate.ts)',
        got: `dist/db/ holds: ${listJs(path.join(copy, 'dist', 'db')).slice(0, 8).join(', ') || 'nothing'}`,
        lesson: L.migrate,
      });
      try {
        // From another folder, as a job whose working directory is not the app's: the migrations
        // are found from the module, not from the current folder.
        const elsewhere = fs.mkdtempSync(path.join(path.dirname(copy), '08-deploy-cwd-'));
        copies.push({ copy: elsewhere, cleanUp: () => fs.rmSync(elsewhere, { recursive: true, force: true }) });
        const first = await nodeRun(elsewhere, path.join(copy, 'dist', 'db', 'migrate.js'), env, budget(30_000), 'node dist/db/migrate.js to finish');
        ensure(first.code === 0, {
          expected: `node ${path.join(copy, 'dist', 'db', 'migrate.js').replace(copy, shortPath(dir))} run from another folder, on an empty ${db.config.dialect} database: exit code 0`,
          got: show(first),
          hint: 'find the migrations from the module (import them in a list, or new URL(\'./migrations/\', import.meta.url)), not from process.cwd()',
          lesson: L.migrate,
        });
        const tables = await withSequelize(db, (s) => tableList(s));
        const wanted = ['users', 'articles', 'tags', 'article_tags', 'comments'];
        const missing = wanted.filter((t) => !tables.includes(t));
        ensure(missing.length === 0, {
          expected: `after npm run migrate, the tables ${wanted.join(', ')}`,
          got: `missing ${missing.join(', ')} (the database has: ${tables.join(', ') || 'no table'})`,
          hint: 'find the compiled migrations relative to the module (new URL(\'./migrations/\', import.meta.url)), not to the current folder, and list .js files as well as .ts',
          lesson: L.migrate,
        });
        const marker = `migrate-check-${Date.now().toString(36)}`;
        const inserted = await withSequelize(db, async (s) => {
          try {
            await s.query(`INSERT INTO ${quote(s, 'tags')} (${quote(s, 'name')}) VALUES (?)`, { replacements: [marker] });
            return true;
          } catch {
            return false;
          }
        });
        const before = await withSequelize(db, (s) => migrationRows(s));
        const second = await npmRun(copy, 'migrate', env, budget(30_000), 'npm run migrate (again) to finish');
        ensure(second.code === 0, { expected: 'npm run migrate a second time, with nothing left to do: exit code 0', got: show(second), lesson: L.migrate });
        const after = await withSequelize(db, async (s) => ({ rows: await migrationRows(s), tables: await tableList(s), kept: inserted ? await countTag(s, marker) : 1 }));
        ensure(after.rows === before && after.kept === 1 && wanted.every((t) => after.tables.includes(t)), {
          expected: 'a second npm run migrate to change nothing: the same migrations recorded, the tables and their rows kept',
          got: `${after.rows !== before ? `${before} migration(s) recorded before, ${after.rows} after; ` : ''}${after.kept !== 1 ? 'a row written between the two runs is gone (were the tables dropped and made again?)' : ''}`.replace(/; $/, ''),
          lesson: L.migrate,
        });
      } finally {
        await db.drop();
      }
      const closed = await freePort();
      const unreachable = await npmRun(
        copy,
        'migrate',
        { ...env, DB_DIALECT: 'mysql', DB_STORAGE: undefined, DATABASE_URL: `mysql://conduit@127.0.0.1:${closed}/conduit` },
        budget(30_000),
        'npm run migrate against a database that does not answer to stop',
      );
      const out = asLearnerPaths(unreachable.output.trim(), copy, dir);
      const lines = out.split('\n').filter((l) => l.trim() !== '');
      ensure(unreachable.code !== 0, {
        expected: `npm run migrate with DATABASE_URL pointing where nothing listens (127.0.0.1:${closed}): a non-zero exit code, so a deployment stops there`,
        got: show(unreachable),
        lesson: L.migrate,
      });
      ensure(lines.length > 0 && lines.length <= 3 && !containsStackTrace(out), {
        expected: 'a short reason when the database cannot be reached (one line saying so), not a stack trace',
        got: lines.length === 0 ? 'no output at all' : `${lines.length} line(s):\n          | ${lines.slice(0, 8).map((l) => short(l, 160)).join('\n          | ')}`,
        hint: 'catch the error in dist/db/migrate.js, print one line (the database and err.message, never its password) and process.exit(1)',
        lesson: L.migrate,
      });
    },
  );

  requirement(
    'package.json lists in "dependencies" every package the compiled server imports, at the workshop\'s versions, and keeps the build and test tools (typescript, tsx, vitest, supertest, @types/*) in "devDependencies"',
    { lesson: L.build, covers: ['dependencies'], timeout: 120_000, concurrent: true },
    async () => {
      const pkg = readPackage(dir);
      const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
      const deps = pkg.dependencies ?? {};
      const dev = pkg.devDependencies ?? {};
      const tools = Object.keys(deps).filter((n) => ['typescript', 'tsx', 'vitest', 'supertest', 'ts-node', 'nodemon'].includes(n) || n.startsWith('@types/'));
      ensure(tools.length === 0, {
        expected: 'the build and test tools in "devDependencies": npm ci --omit=dev leaves them out of the image',
        got: `in "dependencies": ${tools.join(', ')}`,
        lesson: L.build,
      });
      const needed = ['typescript', 'vitest', 'supertest'].filter((n) => !(n in dev));
      ensure(needed.length === 0, { expected: '"devDependencies" to list typescript, vitest and supertest (the build and the tests need them)', got: `missing: ${needed.join(', ')}`, lesson: L.build });
      const { copy } = await built();
      const imported = new Map<string, string>();
      const builtins = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));
      for (const rel of listJs(path.join(copy, 'dist'))) {
        const text = fs.readFileSync(path.join(copy, 'dist', rel), 'utf8');
        for (const m of text.matchAll(/\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) {
          const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
          if (!spec || spec.startsWith('.') || spec.startsWith('/') || /^[a-z]+:/.test(spec)) continue;
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          if (builtins.has(name)) continue;
          if (!imported.has(name)) imported.set(name, `dist/${rel}`);
        }
      }
      const missing = [...imported].filter(([name]) => !(name in deps));
      ensure(missing.length === 0, {
        expected: '"dependencies" to list every package the compiled code imports: the image installs only those (npm ci --omit=dev)',
        got: `not in "dependencies": ${missing.map(([n, where]) => `${n} (imported by ${where})${n in dev ? ' — it is in devDependencies' : ''}`).join(', ')}`,
        lesson: L.build,
      });
      const rootVersions = { ...root.dependencies, ...root.devDependencies };
      const differ = Object.entries({ ...deps, ...dev }).filter(([n, v]) => rootVersions[n] !== undefined && rootVersions[n] !== v);
      ensure(differ.length === 0, {
        expected: 'the versions the workshop installs (its root package.json): the checks ran your code with those',
        got: differ.map(([n, v]) => `${n} ${v} (the workshop has ${rootVersions[n]})`).join(', '),
        lesson: L.build,
      });
    },
  );
});

// ── Reading the database from the check ────────────────────────────────────────────────────

async function withSequelize<T>(db: TestDatabase, fn: (s: Sequelize) => Promise<T>): Promise<T> {
  const s = db.config.dialect === 'sqlite' ? new Sequelize({ dialect: 'sqlite', storage: db.config.storage, logging: false }) : new Sequelize(db.config.url, { logging: false });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

const quote = (s: Sequelize, name: string) => (s.getDialect() === 'mysql' ? `\`${name}\`` : `"${name}"`);

async function tableList(s: Sequelize): Promise<string[]> {
  const raw = (await s.getQueryInterface().showAllTables()) as unknown[];
  return raw.map((t) => (typeof t === 'string' ? t : String((t as { tableName?: string }).tableName ?? t)));
}

/** Rows in the table(s) where the migrations are recorded (SequelizeMeta, umzug's, or the project's own). */
async function migrationRows(s: Sequelize): Promise<number> {
  let n = 0;
  for (const t of (await tableList(s)).filter((t) => /meta|migrations?$/i.test(t))) {
    const [rows] = (await s.query(`SELECT COUNT(*) AS n FROM ${quote(s, t)}`)) as [{ n: number | string }[], unknown];
    n += Number(rows[0]?.n ?? 0);
  }
  return n;
}

async function countTag(s: Sequelize, name: string): Promise<number> {
  const [rows] = (await s.query(`SELECT COUNT(*) AS n FROM ${quote(s, 'tags')} WHERE ${quote(s, 'name')} = ?`, { replacements: [name] })) as [{ n: number | string }[], unknown];
  return Number(rows[0]?.n ?? 0);
}
