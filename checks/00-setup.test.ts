/**
 * Step 00 is about the project's files themselves, so these checks read them (package.json,
 * tsconfig.json, .gitignore, .env.example) and then start src/server.ts as a process. They never
 * write into the learner's folder: the server check runs a copy under the scratch folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import ignore from 'ignore';
import type ts from 'typescript';
import { describe } from 'vitest';
import { listFiles } from '../runner/lib/fsutil.js';
import { shortPath } from '../runner/lib/paths.js';
import { freePort } from '../runner/lib/processes.js';
import {
  api,
  asLearnerPaths,
  budget,
  describeResponse,
  ensure,
  expectStatus,
  fail,
  lessonLink,
  requirement,
  scratchCopy,
  startObserved,
  targetDir,
  type ObservedServer,
} from './support/index.js';

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
/** Type packages step 04 needs: installed now, as dev dependencies. */
const LATER_TYPES = ['@types/bcrypt', '@types/jsonwebtoken'];
const RUNNERS = ['tsx', 'nodemon'];
/** Tools that only help while developing: they belong in devDependencies. */
const isDevTool = (name: string): boolean => ['typescript', 'tsx', 'nodemon', 'ts-node', 'ts-node-dev'].includes(name) || /^@(?:types|tsconfig)\//.test(name);

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
  scripts?: unknown;
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

const deps = (value: unknown): Deps => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Deps) : {});

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
// npm scripts, read as the commands they run

