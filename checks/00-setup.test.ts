/**
 * Step 00 is about the project's files themselves, so these checks read them (package.json,
 * tsconfig.json, .gitignore, .env.example) and then start src/server.ts as a process. They never
 * write into the learner's folder: the server check runs a copy under the scratch folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import dotenv from 'dotenv';
import ignore from 'ignore';
import type ts from 'typescript';
import { describe } from 'vitest';
import { copyProject, SKIPPED } from '../runner/lib/fsutil.js';
import { scratchDir, shortPath } from '../runner/lib/paths.js';
import { freePort } from '../runner/lib/processes.js';
import { CheckFailure, api, ensure, expectStatus, fail, lessonLink, requirement, startServer, targetDir } from './support/index.js';

const dir = targetDir('00-setup');
const lesson = lessonLink('00-setup');
// Anchors of the lesson's "Your task" sections, in the order the lesson (and this file) goes.
const L = {
  init: lesson('start-the-project-with-npm-init'),
  gitignore: lesson('keep-secrets-and-installs-out-of-git'),
  deps: lesson('install-the-dependencies'),
  devDeps: lesson('install-the-development-tools'),
  strict: lesson('turn-on-strict-typescript'),
  server: lesson('write-a-first-server-that-reads-port'),
  envExample: lesson('document-your-environment-variables'),
  dev: lesson('add-a-dev-script-that-reloads-on-save'),
  typecheck: lesson('make-the-project-type-check'),
};

const RUNTIME_DEPS = ['express', 'sequelize', 'mysql2', 'bcrypt', 'jsonwebtoken', 'dotenv'];
const DEV_TOOLS = ['typescript', '@types/node', '@types/express'];
const RUNNERS = ['tsx', 'nodemon'];
/** Tools that only help while developing: they belong in devDependencies. */
const DEV_ONLY = ['typescript', 'tsx', 'nodemon', 'ts-node', 'ts-node-dev', '@types/node', '@types/express'];

const file = (...parts: string[]) => path.join(dir, ...parts);
const show = (...parts: string[]) => shortPath(file(...parts));
const cdHint = `cd ${shortPath(dir)}`;
const list = (names: string[]) => names.join(', ');

// ---------------------------------------------------------------------------------------------
// package.json

type Deps = Record<string, string>;
interface PackageJson {
  type?: unknown;
  main?: unknown;
  scripts?: Record<string, unknown>;
  dependencies?: Deps;
  devDependencies?: Deps;
  nodemonConfig?: { exec?: unknown };
}

/** Line and column (1-based) of a character offset, and the text of that line. */
function locate(text: string, offset: number): { line: number; column: number; text: string } {
  const before = text.slice(0, offset).split(/\r?\n/);
  const line = before.length;
  return { line, column: before[before.length - 1].length + 1, text: text.split(/\r?\n/)[line - 1] ?? '' };
}

/** The parsed package.json, or a failure that says why there is none. */
function readPackageJson(lessonUrl: string): PackageJson {
  const where = show('package.json');
  ensure(fs.existsSync(file('package.json')), {
    expected: `a package.json in ${shortPath(dir)}`,
    got: `there is no ${where}`,
    hint: `${cdHint}, then npm init -y`,
    lesson: lessonUrl,
  });
  // npm accepts a byte-order mark (some Windows editors add one), so the check does too.
  const text = fs.readFileSync(file('package.json'), 'utf8').replace(/^\uFEFF/, '');
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message);
    const at = position ? locate(text, Number(position[1])) : undefined;
    fail({
      expected: `${where} to be valid JSON`,
      got: at
        ? `${where}:${at.line}:${at.column}: ${message}\n          | ${at.text}\n          | ${' '.repeat(Math.max(0, at.column - 1))}^`
        : `${where}: ${message}`,
      hint: 'JSON needs double quotes around every key and string, commas between entries, no comma after the last one, and no comments',
      lesson: L.init,
    });
  }
  ensure(typeof pkg === 'object' && pkg !== null && !Array.isArray(pkg), {
    expected: `${where} to hold one JSON object ({ "name": …, "scripts": …, "dependencies": … })`,
    got: Array.isArray(pkg) ? 'an array' : JSON.stringify(pkg),
    hint: `delete it and run npm init -y again in ${shortPath(dir)}`,
    lesson: L.init,
  });
  return pkg as PackageJson;
}