/** The commands of a script (split at &&, ||, ;, | and &), each as words; `npm run x` is followed into script x. */
function commandsOf(script: unknown, scripts: Record<string, unknown>, depth = 0): string[][] {
  if (typeof script !== 'string') return [];
  const out: string[][] = [];
  for (const part of script.split(/&&|\|\||[;|&]/)) {
    const words = (part.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
    // Leading variable assignments and wrappers do not change what runs.
    while (words.length > 0 && (/^[A-Za-z_]\w*=/.test(words[0]) || ['npx', 'cross-env', 'env', '--'].includes(words[0]))) words.shift();
    if (words.length === 0) continue;
    if (depth < 3 && ((words[0] === 'npm' && ['run', 'run-script'].includes(words[1])) || ['yarn', 'pnpm'].includes(words[0]))) {
      const name = words[0] === 'npm' ? words[2] : words[1] === 'run' ? words[2] : words[1];
      if (name && typeof scripts[name] === 'string') {
        out.push(...commandsOf(scripts[name], scripts, depth + 1));
        continue;
      }
    }
    out.push(words);
  }
  return out;
}

/** The program a command runs, by name: `./node_modules/.bin/tsx` is tsx. */
const program = (words: string[]): string => path.basename(words[0] ?? '').replace(/\.(?:cmd|exe|js|mjs|cjs)$/i, '');

const isServerEntry = (word: string): boolean => /^(?:\.[/\\])?src[/\\]server(?:\.ts)?$/.test(word);

/** `node --import tsx …` (or --loader): Node 20 runs a .ts file only with tsx's loader. */
const nodeLoadsTsx = (words: string[]): boolean =>
  words.some((w, i) => (/^--(?:import|loader|experimental-loader)=tsx(?:\/esm)?$/.test(w) || (/^--(?:import|loader|experimental-loader)$/.test(w) && /^tsx(?:\/esm)?$/.test(words[i + 1] ?? ''))));

const scriptsOf = (pkg: PackageJson): Record<string, unknown> =>
  typeof pkg.scripts === 'object' && pkg.scripts !== null && !Array.isArray(pkg.scripts) ? (pkg.scripts as Record<string, unknown>) : {};

// ---------------------------------------------------------------------------------------------
// .env.example

/** The variables the server's code reads from process.env (dot, brackets or destructuring). */
function variablesReadBySource(): string[] {
  const names = new Set<string>();
  const srcDir = file('src');
  for (const rel of listFiles(srcDir)) {
    if (!/\.[cm]?[jt]s$/.test(rel)) continue;
    const text = fs.readFileSync(path.join(srcDir, rel), 'utf8');
    for (const m of text.matchAll(/process\.env\.([A-Z_][A-Z0-9_]*)\b/g)) names.add(m[1]);
    for (const m of text.matchAll(/process\.env\[\s*['"`]([A-Z_][A-Z0-9_]*)['"`]\s*\]/g)) names.add(m[1]);
    for (const m of text.matchAll(/\{([^{}]*)\}\s*=\s*process\.env\b/g)) {
      for (const part of m[1].split(',')) {
        const name = /^\s*([A-Z_][A-Z0-9_]*)\b/.exec(part)?.[1];
        if (name) names.add(name);
      }
    }
  }
  return [...names];
}

/** The variables of an env file that have no comment: none on their line, none in the lines just above. */
function uncommented(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const missing: string[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*(?:export\s+)?([\w.-]+)\s*=(.*)$/.exec(line);
    if (!m) return;
    if (/^\s*[^'"`]*\s#/.test(m[2])) return;
    for (let j = i - 1; j >= 0 && lines[j].trim() !== ''; j--) if (lines[j].trim().startsWith('#')) return;
    missing.push(m[1]);
  });
  return missing;
}

// ---------------------------------------------------------------------------------------------
// The server checks start a copy of the project with a .env of their own.

const DEFAULT_PORT = 3000;

/** A free port that is not the usual default, so a server that ignores .env cannot pass by luck. */
async function portOtherThanTheDefault(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port !== DEFAULT_PORT) return port;
  }
}

/** What the server asked for, in words. */
const askedFor = (requested: string | undefined): string =>
  requested === undefined ? 'it never called listen()' : requested === 'none' ? 'it called listen() without a port, so the system picked a random one' : `it asked to listen on port ${requested}`;

/**
 * Waits (a little, scaled to the machine) for the server to log its URL with this port, or the one
 * it really got (a server that logs server.address()), and fails with its output if it never does.
 */
async function expectLoggedUrl(server: ObservedServer, port: number, copy: string, expected: string, hint: string): Promise<void> {
  const url = new RegExp(`https?://(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1?\\]|[\\w.-]+):(?:${port}|${server.port})(?!\\d)`);
  const deadline = Date.now() + budget(2000);
  while (!server.output().some((l) => url.test(l)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (server.output().some((l) => url.test(l))) return;
  const output = server.output();
  fail({
    expected,
    got: output.length ? `its output:\n          | ${asLearnerPaths(output.slice(-6).join('\n          | '), copy, dir)}` : 'it printed nothing',
    hint,
    lesson: L.server,
  });
}

/**
 * Starts src/server.ts in a copy of the project with the given .env (none when undefined), and
 * fails with the server's own output if it does not start.
 */
async function startCopy(envFile: string | undefined, env: NodeJS.ProcessEnv, situation: string, redirect: string[] = []): Promise<{ server: ObservedServer; copy: string; cleanUp(): Promise<void> }> {
  ensure(fs.existsSync(file('src', 'server.ts')), {
    expected: `a server in ${show('src', 'server.ts')}`,
    got: `there is no ${show('src', 'server.ts')}`,
    hint: 'create src/server.ts: an Express app with a GET / route that listens on PORT from .env',
    lesson: L.server,
  });
  const { copy, cleanUp } = scratchCopy(dir, { env: envFile, name: '00-setup-server' });
  let server: ObservedServer;
  try {
    server = await startObserved(copy, { env, redirect, lesson: L.server });
  } catch (err) {
    cleanUp();
    throw err;
  }
  if (server.exited !== undefined || server.idleWithoutListening) {
    const output = server.output();
    await server.stop();
    cleanUp();
    fail({
      expected: `${situation}, npx tsx src/server.ts starts and listens`,
      got: `${server.exited !== undefined ? `it exited (code ${server.exited})` : 'it started but never called listen()'}${output.length ? `:\n          | ${asLearnerPaths(output.slice(-10).join('\n          | '), copy, dir)}` : ' without printing anything'}`,
      hint: server.exited !== undefined ? `${cdHint}, then npx tsx src/server.ts shows the same error with its line` : 'call app.listen(port, …) at the end of src/server.ts',
      lesson: L.server,
    });
  }
  return {
    server,
    copy,
    cleanUp: async () => {
      await server.stop();
      cleanUp();
    },
  };
}

const LISTENING_HINT = "load .env first (import 'dotenv/config' as the first line), then listen on Number(process.env.PORT ?? 3000)";

// ---------------------------------------------------------------------------------------------

describe('the project', () => {
  requirement('package.json exists and is valid JSON', { lesson: L.init, covers: ['package-json'] }, () => {
    readPackageJson(L.init);
  });

  requirement('package.json sets "type": "module", so the project uses ES modules', { lesson: L.init, covers: ['type-module'] }, () => {
    const pkg = readPackageJson(L.init);
    ensure(pkg.type === 'module', {
      expected: `"type": "module" in ${show('package.json')}`,
      got: pkg.type === undefined ? 'no "type" field (Node then treats .js files as CommonJS)' : `"type": ${JSON.stringify(pkg.type)}`,
      hint: `npm pkg set type=module (run it in ${shortPath(dir)})`,
      lesson: L.init,
    });
  });

  requirement('.gitignore keeps node_modules and .env out of git, and nothing the project needs', { lesson: L.gitignore, covers: ['ignore-installs-and-secrets', 'keep-own-files', 'env-not-committed'] }, () => {
    ensure(fs.existsSync(file('.gitignore')), {
      expected: `a .gitignore in ${shortPath(dir)}`,
      got: `there is no ${show('.gitignore')}`,
      hint: 'create .gitignore with two lines: node_modules/ and .env',
      lesson: L.gitignore,
    });
    // The ignore package reads patterns the way git does: folders, globs, negations, comments.
    const ig = ignore().add(fs.readFileSync(file('.gitignore'), 'utf8').replace(/^\uFEFF/, ''));
    const notIgnored = [
      ...(ig.ignores('node_modules/express/package.json') && ig.ignores('node_modules/.bin/tsx') ? [] : ['node_modules/']),
      ...(ig.ignores('.env') ? [] : ['.env']),
    ];
    ensure(notIgnored.length === 0, {
      expected: `${show('.gitignore')} to ignore node_modules/ and .env`,
      got: `git would commit ${notIgnored.join(' and ')}`,
      hint: `add ${notIgnored.length > 1 ? 'these lines' : 'this line'} to .gitignore: ${notIgnored.join('  ')} (".env/" with a slash matches only a folder named .env, not the file)`,
      lesson: L.gitignore,
    });
    const code = ['package.json', 'package-lock.json', 'tsconfig.json', '.gitignore', 'src/server.ts', 'src/app.ts', 'src/http/errors.ts'];
    const hidden = code.map((p) => ({ p, rule: ig.test(p).rule })).filter((x) => x.rule);
    ensure(hidden.length === 0, {
      expected: `${show('.gitignore')} to keep the project's own files in git (package.json, package-lock.json, tsconfig.json, .gitignore and src/)`,
      got: hidden.map((h) => `the rule "${h.rule?.pattern}" ignores ${h.p}`).join('; '),
      hint: 'remove that rule, or make it more specific',
      lesson: L.gitignore,
    });
  });

  requirement('express, sequelize, mysql2, bcrypt, jsonwebtoken and dotenv are listed in dependencies', { lesson: L.deps, covers: ['runtime-deps'] }, () => {
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

  requirement(
    'typescript, tsx (or nodemon) and the @types of node, express, bcrypt and jsonwebtoken are devDependencies, and no dev tool is a dependency',
    { lesson: L.devDeps, covers: ['dev-deps', 'later-types', 'no-dev-tools-in-deps'] },
    () => {
      const pkg = readPackageJson(L.devDeps);
      const runtime = deps(pkg.dependencies);
      const dev = deps(pkg.devDependencies);
      const wrongPlace = Object.keys(runtime).filter(isDevTool);
      if (wrongPlace.length > 0) {
        fail({
          expected: `development tools (the compiler, the dev loop, every @types/ package) in "devDependencies" of ${show('package.json')}: production installs (npm ci --omit=dev) leave them out`,
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
      const later = LATER_TYPES.filter((name) => !(name in dev));
      ensure(later.length === 0, {
        expected: `"devDependencies" to list ${list(LATER_TYPES)} too, so that step 04 finds them ready`,
        got: `missing: ${list(later)}`,
        hint: `npm i -D ${later.join(' ')}`,
        lesson: L.devDeps,
      });
    },
  );

  requirement('tsconfig.json turns on strict mode', { lesson: L.strict, concurrent: true, covers: ['strict', 'strict-not-undone'] }, async () => {
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
      hint: `remove ${undone.length > 1 ? 'those lines' : 'that line'} from ${show('tsconfig.json')} (or from the file it extends)`,
      lesson: L.strict,
    });
  });

  requirement(
    "tsconfig.json follows Node's module rules, knows the Node types, and builds src/server.ts into dist/server.js",
    { lesson: L.strict, concurrent: true, covers: ['module-nodenext', 'types-node', 'build-to-dist'] },
    async () => {
      const { t, parsed } = await readTsConfig(L.strict);
      const moduleName = parsed.options.module === undefined ? undefined : t.ModuleKind[parsed.options.module];
      ensure(moduleName !== undefined && /^Node(?:16|18|20|Next)$/.test(moduleName), {
        expected: `"module": "nodenext" in the compilerOptions of ${show('tsconfig.json')}, so TypeScript follows Node's rules for ES modules`,
        got: moduleName === undefined ? '"module" is not set' : `"module": "${moduleName.toLowerCase()}"`,
        hint: 'set "module": "nodenext" (it brings "moduleResolution": "nodenext" with it)',
        lesson: L.strict,
      });
      const types = parsed.options.types;
      ensure(types === undefined || types.includes('node'), {
        expected: '"types": ["node"], so the Node globals (process, Buffer) are known',
        got: `"types": ${JSON.stringify(types)}`,
        hint: 'set "types": ["node"] (npx tsc --init writes "types": [], which loads none)',
        lesson: L.strict,
      });
      ensure(parsed.options.noEmit !== true && parsed.options.emitDeclarationOnly !== true, {
        expected: 'npx tsc to build the JavaScript into dist/',
        got: parsed.options.noEmit ? '"noEmit": true: npx tsc builds nothing' : '"emitDeclarationOnly": true: npx tsc builds only .d.ts files',
        hint: 'remove it from tsconfig.json; the typecheck script passes --noEmit itself',
        lesson: L.strict,
      });
      const server = path.resolve(file('src', 'server.ts'));
      const wanted = path.resolve(file('dist', 'server.js'));
      const inProgram = parsed.fileNames.some((f) => path.resolve(f) === server);
      const js = inProgram ? t.getOutputFileNames(parsed, server, !t.sys.useCaseSensitiveFileNames).find((f) => /\.[cm]?js$/.test(f)) : undefined;
      ensure(js !== undefined && path.resolve(js) === wanted, {
        expected: `npx tsc to build src/server.ts into ${shortPath(wanted)}`,
        got: !inProgram
          ? `tsconfig.json does not include src/server.ts${fs.existsSync(server) ? '' : ' (there is no src/server.ts yet)'}`
          : js === undefined
            ? 'it builds no JavaScript for it'
            : `it builds it into ${shortPath(path.resolve(js))}`,
        hint: 'set "rootDir": "./src" and "outDir": "./dist" in compilerOptions (npx tsc --init writes them as comments)',
        lesson: L.strict,
      });
    },
  );
});

describe('the server', () => {
  requirement(
    '.env.example documents every variable the server reads, each with a comment and a safe example value, and is not git-ignored',
    { lesson: L.envExample, concurrent: true, covers: ['env-example', 'env-example-committed'] },
    () => {
      ensure(fs.existsSync(file('.env.example')), {
        expected: `a .env.example in ${shortPath(dir)} that lists the variables the server reads`,
        got: `there is no ${show('.env.example')}`,
        hint: 'create .env.example with a comment and the line PORT=3000 (a safe example value, never a real secret)',
        lesson: L.envExample,
      });
      const text = fs.readFileSync(file('.env.example'), 'utf8');
      const vars = dotenv.parse(text.replace(/^\uFEFF/, ''));
      const read = fs.existsSync(file('src')) ? variablesReadBySource() : [];
      const wanted = [...new Set(['PORT', ...read])];
      const undocumented = wanted.filter((name) => !(name in vars));
      ensure(undocumented.length === 0, {
        expected: `${show('.env.example')} to name every variable the server reads: ${list(wanted)}`,
        got: `${Object.keys(vars).length ? `it names ${list(Object.keys(vars))}` : 'it names no variables'}; missing: ${list(undocumented)}`,
        hint: `add a line per variable, with a comment above it: # The port the HTTP server listens on.  PORT=3000`,
        lesson: L.envExample,
      });
      const port = vars.PORT.trim();
      ensure(/^\d+$/.test(port) && Number(port) <= 65535, {
        expected: 'PORT in .env.example to have a safe example value: a port number, such as 3000',
        got: port === '' ? 'PORT= with no value' : `PORT=${port}`,
        lesson: L.envExample,
      });
      const bare = uncommented(text).filter((name) => wanted.includes(name) || name in vars);
      ensure(bare.length === 0, {
        expected: 'each variable in .env.example with a comment that says what it is for (a # line just above it)',
        got: `no comment for ${list(bare)}`,
        hint: '# The port the HTTP server listens on.\n          PORT=3000',
        lesson: L.envExample,
      });
      const rule = fs.existsSync(file('.gitignore')) ? ignore().add(fs.readFileSync(file('.gitignore'), 'utf8').replace(/^\uFEFF/, '')).test('.env.example').rule : undefined;
      ensure(!rule, {
        expected: '.env.example to be committed, so others know which variables to set',
        got: `the .gitignore rule "${rule?.pattern}" ignores .env.example too`,
        hint: 'add the line !.env.example after it in .gitignore',
        lesson: L.envExample,
      });
    },
  );

  requirement(
    'src/server.ts reads PORT from .env, answers GET / with a JSON greeting and logs its URL',
    { lesson: L.server, timeout: 25_000, concurrent: true, covers: ['server-port', 'server-greeting', 'server-logs-url'] },
    async () => {
      const port = await portOtherThanTheDefault();
      // Asked for that port, the server binds another free one (startObserved's redirect): what it
      // asked for is the point, and a port taken meanwhile by something else on the machine cannot fail it.
      const { server, copy, cleanUp } = await startCopy(`PORT=${port}\n`, { PORT: undefined }, `with PORT=${port} in .env (and no PORT in the environment)`, [String(port)]);
      try {
        ensure(server.requested === String(port), {
          expected: `with PORT=${port} in .env (and no PORT in the environment), the server listens on port ${port}`,
          got: `${askedFor(server.requested)}${server.requested === String(DEFAULT_PORT) ? ': it seems to ignore PORT from .env' : ''}`,
          hint: LISTENING_HINT,
          lesson: L.server,
        });
        const res = await api(server.url!).get('/');
        expectStatus(res, 200, L.server, "add a route: app.get('/', (req, res) => { res.json({ message: 'Hello from the Conduit API' }) })");
        const body = res.body as unknown;
        ensure(/application\/json/i.test(String(res.headers['content-type'] ?? '')) && typeof body === 'object' && body !== null && !Array.isArray(body), {
          expected: 'GET / answers with a small JSON object, a greeting (Content-Type: application/json)',
          got: describeResponse(res),
          hint: "res.json({ message: 'Hello from the Conduit API' }), not res.send('Hello')",
          lesson: L.server,
        });
        // The port from .env, or the one it was really given instead.
        await expectLoggedUrl(
          server,
          port,
          copy,
          `once it listens, the server logs its URL, http://localhost:${port}`,
          "app.listen(port, () => console.log(`Server listening on http://localhost:${port}`)), with the port it really uses",
        );
      } finally {
        await cleanUp();
      }
    },
  );

  requirement('a PORT set in the environment wins over the one in .env', { lesson: L.server, timeout: 25_000, concurrent: true, covers: ['env-wins'] }, async () => {
    const fromFile = await portOtherThanTheDefault();
    let fromEnv = await portOtherThanTheDefault();
    while (fromEnv === fromFile) fromEnv = await portOtherThanTheDefault();
    const { server, cleanUp } = await startCopy(`PORT=${fromFile}\n`, { PORT: String(fromEnv) }, `with PORT=${fromFile} in .env and PORT=${fromEnv} in the environment`, [String(fromFile), String(fromEnv)]);
    try {
      ensure(server.requested === String(fromEnv), {
        expected: `with PORT=${fromFile} in .env and PORT=${fromEnv} set in the environment (PORT=${fromEnv} npm run dev), the server listens on ${fromEnv}: the environment wins`,
        got: `${askedFor(server.requested)}${server.requested === String(fromFile) ? ': .env overrode the environment' : ''}`,
        hint: "load .env with import 'dotenv/config' (or dotenv.config()), without override: true: dotenv then leaves variables that are already set alone",
        lesson: L.server,
      });
    } finally {
      await cleanUp();
    }
  });

  requirement('with no PORT in .env or in the environment, the server listens on 3000 and logs that URL', { lesson: L.server, timeout: 25_000, concurrent: true, covers: ['server-port', 'server-logs-url'] }, async () => {
    // Asked for 3000, the server gets a free port instead: the learner's own server may be on 3000.
    const { server, copy, cleanUp } = await startCopy(undefined, { PORT: undefined }, 'with no PORT anywhere (no .env)', [String(DEFAULT_PORT)]);
    try {
      ensure(server.requested === String(DEFAULT_PORT), {
        expected: `with PORT unset, the server listens on its default port, ${DEFAULT_PORT}`,
        got: askedFor(server.requested),
        hint: 'give PORT a default: Number(process.env.PORT ?? 3000)',
        lesson: L.server,
      });
      // The URL it logs is the default's too (or the port it really got), not process.env.PORT (undefined here).
      await expectLoggedUrl(
        server,
        DEFAULT_PORT,
        copy,
        `with PORT unset, once it listens the server logs its URL, http://localhost:${DEFAULT_PORT}`,
        'log the port the server uses (the one with its default), not process.env.PORT: app.listen(port, () => console.log(`Server listening on http://localhost:${port}`))',
      );
    } finally {
      await cleanUp();
    }
  });

  requirement('npm run dev runs src/server.ts and restarts it on every save', { lesson: L.dev, concurrent: true, covers: ['dev-script', 'dev-tools-installed'] }, () => {
    const pkg = readPackageJson(L.dev);
    const scripts = scriptsOf(pkg);
    const dev = scripts.dev;
    const example = '"dev": "tsx watch src/server.ts"';
    ensure(typeof dev === 'string' && dev.trim() !== '', {
      expected: `a "dev" script in ${show('package.json')}`,
      got: `scripts: ${JSON.stringify(Object.keys(scripts))}`,
      hint: `add ${example} to "scripts" (or run npm pkg set scripts.dev="tsx watch src/server.ts")`,
      lesson: L.dev,
    });
    // nodemon can take what to run from nodemon.json, package.json's nodemonConfig, or "main".
    let nodemonConfig: { exec?: unknown; execMap?: Record<string, unknown> } = {};
    try {
      nodemonConfig = JSON.parse(fs.readFileSync(file('nodemon.json'), 'utf8')) as typeof nodemonConfig;
    } catch {
      nodemonConfig = (pkg.nodemonConfig as typeof nodemonConfig | undefined) ?? {};
    }
    const configured = [String(nodemonConfig.exec ?? ''), String(nodemonConfig.execMap?.ts ?? '')].join(' ');
    const commands = commandsOf(dev, scripts);
    const reloading = commands.find((words) => {
      const p = program(words);
      if (p === 'tsx') return words.slice(1).find((w) => !w.startsWith('-')) === 'watch';
      if (p === 'node') return words.some((w) => /^--watch(?:-path)?(?:=|$)/.test(w));
      return p === 'nodemon' || p === 'ts-node-dev' || p === 'tsnd';
    });
    const runsServer = (words: string[]) =>
      words.some(isServerEntry) || (program(words) === 'nodemon' && (/src[/\\]server\.ts\b/.test(configured) || isServerEntry(String(pkg.main ?? ''))));
    ensure(commands.some(runsServer), {
      expected: `the "dev" script to run src/server.ts, e.g. ${example}`,
      got: `"dev": ${JSON.stringify(dev)}`,
      lesson: L.dev,
    });
    ensure(reloading !== undefined && runsServer(reloading), {
      expected: 'the "dev" script to restart the server when a file changes (tsx watch, nodemon, or node --watch --import tsx)',
      got: `"dev": ${JSON.stringify(dev)} runs the server once: a change needs a manual restart`,
      hint: `use ${example} ("tsx --watch" is not the same: tsx's watch mode is the subcommand "tsx watch")`,
      lesson: L.dev,
    });
    // Node 20 cannot run a .ts file on its own: node --watch needs tsx's loader.
    ensure(program(reloading) !== 'node' || nodeLoadsTsx(reloading), {
      expected: 'node --watch to run src/server.ts with tsx loaded: node --watch --import tsx src/server.ts',
      got: `"dev": ${JSON.stringify(dev)}: Node 20 stops at once with "Unknown file extension .ts"`,
      hint: '"dev": "node --watch --import tsx src/server.ts", or "tsx watch src/server.ts"',
      lesson: L.dev,
    });
    // Every tool the script calls must be installed, or `npm run dev` stops at "command not found".
    const installed = { ...deps(pkg.dependencies), ...deps(pkg.devDependencies) };
    const everything = [...commands.flat(), ...configured.split(/\s+/)];
    const tools = new Set(commands.map(program).map((p) => (p === 'tsnd' ? 'ts-node-dev' : p)).filter((p) => ['tsx', 'nodemon', 'ts-node', 'ts-node-dev'].includes(p)));
    if (commands.some((w) => program(w) === 'node' && nodeLoadsTsx(w)) || everything.some((w) => /^tsx$|[/\\]tsx$/.test(w))) tools.add('tsx');
    // nodemon runs .ts files with ts-node unless told otherwise.
    const usesNodemon = tools.has('nodemon');
    if (usesNodemon && !everything.some((w) => /^(?:tsx|ts-node|node)$/.test(path.basename(w)))) tools.add('ts-node');
    const notInstalled = [...tools].filter((tool) => !(tool in installed));
    ensure(notInstalled.length === 0, {
      expected: 'every tool the "dev" script uses to be in devDependencies',
      got: `"dev": ${JSON.stringify(dev)} uses ${list(notInstalled)}, which ${notInstalled.length > 1 ? 'are' : 'is'} not installed${usesNodemon && notInstalled.includes('ts-node') ? ' (nodemon runs .ts files with ts-node unless you give it --exec tsx)' : ''}`,
      hint: usesNodemon ? '"dev": "nodemon --watch src --ext ts --exec tsx src/server.ts", with npm i -D nodemon tsx' : `npm i -D ${notInstalled.join(' ')}`,
      lesson: L.dev,
    });
  });

  requirement(
    'the typecheck, build and start scripts run tsc --noEmit, tsc and node dist/server.js',
    { lesson: L.dev, concurrent: true, covers: ['other-scripts'] },
    async () => {
      const pkg = readPackageJson(L.dev);
      const scripts = scriptsOf(pkg);
      const noEmit = (w: string) => /^--?noEmit$/i.test(w);
      const watch = (w: string) => /^(?:-w|--watch)$/i.test(w);
      // Given file names (tsc src/server.ts), tsc ignores tsconfig.json: no strict, no nodenext, no outDir.
      const namesFiles = (c: string[]) => c.slice(1).find((w, i, rest) => /\.[cm]?tsx?$/i.test(w) && !/^(?:-p|--project)$/i.test(rest[i - 1] ?? ''));
      const withFiles = (['typecheck', 'build'] as const).flatMap((name) =>
        commandsOf(scripts[name], scripts)
          .filter((c) => program(c) === 'tsc' && namesFiles(c))
          .map((c) => `"${name}": ${JSON.stringify(scripts[name])} names ${namesFiles(c)}`),
      );
      ensure(withFiles.length === 0, {
        expected: 'the "typecheck" and "build" scripts to run tsc on the project (tsc --noEmit, tsc), with the options of tsconfig.json',
        got: `${withFiles.join('; ')}: given a file name, tsc ignores tsconfig.json (no strict mode, no nodenext, no outDir)`,
        hint: 'leave the file names out: tsconfig.json\'s "include" says which files to compile ("typecheck": "tsc --noEmit", "build": "tsc")',
        lesson: L.dev,
      });
      const typecheck = commandsOf(scripts.typecheck, scripts);
      ensure(typecheck.some((c) => program(c) === 'tsc' && c.some(noEmit)), {
        expected: `a "typecheck" script that runs tsc --noEmit (type errors, and no files written)`,
        got: scripts.typecheck === undefined ? 'no "typecheck" script' : `"typecheck": ${JSON.stringify(scripts.typecheck)}`,
        hint: 'npm pkg set scripts.typecheck="tsc --noEmit"',
        lesson: L.dev,
      });
      const build = commandsOf(scripts.build, scripts);
      ensure(build.some((c) => program(c) === 'tsc' && !c.some(noEmit) && !c.some(watch)), {
        expected: 'a "build" script that runs tsc, which compiles src/ into dist/',
        got: scripts.build === undefined ? 'no "build" script' : `"build": ${JSON.stringify(scripts.build)}`,
        hint: 'npm pkg set scripts.build="tsc"',
        lesson: L.dev,
      });
      const start = commandsOf(scripts.start, scripts);
      const compiled = ['dist/server.js', 'dist/server'];
      const norm = (w: string) => w.replace(/\\/g, '/').replace(/^\.\//, '');
      ensure(start.some((c) => program(c) === 'node' && c.slice(1).some((w) => compiled.includes(norm(w)))), {
        expected: 'a "start" script that runs the compiled server with Node: node dist/server.js (production has no tsx)',
        got: scripts.start === undefined ? 'no "start" script' : `"start": ${JSON.stringify(scripts.start)}`,
        hint: 'npm pkg set scripts.start="node dist/server.js"',
        lesson: L.dev,
      });
    },
  );

  requirement('the project type-checks with no errors (npx tsc --noEmit)', { lesson: L.typecheck, timeout: 30_000, concurrent: true, covers: ['typecheck', 'typecheck-includes-server', 'no-silencing'] }, async () => {
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
    // Errors silenced instead of fixed: tsc reports nothing, the bug is still there.
    const silenced = listFiles(file('src'))
      .filter((rel) => /\.[cm]?tsx?$/.test(rel))
      .flatMap((rel) =>
        fs
          .readFileSync(file('src', rel), 'utf8')
          .split(/\r?\n/)
          .flatMap((line, i) => (/(?:\/\/|\/\*|^\s*\*)\s*@ts-(?:ignore|nocheck|expect-error)\b/.test(line) ? [`src/${rel}:${i + 1}: ${line.trim()}`] : [])),
      );
    ensure(silenced.length === 0, {
      expected: 'type errors fixed, not silenced: no @ts-ignore, @ts-expect-error or @ts-nocheck in src/',
      got: silenced.slice(0, 3).join('\n          '),
      hint: 'remove the comment and fix what tsc reports there: each error is a case the code does not handle yet',
      lesson: L.typecheck,
    });
    // The learner's options, minus anything that writes files, skips the check, or only makes it slower.
    const options: ts.CompilerOptions = {
      ...parsed.options,
      noEmit: true,
      noCheck: false,
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
        hint: `${cdHint} && npx tsc --noEmit lists every error with its line${parsed.options.noCheck ? ' (and remove "noCheck": true from tsconfig.json, which hides them)' : ''}`,
        lesson: L.typecheck,
      });
    }
  });
});