const deps = (value: unknown): Deps => (typeof value === 'object' && value !== null ? (value as Deps) : {});

// ---------------------------------------------------------------------------------------------
// tsconfig.json, read the way tsc reads it (comments, trailing commas and `extends` included)

let typescript: Promise<typeof ts> | undefined;
/** Loaded on first use: it is big, and the starter never gets that far. */
const loadTypeScript = () => (typescript ??= import('typescript').then((m) => m.default));

function formatDiagnostic(t: typeof ts, d: ts.Diagnostic): string {
  const message = t.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0];
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${shortPath(d.file.fileName)}:${line + 1}:${character + 1} TS${d.code}: ${message}`;
  }
  return `TS${d.code}: ${message}`;
}

/** The compiler options and files of the learner's tsconfig.json, or a failure that says why not. */
async function readTsConfig(lessonUrl: string): Promise<{ t: typeof ts; parsed: ts.ParsedCommandLine }> {
  const configPath = file('tsconfig.json');
  ensure(fs.existsSync(configPath), {
    expected: `a tsconfig.json in ${shortPath(dir)}`,
    got: `there is no ${show('tsconfig.json')}`,
    hint: `${cdHint}, then npx tsc --init (after npm i -D typescript)`,
    lesson: lessonUrl,
  });
  const t = await loadTypeScript();
  const read = t.readConfigFile(configPath, t.sys.readFile);
  if (read.error) {
    fail({
      expected: `${show('tsconfig.json')} to be readable by the TypeScript compiler`,
      got: formatDiagnostic(t, read.error),
      lesson: lessonUrl,
    });
  }
  const parsed = t.parseJsonConfigFileContent(read.config, t.sys, dir, undefined, configPath);
  // TS18003 ("no inputs were found") is about the files, not the options: the type-check reports it.
  const errors = parsed.errors.filter((e) => e.code !== 18003);
  if (errors.length > 0) {
    fail({
      expected: `${show('tsconfig.json')} to hold only options the TypeScript compiler knows`,
      got: errors.map((e) => formatDiagnostic(t, e)).join('\n          '),
      lesson: lessonUrl,
    });
  }
  return { t, parsed };
}

/** `strict: true` turns these on; each can still be turned off one by one, which undoes part of it. */
const STRICT_FAMILY = [
  'noImplicitAny',
  'strictNullChecks',
  'strictFunctionTypes',
  'strictBindCallApply',
  'strictPropertyInitialization',
  'strictBuiltinIteratorReturn',
  'noImplicitThis',
  'useUnknownInCatchVariables',
  'alwaysStrict',
] as const;

// ---------------------------------------------------------------------------------------------
// The server check runs a copy of the project, so it can write its own .env.

/**
 * Copies the project into a fresh scratch folder, leaving out node_modules, build output and the
 * learner's own .env. The scratch folder is inside the workshop, so packages resolve from the
 * workshop's node_modules; when the learner installed their own, a link to them is used instead,
 * so the copy runs with exactly the packages the learner's project runs with.
 */
function copyForServer(): { copy: string; cleanUp(): void } {
  fs.mkdirSync(scratchDir, { recursive: true });
  const copy = fs.mkdtempSync(path.join(scratchDir, '00-setup-server-'));
  copyProject(dir, copy, { skip: new Set([...SKIPPED, '.env']) });
  const link = path.join(copy, 'node_modules');
  if (fs.existsSync(file('node_modules'))) fs.symlinkSync(file('node_modules'), link, 'junction');
  return {
    copy,
    cleanUp() {
      // Remove the link itself first, so nothing can ever delete through it into the learner's folder.
      try {
        if (fs.lstatSync(link).isSymbolicLink()) fs.unlinkSync(link);
      } catch {
        // No link: nothing to unlink.
      }
      fs.rmSync(copy, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

/** Shows paths inside the copy as the learner's own paths in messages. */
function asLearnerPaths(text: string, copy: string): string {
  return text
    .replaceAll(pathToFileURL(copy).href, pathToFileURL(dir).href)
    .replaceAll(copy, dir)
    .replaceAll(shortPath(copy), shortPath(dir));
}

const DEFAULT_PORT = 3000;

/** A free port that is not the usual default, so a server that ignores .env cannot pass by luck. */
async function portOtherThanTheDefault(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port !== DEFAULT_PORT) return port;
  }
}

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500), redirect: 'manual' }).then(
    () => true,
    () => false,
  );

/**
 * Watches the usual default port while the server starts, only connecting (never binding, which
 * could get in the way of the learner's own dev server). When nothing answered there before and
 * something does now, the server most likely ignored PORT from .env: the failure can say so.
 */
function watchDefaultPort(): { stop(): Promise<boolean> } {
  let stopped = false;
  const watching = (async () => {
    if (await answers(DEFAULT_PORT)) return false;
    while (!stopped) {
      if (await answers(DEFAULT_PORT)) return true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return false;
  })();
  return {
    stop: () => {
      stopped = true;
      return watching;
    },
  };
}

// ---------------------------------------------------------------------------------------------

describe('the project', () => {
  requirement('package.json exists and is valid JSON', { lesson: L.init }, () => {
    readPackageJson(L.init);
  });

  requirement('package.json sets "type": "module", so the project uses ES modules', { lesson: L.init }, () => {
    const pkg = readPackageJson(L.init);
    ensure(pkg.type === 'module', {
      expected: `"type": "module" in ${show('package.json')}`,
      got: pkg.type === undefined ? 'no "type" field (Node then treats .js files as CommonJS)' : `"type": ${JSON.stringify(pkg.type)}`,
      hint: `npm pkg set type=module (run it in ${shortPath(dir)})`,
      lesson: L.init,
    });
  });

  requirement('.gitignore keeps node_modules and .env out of git', { lesson: L.gitignore }, () => {
    ensure(fs.existsSync(file('.gitignore')), {
      expected: `a .gitignore in ${shortPath(dir)}`,
      got: `there is no ${show('.gitignore')}`,
      hint: 'create .gitignore with two lines: node_modules/ and .env',
      lesson: L.gitignore,
    });
    const ig = ignore().add(fs.readFileSync(file('.gitignore'), 'utf8'));
    const notIgnored = [
      ...(ig.ignores('node_modules/express/package.json') ? [] : ['node_modules/']),
      ...(ig.ignores('.env') ? [] : ['.env']),
    ];
    ensure(notIgnored.length === 0, {
      expected: `${show('.gitignore')} to ignore node_modules/ and .env`,
      got: `git would commit ${notIgnored.join(' and ')}`,
      hint: `add ${notIgnored.length > 1 ? 'these lines' : 'this line'} to .gitignore: ${notIgnored.join('  ')}`,
      lesson: L.gitignore,
    });
    const code = ['package.json', 'package-lock.json', 'tsconfig.json', 'src/server.ts'];
    const hidden = code.map((p) => ({ p, rule: ig.test(p).rule })).filter((x) => x.rule);
    ensure(hidden.length === 0, {
      expected: `${show('.gitignore')} to keep the project's own files in git (${list(code)})`,
      got: hidden.map((h) => `the rule "${h.rule?.pattern}" ignores ${h.p}`).join('; '),
      hint: 'remove that rule, or make it more specific',
      lesson: L.gitignore,
    });
  });

  requirement('express, sequelize, mysql2, bcrypt, jsonwebtoken and dotenv are listed in dependencies', { lesson: L.deps }, () => {
    const pkg = readPackageJson(L.deps);
    const runtime = deps(pkg.dependencies);
    const dev = deps(pkg.devDependencies);
    const missing = RUNTIME_DEPS.filter((name) => !(name in runtime));
    if (missing.length === 0) return;
    const inDev = missing.filter((name) => name in dev);
    const absent = missing.filter((name) => !(name in dev));
    fail({
      expected: `"dependencies" in ${show('package.json')} to list ${list(RUNTIME_DEPS)}`,
      got: [
        ...(absent.length ? [`missing: ${list(absent)}`] : []),
        ...(inDev.length ? [`in devDependencies instead: ${list(inDev)} (the server needs ${inDev.length > 1 ? 'them' : 'it'} at run time)`] : []),
      ].join('; '),
      hint: `npm i ${missing.join(' ')} (in ${shortPath(dir)})`,
      lesson: L.deps,
    });
  });

  requirement('typescript, tsx (or nodemon), @types/node and @types/express are devDependencies, not dependencies', { lesson: L.devDeps }, () => {
    const pkg = readPackageJson(L.devDeps);
    const runtime = deps(pkg.dependencies);
    const dev = deps(pkg.devDependencies);
    const wrongPlace = DEV_ONLY.filter((name) => name in runtime);
    if (wrongPlace.length > 0) {
      fail({
        expected: `development tools in "devDependencies" of ${show('package.json')}: production installs (npm ci --omit=dev) leave them out`,
        got: `in "dependencies": ${list(wrongPlace)}`,
        hint: `npm i -D ${wrongPlace.join(' ')} moves ${wrongPlace.length > 1 ? 'them' : 'it'} to devDependencies`,
        lesson: L.devDeps,
      });
    }
    const missing = [...DEV_TOOLS.filter((name) => !(name in dev)), ...(RUNNERS.some((name) => name in dev) ? [] : ['tsx (or nodemon)'])];
    ensure(missing.length === 0, {
      expected: `"devDependencies" in ${show('package.json')} to list typescript, tsx (or nodemon), @types/node and @types/express`,
      got: `missing: ${list(missing)}`,
      hint: `npm i -D ${missing.map((m) => m.split(' ')[0]).join(' ')} (in ${shortPath(dir)})`,
      lesson: L.devDeps,
    });
  });

  requirement('tsconfig.json turns on strict mode', { lesson: L.strict, concurrent: true }, async () => {
    const { parsed } = await readTsConfig(L.strict);
    ensure(parsed.options.strict === true, {
      expected: `"strict": true in the compilerOptions of ${show('tsconfig.json')}`,
      got: parsed.options.strict === false ? '"strict": false' : '"strict" is not set, and TypeScript 5 and older leave strict mode off without it',
      hint: 'add "strict": true inside "compilerOptions" (npx tsc --init writes it), so the project is strict whichever TypeScript version checks it',
      lesson: L.strict,
    });
    const undone = STRICT_FAMILY.filter((option) => parsed.options[option] === false);
    ensure(undone.length === 0, {
      expected: 'every check that "strict": true turns on to stay on',
      got: `"strict": true, but ${undone.map((o) => `"${o}": false`).join(', ')} turns part of it off again`,
      hint: `remove ${undone.length > 1 ? 'those lines' : 'that line'} from ${show('tsconfig.json')}`,
      lesson: L.strict,
    });
  });
});

describe('the server', () => {
  requirement('.env.example documents PORT and is not git-ignored', { lesson: L.envExample, concurrent: true }, () => {
    ensure(fs.existsSync(file('.env.example')), {
      expected: `a .env.example in ${shortPath(dir)} that lists the variables the server reads`,
      got: `there is no ${show('.env.example')}`,
      hint: 'create .env.example with the line PORT=3000 (a safe example value, never a real secret)',
      lesson: L.envExample,
    });
    const vars = dotenv.parse(fs.readFileSync(file('.env.example')));
    ensure('PORT' in vars, {
      expected: `${show('.env.example')} to name PORT (a line like PORT=3000)`,
      got: Object.keys(vars).length ? `it names ${list(Object.keys(vars))}` : 'it names no variables',
      lesson: L.envExample,
    });
    const rule = fs.existsSync(file('.gitignore')) ? ignore().add(fs.readFileSync(file('.gitignore'), 'utf8')).test('.env.example').rule : undefined;
    ensure(!rule, {
      expected: '.env.example to be committed, so others know which variables to set',
      got: `the .gitignore rule "${rule?.pattern}" ignores .env.example too`,
      hint: 'add the line !.env.example after it in .gitignore',
      lesson: L.envExample,
    });
  });

  requirement('src/server.ts reads PORT from .env and answers GET / with 200', { lesson: L.server, timeout: 25_000, concurrent: true }, async () => {
    ensure(fs.existsSync(file('src', 'server.ts')), {
      expected: `a server in ${show('src', 'server.ts')}`,
      got: `there is no ${show('src', 'server.ts')}`,
      hint: 'create src/server.ts: an Express app with a GET / route that listens on PORT from .env',
      lesson: L.server,
    });
    const { copy, cleanUp } = copyForServer();
    try {
      const port = await portOtherThanTheDefault();
      fs.writeFileSync(path.join(copy, '.env'), `PORT=${port}\n`);
      let server: Awaited<ReturnType<typeof startServer>>;
      const defaultPort = watchDefaultPort();
      try {
        // PORT is removed from the environment: it must come from the .env file alone.
        server = await startServer(copy, { passPort: false, port, env: { PORT: undefined }, lesson: L.server });
      } catch (err) {
        const onDefaultPort = await defaultPort.stop();
        if (err instanceof CheckFailure) {
          const crashed = /exited/.test(err.got);
          fail({
            expected: `the server to read PORT=${port} from .env and answer on that port`,
            got: `${onDefaultPort ? `nothing on port ${port}, but port ${DEFAULT_PORT} started answering: the server seems to ignore PORT from .env\n          ` : ''}${asLearnerPaths(err.got, copy)}`,
            hint: crashed
              ? `${cdHint}, then npx tsx src/server.ts shows the same error with its line`
              : `put PORT=${port} in .env, run npx tsx src/server.ts and open http://localhost:${port}/ — the server must load .env (import 'dotenv/config' comes first) and listen on Number(process.env.PORT ?? 3000)`,
            lesson: L.server,
          });
        }
        throw err;
      }
      await defaultPort.stop();
      try {
        expectStatus(await api(server.url).get('/'), 200, L.server, "add a route: app.get('/', (req, res) => { res.json({ message: 'Hello' }) })");
      } finally {
        await server.stop();
      }
    } finally {
      cleanUp();
    }
  });

  requirement('npm run dev runs src/server.ts and restarts it on every save', { lesson: L.dev, concurrent: true }, () => {
    const pkg = readPackageJson(L.dev);
    const scripts = typeof pkg.scripts === 'object' && pkg.scripts !== null ? pkg.scripts : {};
    const dev = scripts.dev;
    const example = '"dev": "tsx watch src/server.ts"';
    ensure(typeof dev === 'string' && dev.trim() !== '', {
      expected: `a "dev" script in ${show('package.json')}`,
      got: `scripts: ${JSON.stringify(Object.keys(scripts))}`,
      hint: `add ${example} to "scripts" (or run npm pkg set scripts.dev="tsx watch src/server.ts")`,
      lesson: L.dev,
    });
    // nodemon can take what to run from nodemon.json, package.json's nodemonConfig, or "main".
    const usesNodemon = /\bnodemon(?![\w-])/.test(dev);
    let nodemonExec = '';
    if (usesNodemon) {
      try {
        nodemonExec = String((JSON.parse(fs.readFileSync(file('nodemon.json'), 'utf8')) as { exec?: unknown }).exec ?? '');
      } catch {
        nodemonExec = String(pkg.nodemonConfig?.exec ?? '');
      }
    }
    const command = `${dev} ${nodemonExec}`;
    const runsServer = /(?:^|[\s"'=/\\.])src[/\\]server(?:\.ts)?(?![\w.-])/.test(command) || (usesNodemon && /src[/\\]server\.ts$/.test(String(pkg.main ?? '')));
    ensure(runsServer, {
      expected: `the "dev" script to run src/server.ts, e.g. ${example}`,
      got: `"dev": ${JSON.stringify(dev)}`,
      lesson: L.dev,
    });
    const reloads = /\btsx\s+(?:[^&|;]*\s)?watch\b/.test(dev) || usesNodemon || /\bnode\b[^&|;]*\s--watch\b/.test(dev) || /\bts-node-dev\b/.test(dev);
    ensure(reloads, {
      expected: 'the "dev" script to restart the server when a file changes (tsx watch, nodemon or node --watch)',
      got: `"dev": ${JSON.stringify(dev)} runs the server once: a change needs a manual restart`,
      hint: `use ${example}`,
      lesson: L.dev,
    });
    // Every tool the script calls must be installed, or `npm run dev` stops at "command not found".
    const installed = { ...deps(pkg.dependencies), ...deps(pkg.devDependencies) };
    const tools = ['tsx', 'nodemon', 'ts-node', 'ts-node-dev'].filter((tool) => new RegExp(`(?:^|[\\s"'=])${tool}(?![\\w-])`).test(command));
    // nodemon runs .ts files with ts-node unless told otherwise.
    if (usesNodemon && !tools.some((t) => t !== 'nodemon')) tools.push('ts-node');
    const notInstalled = tools.filter((tool) => !(tool in installed));
    ensure(notInstalled.length === 0, {
      expected: `every tool the "dev" script uses to be in devDependencies`,
      got: `"dev": ${JSON.stringify(dev)} uses ${list(notInstalled)}, which ${notInstalled.length > 1 ? 'are' : 'is'} not installed${usesNodemon && notInstalled.includes('ts-node') ? ' (nodemon runs .ts files with ts-node unless you give it --exec tsx)' : ''}`,
      hint: usesNodemon ? '"dev": "nodemon --watch src --ext ts --exec tsx src/server.ts", with npm i -D nodemon tsx' : `npm i -D ${notInstalled.join(' ')}`,
      lesson: L.dev,
    });
  });

  requirement('the project type-checks with no errors (npx tsc --noEmit)', { lesson: L.typecheck, timeout: 30_000, concurrent: true }, async () => {
    const { t, parsed } = await readTsConfig(L.typecheck);
    const serverFile = path.resolve(file('src', 'server.ts'));
    ensure(parsed.fileNames.some((f) => path.resolve(f) === serverFile), {
      expected: `${show('tsconfig.json')} to include src/server.ts`,
      got:
        parsed.fileNames.length === 0
          ? 'it includes no TypeScript files at all'
          : `it includes ${parsed.fileNames.slice(0, 5).map((f) => shortPath(f)).join(', ')}${parsed.fileNames.length > 5 ? ', …' : ''}`,
      hint: fs.existsSync(serverFile) ? 'set "include": ["src"] in tsconfig.json (or remove "include" and "files")' : `create ${show('src', 'server.ts')}`,
      lesson: L.typecheck,
    });
    // The learner's options, minus anything that writes files or only makes the check slower.
    const options: ts.CompilerOptions = {
      ...parsed.options,
      noEmit: true,
      skipLibCheck: true,
      incremental: false,
      composite: false,
      declaration: false,
      declarationMap: false,
      emitDeclarationOnly: false,
      sourceMap: false,
    };
    delete options.tsBuildInfoFile;
    const program = t.createProgram({ rootNames: parsed.fileNames, options, projectReferences: parsed.projectReferences });
    const own = program.getSourceFiles().filter((sf) => !program.isSourceFileFromExternalLibrary(sf) && !sf.isDeclarationFile);
    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...own.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
    ].filter((d) => d.category === t.DiagnosticCategory.Error);
    if (diagnostics.length > 0) {
      const more = diagnostics.length - 1;
      fail({
        expected: 'npx tsc --noEmit to report no errors',
        got: `${formatDiagnostic(t, diagnostics[0])}${more > 0 ? ` (and ${more} more error${more > 1 ? 's' : ''})` : ''}`,
        hint: `${cdHint} && npx tsc --noEmit lists every error with its line`,
        lesson: L.typecheck,
      });
    }
  });
});
