/**
 * Step 08 · Deployment and operations: the packaging files, read the way their tools read them
 * (no Docker engine needed). The Dockerfile with its continuations, comments and stages; the
 * .dockerignore with Docker's own matching; docker-compose.yml and the CI workflow as YAML.
 * Different but correct files pass: alpine or slim, nginx, caddy or traefik, environments as
 * lists or maps, depends_on in its long form, `USER node` or `USER 1000`, an init process before
 * node.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe } from 'vitest';
import { shortPath } from '../runner/lib/paths.js';
import { ensure, fail, requirement } from './support/index.js';
import {
  baseImageOf,
  chainOf,
  copySources,
  dockerIgnore,
  effective,
  execForm,
  imageRef,
  instructionsOf,
  parseDockerfile,
  resolvedImage,
  assignments,
  stageNamed,
  type Dockerfile,
  type Instruction,
  type Stage,
} from './support/dockerfile.js';
import { dir, L, short } from './08-deploy.shared.js';

const show = (rel: string) => shortPath(path.join(dir, rel));
const at = (ins: Instruction) => `line ${ins.line}: ${ins.keyword} ${short(ins.args.split('\n')[0], 120)}`;

// ── The Dockerfile ─────────────────────────────────────────────────────────────────────────

function readDockerfile(lesson: string): Dockerfile {
  const file = path.join(dir, 'Dockerfile');
  if (!fs.existsSync(file)) fail({ expected: `a Dockerfile in ${shortPath(dir)}`, got: `there is no ${show('Dockerfile')}`, lesson });
  const parsed = parseDockerfile(fs.readFileSync(file, 'utf8'));
  ensure(parsed.stages.length > 0, { expected: `${show('Dockerfile')} to start a stage with FROM`, got: 'no FROM instruction', lesson });
  return parsed;
}

const finalStage = (file: Dockerfile): Stage => file.stages[file.stages.length - 1];

/** The folder's own package-lock.json, in step with its package.json, and not left out of the build context. */
function lockFileInStep(): void {
  const lockPath = path.join(dir, 'package-lock.json');
  ensure(fs.existsSync(lockPath), {
    expected: `a package-lock.json in ${shortPath(dir)}: the image runs npm ci, which installs what the lock file says and refuses to run without one`,
    got: `there is no ${show('package-lock.json')}`,
    hint: `npm install --package-lock-only (in ${shortPath(dir)}): it writes the lock file and installs nothing`,
    lesson: L.image,
  });
  let lock: { packages?: Record<string, { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }> } = {};
  let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } = {};
  try {
    lock = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as typeof lock;
    pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as typeof pkg;
  } catch (err) {
    fail({ expected: 'package.json and package-lock.json to be valid JSON', got: (err as Error).message, lesson: L.image });
  }
  const root = lock.packages?.[''] ?? {};
  const same = (a: Record<string, string> = {}, b: Record<string, string> = {}) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);
  ensure(same(pkg.dependencies, root.dependencies) && same(pkg.devDependencies, root.devDependencies), {
    expected: 'package-lock.json in step with package.json (the same dependencies and devDependencies): npm ci refuses a lock file that is not',
    got: 'they differ',
    hint: `npm install --package-lock-only (in ${shortPath(dir)}) after every change to the dependencies`,
    lesson: L.image,
  });
}
const describeStage = (s: Stage) => `stage ${s.index + 1} (FROM ${s.from}${s.name ? ` AS ${s.name}` : ''}, line ${s.line})`;

/** A RUN that builds: the project's build script or the compiler. */
const BUILDS = /\b(?:npm\s+run(?:-script)?\s+build|(?:pnpm|yarn)\s+(?:run\s+)?build|(?:npx\s+)?tsc\b)/;
/** An install of dependencies (not a global tool). */
const INSTALLS = /\bnpm\s+(?:ci|install|i)\b(?![^&;|\n]*\s-g\b)(?![^&;|\n]*--global)/;
const PRODUCTION_ONLY = /--omit[= ]dev\b|--production\b|--only[= ]prod(?:uction)?\b|NODE_ENV=production\s+npm/;
const PRUNES = /\bnpm\s+prune\b[^&;|\n]*(?:--omit[= ]dev|--production)/;

interface InstallKind {
  production: boolean;
  full: boolean;
}

/** What the stage's own RUNs install: production dependencies only, or everything (and not pruned after). */
function installs(stage: Stage): InstallKind {
  let production = false;
  let full = false;
  // An ENV NODE_ENV=production makes a plain `npm ci` a production install too, but only the RUN
  // lines after it: set further down (next to CMD), it comes too late for the install.
  let envProduction = false;
  for (const ins of stage.instructions) {
    if (ins.keyword === 'ENV') {
      for (const a of assignments(ins)) if (a.key === 'NODE_ENV') envProduction = a.value === 'production';
      continue;
    }
    if (ins.keyword !== 'RUN') continue;
    for (const command of ins.args.split(/&&|;|\|\||\n/)) {
      if (PRUNES.test(command)) {
        production = true;
        full = false;
      } else if (INSTALLS.test(command)) {
        if (PRODUCTION_ONLY.test(command) || (envProduction && !/--include[= ]dev\b|--production[= ]false\b/.test(command))) production = true;
        else full = true;
      }
    }
  }
  return { production, full };
}

function nodeEnvProduction(file: Dockerfile, stage: Stage): boolean {
  let value: string | undefined;
  for (const ins of instructionsOf(file, stage)) if (ins.keyword === 'ENV') for (const a of assignments(ins)) if (a.key === 'NODE_ENV') value = a.value;
  return value === 'production';
}

const isRootUser = (user: string): boolean => {
  const who = user.trim().split(':')[0];
  return who === '' || who === 'root' || who === '0';
};

/** The command the container runs: ENTRYPOINT and CMD as the final stage has them. */
function startCommand(file: Dockerfile, stage: Stage): { words?: string[]; shellForm?: Instruction; cmd?: Instruction; entrypoint?: Instruction } {
  const cmd = effective(file, stage, 'CMD');
  const entrypoint = effective(file, stage, 'ENTRYPOINT');
  // An ENTRYPOINT in the stage itself resets an inherited CMD (Docker's rule): keep it simple and
  // take each one's last value.
  if (entrypoint && !execForm(entrypoint.args)) return { shellForm: entrypoint, cmd, entrypoint };
  const entryWords = entrypoint ? execForm(entrypoint.args)! : [];
  if (cmd && !execForm(cmd.args) && entryWords.length === 0) return { shellForm: cmd, cmd, entrypoint };
  const cmdWords = cmd ? (execForm(cmd.args) ?? []) : [];
  let words = [...entryWords, ...cmdWords];
  // Distroless Node images start node themselves.
  if (/distroless\/nodejs/.test(baseImageOf(file, stage)) && entryWords.length === 0) words = ['node', ...words];
  return { words, cmd, entrypoint };
}

const INIT = /^(?:\/\S*\/)?(?:tini|dumb-init|catatonit)$/;
const NODE = /^(?:\/\S*\/)?node$/;

describe('the Dockerfile', () => {
  requirement(
    'the Dockerfile builds in one stage and runs in another: a build stage runs the build, the final stage installs production dependencies only (npm ci, from the folder\'s own package-lock.json) and copies dist/ from it, and every stage starts from a Node 20 image with an explicit tag',
    { lesson: L.image, covers: ['dockerfile-multi-stage', 'dockerfile-base'] },
    () => {
      const file = readDockerfile(L.image);
      const stages = file.stages;
      ensure(stages.length >= 2, {
        expected: `${show('Dockerfile')} with at least two stages (two FROM lines): one that builds, one that runs`,
        got: `one stage: ${describeStage(stages[0])}`,
        hint: 'FROM node:20-alpine AS build … RUN npm ci && npm run build, then FROM node:20-alpine … COPY --from=build /app/dist ./dist: the compiler, the dev dependencies and the sources stay in the first image',
        lesson: L.image,
      });
      const final = finalStage(file);
      // npm ci installs exactly what package-lock.json says, and refuses without one or with one out of step.
      if (stages.some((st) => st.instructions.some((i) => i.keyword === 'RUN' && /\bnpm\s+ci\b/.test(i.args)))) lockFileInStep();
      const builders = stages.slice(0, -1).filter((s) => s.instructions.some((i) => i.keyword === 'RUN' && BUILDS.test(i.args)));
      ensure(builders.length > 0, {
        expected: 'a stage before the last one that runs the build (RUN npm run build)',
        got: `no RUN of npm run build (or tsc) in ${stages.slice(0, -1).map(describeStage).join(', ')}`,
        lesson: L.image,
      });
      // Every stage that starts from an image (not from an earlier stage): a tag that says which Node.
      for (const stage of stages.filter((s) => !stageNamed(file, s.from, s.index))) {
        const ref = imageRef(resolvedImage(file, stage.from));
        ensure(ref.digest !== undefined || (ref.tag !== undefined && !/^(?:latest|current|lts|slim|alpine|bookworm|bullseye|bookworm-slim|bullseye-slim)$/i.test(ref.tag)), {
          expected: 'every stage to start from an image named by an explicit tag (node:20-alpine, node:20.20.2-bookworm-slim), so that a rebuild next month gets the same Node',
          got: `${describeStage(stage)}${ref.tag ? `: the tag "${ref.tag}" moves` : ': no tag, which is :latest, whatever it is on the day of the build'}`,
          lesson: L.image,
        });
        if (/(^|\/)node$/.test(ref.name) && ref.tag && !ref.digest) {
          const major = Number(/^(\d+)/.exec(ref.tag)?.[1]);
          ensure(Number.isFinite(major) && major >= 20, {
            expected: 'every stage on Node 20 or later, named by its version (the workshop runs Node 20): node:20-alpine, node:20-slim',
            got: describeStage(stage),
            lesson: L.image,
          });
        }
      }
      const finalInstalls = installs(final);
      ensure(!finalInstalls.full, {
        expected: 'the final stage to install production dependencies only (npm ci --omit=dev): the compiler, tsx, vitest and the @types stay out of the image',
        got: `${describeStage(final)} runs ${final.instructions.filter((i) => i.keyword === 'RUN' && INSTALLS.test(i.args)).map(at).join('; ')} without --omit=dev`,
        lesson: L.image,
      });
      const copies = chainOf(file, final).flatMap((s) => s.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD').map((i) => ({ s, i, c: copySources(i) })));
      const copiedModules = copies.filter(({ c }) => c.from !== undefined && c.sources.some((src) => /node_modules/.test(src) || /^\/?(?:app|usr\/src\/app|home\/node\/app)?\/?\.?$/.test(src)));
      for (const { i, c } of copiedModules) {
        const from = stageNamed(file, c.from!, final.index);
        if (from && installs(from).full && c.sources.some((src) => /node_modules/.test(src))) {
          fail({
            expected: 'the final image to get its node_modules from a production install only',
            got: `${at(i)} copies node_modules from ${describeStage(from)}, which installs every dependency (dev ones too) and does not prune them`,
            hint: 'run npm ci --omit=dev in the final stage (or npm prune --omit=dev in the stage it copies from)',
            lesson: L.image,
          });
        }
      }
      const productionFromCopy = copiedModules.some(({ c }) => {
        const from = stageNamed(file, c.from!, final.index);
        return from !== undefined && installs(from).production && c.sources.some((src) => /node_modules/.test(src));
      });
      ensure(chainOf(file, final).some((s) => installs(s).production) || productionFromCopy, {
        expected: 'the final stage to install the production dependencies (RUN npm ci --omit=dev), or to copy node_modules from a stage that did',
        got: `no production install in ${describeStage(final)}`,
        lesson: L.image,
      });
      const fromBuild = copies.filter(({ c }) => {
        if (c.from === undefined) return false;
        const from = stageNamed(file, c.from, final.index);
        return from !== undefined && builders.includes(from) && c.sources.some((src) => /dist/.test(src));
      });
      ensure(fromBuild.length > 0 || chainOf(file, final).some((s) => builders.includes(s)), {
        expected: `the final stage to copy the compiled dist/ from the build stage (COPY --from=${builders[0].name ?? builders[0].index} /app/dist ./dist)`,
        got: copies.length ? `its COPY lines: ${copies.map(({ i }) => at(i)).join('; ')}` : 'it copies nothing',
        lesson: L.image,
      });
    },
  );

  requirement('the final stage sets NODE_ENV=production and runs as a user that is not root (USER node, or another non-root user, before CMD)', { lesson: L.image, covers: ['dockerfile-non-root'] }, () => {
    const file = readDockerfile(L.image);
    const final = finalStage(file);
    ensure(nodeEnvProduction(file, final), {
      expected: 'ENV NODE_ENV=production in the final stage (Express and the app take their production paths; no development defaults)',
      got: `no ENV NODE_ENV=production in ${describeStage(final)}`,
      lesson: L.image,
    });
    const user = effective(file, final, 'USER');
    // Images made to run as non-root say so in their tag (gcr.io/distroless/nodejs20-debian12:nonroot).
    if (user === undefined && /(?:^|[-:])nonroot(?:$|-)/.test(imageRef(resolvedImage(file, baseImageOf(file, final))).tag ?? '')) return;
    ensure(user !== undefined, {
      expected: 'a USER instruction in the final stage, before CMD: the app runs as a user that cannot change the image (node images have one: USER node)',
      got: `no USER in ${describeStage(final)}: the container runs as root`,
      hint: 'USER node (after the COPY and RUN lines that need root, before CMD)',
      lesson: L.image,
    });
    ensure(!isRootUser(user.args), {
      expected: 'the final stage to run as a non-root user',
      got: `${at(user)}: that is root`,
      hint: 'USER node',
      lesson: L.image,
    });
    const cmd = effective(file, final, 'CMD');
    const own = final.instructions;
    if (cmd && own.includes(user) && own.includes(cmd)) {
      ensure(own.indexOf(user) < own.indexOf(cmd), { expected: 'USER before CMD in the final stage', got: `${at(user)} comes after ${at(cmd)}`, lesson: L.image });
    }
  });

  requirement('the container starts node dist/server.js in exec form (CMD ["node", "dist/server.js"]), so SIGTERM reaches node itself, not a shell or npm', { lesson: L.image, covers: ['dockerfile-cmd'] }, () => {
    const file = readDockerfile(L.image);
    const final = finalStage(file);
    const { words, shellForm, cmd, entrypoint } = startCommand(file, final);
    if (shellForm) {
      fail({
        expected: 'CMD (and ENTRYPOINT) in exec form: CMD ["node", "dist/server.js"]',
        got: `${at(shellForm)} is the shell form: /bin/sh -c runs as process 1 and does not pass SIGTERM on, so the server never shuts down gracefully (Docker kills it after 10 s)`,
        lesson: L.image,
      });
    }
    ensure(words !== undefined && words.length > 0, { expected: 'a CMD in the final stage: CMD ["node", "dist/server.js"]', got: 'no CMD or ENTRYPOINT', lesson: L.image });
    let rest = [...words!];
    if (INIT.test(rest[0] ?? '')) {
      rest = rest.slice(1);
      while (rest[0]?.startsWith('-')) rest = rest.slice(1);
    }
    const shown = `${entrypoint ? `${at(entrypoint)}; ` : ''}${cmd ? at(cmd) : ''}`;
    ensure(NODE.test(rest[0] ?? ''), {
      expected: 'the container to run node itself: CMD ["node", "dist/server.js"] (npm start and sh -c stand between Docker\'s SIGTERM and node)',
      got: shown,
      lesson: L.image,
    });
    const script = rest.slice(1).find((w) => !w.startsWith('-'));
    ensure(script !== undefined && /(?:^|\/)dist\/server\.js$/.test(script), {
      expected: 'node to start the compiled server, dist/server.js (no tsx, no TypeScript at run time)',
      got: shown,
      lesson: L.image,
    });
  });

  requirement('the image declares EXPOSE 3000 and a HEALTHCHECK on /health/live that works with what the image contains (node, not curl where the image has no curl)', { lesson: L.image, covers: ['dockerfile-healthcheck'] }, () => {
    const file = readDockerfile(L.image);
    const final = finalStage(file);
    const exposed = instructionsOf(file, final).filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.split(/\s+/));
    ensure(exposed.some((p) => /^3000(?:\/tcp)?$/.test(p)), {
      expected: 'EXPOSE 3000 in the final stage: the port the server listens on, for whoever runs the image',
      got: exposed.length ? `EXPOSE ${exposed.join(' ')}` : 'no EXPOSE',
      lesson: L.image,
    });
    const check = effective(file, final, 'HEALTHCHECK');
    ensure(check !== undefined && !/^NONE\b/i.test(check.args.trim()), {
      expected: 'a HEALTHCHECK in the final stage that asks GET /health/live',
      got: check ? at(check) : `no HEALTHCHECK in ${describeStage(final)}`,
      hint: 'HEALTHCHECK CMD ["node", "-e", "fetch(\'http://127.0.0.1:3000/health/live\').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]',
      lesson: L.image,
    });
    const command = check.args.replace(/^(?:--[\w-]+=\S+\s+)*/, '').replace(/^CMD\s+/i, '');
    ensure(/\/health\/live\b|\/health(?![\w/])/.test(command), {
      expected: 'the HEALTHCHECK to ask /health/live (liveness: the process answers), not readiness or another page',
      got: at(check),
      lesson: L.image,
    });
    const base = resolvedImage(file, baseImageOf(file, final));
    const slimmed = /alpine|slim|distroless/.test(imageRef(base).tag ?? '') || /distroless/.test(base);
    const runs = instructionsOf(file, final).filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
    const installed = (tool: string) => new RegExp(`\\b(?:apk\\s+add|apt-get\\s+install|apt\\s+install|yum\\s+install|dnf\\s+install|microdnf\\s+install)\\b[^\\n]*\\b${tool}\\b`).test(runs);
    if (/\bcurl\b/.test(command)) {
      ensure(!slimmed || installed('curl'), {
        expected: 'a HEALTHCHECK that runs with what the image has',
        got: `${at(check)}, but ${base} has no curl: the check always fails and the container stays unhealthy`,
        hint: 'use node, which the image has: HEALTHCHECK CMD ["node", "-e", "fetch(\'http://127.0.0.1:3000/health/live\').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]',
        lesson: L.image,
      });
    }
    if (/\bwget\b/.test(command)) {
      ensure(!/slim|distroless/.test(base) || installed('wget'), {
        expected: 'a HEALTHCHECK that runs with what the image has',
        got: `${at(check)}, but ${base} has no wget: the check always fails and the container stays unhealthy`,
        hint: 'use node, which the image has',
        lesson: L.image,
      });
    }
    if (/distroless/.test(base)) {
      ensure(execForm(command) !== undefined, { expected: 'an exec-form HEALTHCHECK on a distroless image (it has no shell)', got: at(check), lesson: L.image });
    }
  });

  requirement('no secret is baked into the image: no ENV or ARG named like a secret, password or token in any stage, and no .env copied in', { lesson: L.image, covers: ['dockerfile-no-secrets'] }, () => {
    const file = readDockerfile(L.image);
    const all = [...file.preamble, ...file.stages.flatMap((s) => s.instructions)];
    for (const ins of all.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')) {
      for (const { key, value } of assignments(ins)) {
        const named = SECRET_NAME.test(key) && !NOT_SECRET_NAME.test(key);
        const credentialsInUrl = value !== undefined && urlPassword(value) !== undefined;
        if ((named && (ins.keyword === 'ARG' || (value ?? '') !== '')) || credentialsInUrl) {
          fail({
            expected: 'no secret in the Dockerfile: ENV and build ARGs are stored in the image (docker history, docker inspect) for anyone who can pull it',
            got: `${at(ins)}${credentialsInUrl ? ' (a URL with a password)' : ''}`,
            hint: 'pass secrets when the container starts (docker run -e JWT_SECRET, compose environment: JWT_SECRET: ${JWT_SECRET:?}), never when the image is built',
            lesson: L.image,
          });
        }
      }
    }
    for (const ins of all.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) {
      const env = copySources(ins).sources.find((src) => /(?:^|\/)\.env(?:[.*][\w.*-]*)?$/.test(src) && !/\.env\.(?:example|sample|template|dist)$/.test(src));
      ensure(env === undefined, {
        expected: 'no .env copied into the image: it holds the secrets of one machine',
        got: at(ins),
        hint: 'the environment comes from where the container runs; keep .env in .dockerignore',
        lesson: L.image,
      });
    }
  });

  requirement(
    '.dockerignore keeps node_modules, dist, .env, .data, *.sqlite, test, .git and coverage out of the build context, and not the files the build needs',
    { lesson: L.image, covers: ['dockerignore'] },
    () => {
      const text = fs.existsSync(path.join(dir, '.dockerignore')) ? fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8') : undefined;
      ensure(text !== undefined, {
        expected: `a .dockerignore in ${shortPath(dir)}: without it, COPY . . sends .env (secrets) and node_modules (built for your machine) into the image`,
        got: `there is no ${show('.dockerignore')}`,
        lesson: L.image,
      });
      const ignored = dockerIgnore(text);
      const mustIgnore: [string, string][] = [
        ['.env', '.env (the secrets of your machine)'],
        ['node_modules/express/package.json', 'node_modules (installed for your machine; the image installs its own)'],
        ['dist/server.js', 'dist (built on your machine; the image builds its own)'],
        ['.data/conduit.sqlite', '.data/conduit.sqlite (your development database)'],
        ['conduit.sqlite', 'a *.sqlite file at the top of the folder'],
        ['test/users.test.ts', 'test'],
        ['.git/HEAD', '.git'],
        ['coverage/index.html', 'coverage'],
      ];
      const letThrough = mustIgnore.filter(([p]) => !ignored(p));
      ensure(letThrough.length === 0, {
        expected: '.dockerignore to keep node_modules, dist, .env, .data, *.sqlite, test, .git and coverage out of the build context',
        got: `it lets through: ${letThrough.map(([, what]) => what).join('; ')}`,
        hint: 'one pattern per line, relative to the folder: .env, node_modules, dist, .data, *.sqlite, test, .git, coverage (a pattern with no slash matches at the top only; **/ for any depth)',
        lesson: L.image,
      });
      const needed = ['package.json', 'package-lock.json', 'src/server.ts', 'tsconfig.json', ...(fs.existsSync(path.join(dir, 'tsconfig.build.json')) ? ['tsconfig.build.json'] : [])];
      const kept = needed.filter((p) => ignored(p));
      ensure(kept.length === 0, {
        expected: '.dockerignore to let through what the build needs: package.json, package-lock.json, the tsconfig files and src/',
        got: `it leaves out: ${kept.join(', ')} (the build in the image would fail)`,
        lesson: L.image,
      });
    },
  );
});

/** Names of variables that hold secrets. */
const SECRET_NAME = /secret|passw(?:or)?d|token|api_?key|private_?key|credential|(?:^|_)pass(?:$|_)/i;
/** Named like a secret but not one: a switch, a file path to a secret, a lifetime. */
const NOT_SECRET_NAME = /(?:ALLOW_EMPTY|RANDOM_ROOT)_PASSWORD$|_FILE$|EXPIRES_IN$|_TTL$/i;

/** The password of a URL with credentials (`mysql://user:pw@host`), as written, or undefined. */
function urlPassword(value: string): string | undefined {
  const m = /^[a-z][\w+.-]*:\/\/[^/:@\s]*:([^@\s]*)@/i.exec(value.trim());
  return m && m[1] !== '' ? m[1] : undefined;
}

// ── docker-compose.yml ─────────────────────────────────────────────────────────────────────

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

interface Compose {
  file: string;
  services: Record<string, Json>;
}

function readCompose(lesson: string): Compose {
  const name = COMPOSE_NAMES.find((n) => fs.existsSync(path.join(dir, n)));
  if (!name) fail({ expected: `a docker-compose.yml in ${shortPath(dir)}`, got: `none of ${COMPOSE_NAMES.join(', ')}`, lesson });
  let doc: unknown;
  try {
    doc = YAML.parse(fs.readFileSync(path.join(dir, name), 'utf8'), { merge: true });
  } catch (err) {
    fail({ expected: `${show(name)} to be valid YAML`, got: (err as Error).message.split('\n')[0], lesson });
  }
  ensure(isObject(doc) && isObject(doc.services), { expected: `${show(name)} to have a services: section`, got: 'no services', lesson });
  const services: Record<string, Json> = {};
  for (const [k, v] of Object.entries(doc.services as Json)) services[k] = isObject(v) ? v : {};
  return { file: name, services };
}

const imageOf = (s: Json): string => (typeof s.image === 'string' ? s.image : '');
const isDb = (s: Json) => /(?:^|\/)(?:mysql|mariadb|postgres|postgis|percona)(?:[:@]|$)/.test(imageOf(s));
const isRedis = (s: Json) => /(?:^|\/)(?:redis|valkey|keydb)(?:-stack)?(?:[:@]|$)/.test(imageOf(s));
const isProxyImage = (s: Json) => /(?:^|\/)(?:nginx|caddy|traefik|haproxy|envoy|openresty)(?:[\w-]*)(?:[:@]|$)/.test(imageOf(s));

/** The build context of a service, normalised ('.' for the step folder), or undefined. */
function buildContext(s: Json): string | undefined {
  const b = s.build;
  const context = typeof b === 'string' ? b : isObject(b) && typeof b.context === 'string' ? b.context : isObject(b) ? '.' : undefined;
  return context === undefined ? undefined : path.posix.normalize(context.replace(/\\/g, '/')).replace(/\/$/, '') || '.';
}

const words = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(' ') : typeof v === 'string' ? v : '');

interface Roles {
  /** Services running the app's image (built from this folder, or the image such a service builds). */
  appImage: string[];
  migrate: string[];
  apps: string[];
  db: string[];
  redis: string[];
  proxy: string[];
}

function roles(c: Compose): Roles {
  const entries = Object.entries(c.services);
  const built = entries.filter(([, s]) => buildContext(s) === '.');
  const builtImages = new Set(built.map(([, s]) => imageOf(s)).filter(Boolean));
  const appImage = entries.filter(([, s]) => buildContext(s) === '.' || (imageOf(s) !== '' && builtImages.has(imageOf(s)))).map(([n]) => n);
  const migrate = appImage.filter((n) => /migrat/i.test(`${words(c.services[n].command)} ${words(c.services[n].entrypoint)}`));
  const apps = appImage.filter((n) => !migrate.includes(n));
  return {
    appImage,
    migrate,
    apps,
    db: entries.filter(([, s]) => isDb(s)).map(([n]) => n),
    redis: entries.filter(([, s]) => isRedis(s)).map(([n]) => n),
    proxy: entries.filter(([n, s]) => !appImage.includes(n) && (isProxyImage(s) || /proxy|nginx|caddy|traefik|haproxy|gateway|lb\b/i.test(n))).map(([n]) => n),
  };
}

/** depends_on as a map of service → condition (the short list form means service_started). */
function dependsOn(s: Json): Record<string, string> {
  const d = s.depends_on;
  if (Array.isArray(d)) return Object.fromEntries(d.map((n) => [String(n), 'service_started']));
  if (isObject(d)) return Object.fromEntries(Object.entries(d).map(([n, v]) => [n, isObject(v) && typeof v.condition === 'string' ? v.condition : 'service_started']));
  return {};
}

/** How many containers a service runs (deploy.replicas or scale). */
const replicas = (s: Json): number => {
  const r = isObject(s.deploy) ? Number(s.deploy.replicas) : Number(s.scale);
  return Number.isInteger(r) && r > 0 ? r : 1;
};

/** The environment of a service as pairs, from a map or a list of KEY=value. */
function environment(s: Json): { key: string; value: string | undefined }[] {
  const e = s.environment;
  if (Array.isArray(e)) {
    return e.map((item) => {
      const text = String(item);
      const eq = text.indexOf('=');
      return eq < 0 ? { key: text, value: undefined } : { key: text.slice(0, eq), value: text.slice(eq + 1) };
    });
  }
  if (isObject(e)) return Object.entries(e).map(([key, v]) => ({ key, value: v === null || v === undefined ? undefined : String(v) }));
  return [];
}

/**
 * What is left of a value once its variable references are taken out: `${JWT_SECRET}`,
 * `${JWT_SECRET:?set it}` and `$JWT_SECRET` are references; `${X:-default}` and `${X-default}`
 * keep their default, which is a literal. `$$VAR` is the container's own variable; another `$$` is
 * a literal dollar.
 */
function literalPart(value: string): string {
  return value
    // $$VAR reaches the container as $VAR: its shell (a healthcheck's, a command's) reads the variable.
    .replace(/\$\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, '')
    .replace(/\$\$/g, '\u0000')
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[?][^}]*)?\}/g, '')
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1')
    .replace(/\$[A-Za-z_][A-Za-z0-9_]*/g, '')
    .replace(/\u0000/g, '$');
}

describe('docker-compose.yml', () => {
  requirement(
    'docker-compose.yml runs the migrations once, before the apps: a migration service that waits for a healthy database and does not restart, and app services that wait for it to complete successfully and for a healthy database and Redis',
    { lesson: L.compose, covers: ['compose-migrate', 'compose-order'] },
    () => {
      const c = readCompose(L.compose);
      const r = roles(c);
      ensure(r.appImage.length > 0, {
        expected: `services built from this folder (build: .) in ${show(c.file)}`,
        got: `no service has build: . (services: ${Object.keys(c.services).join(', ')})`,
        lesson: L.compose,
      });
      ensure(r.migrate.length > 0, {
        expected: 'a migration service: the app\'s image with command: ["node", "dist/db/migrate.js"]',
        got: `no service of the app's image runs the migrations (${r.appImage.map((n) => `${n}: ${words(c.services[n].command) || 'its CMD'}`).join('; ')})`,
        hint: 'migrations run once per deployment, in their own short-lived container; each app replica running them at start-up would race the others',
        lesson: L.compose,
      });
      ensure(r.apps.length > 0, { expected: 'app services next to the migration service', got: `only ${r.migrate.join(', ')}`, lesson: L.compose });
      for (const app of r.apps) {
        const deps = dependsOn(c.services[app]);
        const on = r.migrate.find((m) => deps[m] !== undefined);
        ensure(on !== undefined && deps[on] === 'service_completed_successfully', {
          expected: `${app} to start after the migrations finished: depends_on: { ${r.migrate[0]}: { condition: service_completed_successfully } }`,
          got: on === undefined ? `${app} does not depend on ${r.migrate.join(' or ')}` : `${app} depends on ${on} with ${deps[on]} (it starts as soon as the migration container starts, not when it is done)`,
          lesson: L.compose,
        });
        for (const [kind, names] of [['database', r.db], ['Redis', r.redis]] as const) {
          if (names.length === 0) continue;
          const dep = names.find((n) => deps[n] !== undefined);
          ensure(dep !== undefined && deps[dep] === 'service_healthy', {
            expected: `${app} to wait for a healthy ${kind}: depends_on: { ${names[0]}: { condition: service_healthy } }`,
            got: dep === undefined ? `${app} does not depend on ${names.join(' or ')}` : `${app} depends on ${dep} with ${deps[dep]}`,
            lesson: L.compose,
          });
        }
      }
      for (const m of r.migrate) {
        const restart = c.services[m].restart;
        ensure(restart === undefined || restart === 'no' || restart === false, {
          expected: `${m} to run once and stop (restart: "no")`,
          got: `restart: ${String(restart)} (it would run again every time it stops)`,
          lesson: L.compose,
        });
        if (r.db.length > 0) {
          const deps = dependsOn(c.services[m]);
          const db = r.db.find((d) => deps[d] !== undefined);
          ensure(db !== undefined && deps[db] === 'service_healthy', {
            expected: `${m} to wait for a database that answers: depends_on: { ${r.db[0]}: { condition: service_healthy } }`,
            got: db === undefined ? `${m} does not depend on ${r.db.join(' or ')}` : `${m} depends on ${db} with ${deps[db]}: MySQL takes seconds to accept connections after its container starts`,
            lesson: L.compose,
          });
        }
      }
    },
  );

  requirement(
    'docker-compose.yml publishes one port, the proxy\'s: at least two app instances behind it, and the apps, the database and Redis publish no port',
    { lesson: L.compose, covers: ['compose-proxy'] },
    () => {
      const c = readCompose(L.compose);
      const r = roles(c);
      const instances = r.apps.reduce((n, a) => n + replicas(c.services[a]), 0);
      ensure(instances >= 2, {
        expected: 'at least two instances of the app (app1 and app2, or deploy.replicas: 2) behind the proxy',
        got: r.apps.length ? `${instances} instance (${r.apps.join(', ')})` : 'no app service',
        lesson: L.compose,
      });
      const hostNetwork = Object.entries(c.services).filter(([, s]) => s.network_mode === 'host').map(([n]) => n);
      ensure(hostNetwork.length === 0, { expected: 'no service on the host\'s network', got: `network_mode: host on ${hostNetwork.join(', ')} (every port it opens is published)`, lesson: L.compose });
      const publishing = Object.entries(c.services).filter(([, s]) => Array.isArray(s.ports) ? s.ports.length > 0 : s.ports !== undefined && s.ports !== null).map(([n]) => n);
      const others = publishing.filter((n) => !r.proxy.includes(n));
      ensure(others.length === 0, {
        expected: 'only the proxy to publish a port: the apps, the database and Redis are reached over the compose network only (use expose: if you like to document a port)',
        got: `${others.map((n) => `${n} publishes ${JSON.stringify(c.services[n].ports)}`).join('; ')}`,
        hint: 'remove their ports: lines. The database and Redis answer the apps by service name (db:3306, redis:6379); for an admin shell, docker compose exec db mysql',
        lesson: L.compose,
      });
      const proxies = publishing.filter((n) => r.proxy.includes(n));
      ensure(proxies.length > 0, {
        expected: 'a proxy service (nginx, caddy or traefik) that publishes the one port users reach',
        got: r.proxy.length ? `${r.proxy.join(', ')} publishes no port` : `no proxy service (services: ${Object.keys(c.services).join(', ')})`,
        lesson: L.compose,
      });
      // The proxy's configuration, when it is a file of this folder, sends to every app instance.
      for (const p of proxies) {
        const mounts = (Array.isArray(c.services[p].volumes) ? c.services[p].volumes : [])
          .map((v) => (typeof v === 'string' ? v.split(':')[0] : isObject(v) && typeof v.source === 'string' && v.type === 'bind' ? v.source : ''))
          .filter((src) => src.startsWith('.'));
        for (const src of mounts) {
          const abs = path.join(dir, src);
          ensure(fs.existsSync(abs), { expected: `the proxy's configuration ${src} in the folder`, got: `${p} mounts ${src}, and there is no ${shortPath(abs)}`, lesson: L.compose });
        }
        const texts = mounts.flatMap((src) => {
          const abs = path.join(dir, src);
          if (!fs.existsSync(abs)) return [];
          if (fs.statSync(abs).isFile()) return [fs.readFileSync(abs, 'utf8')];
          return fs.readdirSync(abs).filter((f) => fs.statSync(path.join(abs, f)).isFile()).map((f) => fs.readFileSync(path.join(abs, f), 'utf8'));
        });
        if (texts.length > 0 && !/traefik/.test(imageOf(c.services[p]))) {
          const config = texts.join('\n');
          const missing = r.apps.filter((a) => !new RegExp(`\\b${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(config));
          ensure(missing.length === 0, {
            expected: `the proxy's configuration (${mounts.join(', ')}) to send requests to every app instance: ${r.apps.join(', ')}`,
            got: `it never names ${missing.join(', ')}`,
            lesson: L.compose,
          });
        }
      }
    },
  );

  requirement(
    'docker-compose.yml holds no secret: the apps get JWT_SECRET as ${JWT_SECRET:?message}, and every password, token and secret is a ${VARIABLE} reference without a default value, never a literal',
    { lesson: L.compose, covers: ['compose-no-literal-secrets'] },
    () => {
      const c = readCompose(L.compose);
      const problems: string[] = [];
      for (const [name, s] of Object.entries(c.services)) {
        for (const { key, value } of environment(s)) {
          if (value === undefined || value === '') continue;
          const literal = literalPart(value);
          if (SECRET_NAME.test(key) && !NOT_SECRET_NAME.test(key) && literal.trim() !== '') problems.push(`${name}: ${key}=${short(value, 60)}`);
          else {
            const pw = urlPassword(value);
            if (pw !== undefined && literalPart(pw) !== '') problems.push(`${name}: ${key}=${short(value, 80)} (a password in the URL)`);
          }
        }
        const tests = [words(isObject(s.healthcheck) ? s.healthcheck.test : undefined), words(s.command)];
        for (const t of tests) {
          const m = /(?:\s-p(?!\s)|--password[= ])(\S+)/.exec(t);
          if (m && literalPart(m[1].replace(/^["']|["']$/g, '')).trim() !== '') problems.push(`${name}: a password on a command line: ${short(t, 80)}`);
        }
      }
      // The apps need JWT_SECRET: from a variable that stops compose with a message when it is missing.
      const r = roles(c);
      ensure(r.apps.length > 0, { expected: `app services in ${show(c.file)} (build: .), each given JWT_SECRET from a variable`, got: `services: ${Object.keys(c.services).join(', ')}`, lesson: L.compose });
      for (const app of r.apps) {
        const s = c.services[app];
        const jwt = environment(s).find((e) => e.key === 'JWT_SECRET');
        const fromFile = s.env_file !== undefined || environment(s).some((e) => e.key === 'JWT_SECRET_FILE');
        const required = jwt?.value !== undefined && /^\$\{JWT_SECRET:?\?[^}]*\}$/.test(jwt.value.trim());
        ensure(required || (jwt === undefined && fromFile) || (jwt !== undefined && jwt.value === undefined), {
          expected: `${app} to get JWT_SECRET from the environment of whoever runs compose, with a message when it is missing: JWT_SECRET: \${JWT_SECRET:?set JWT_SECRET}`,
          got: jwt === undefined ? `${app} has no JWT_SECRET in its environment` : `JWT_SECRET: ${short(jwt.value ?? '', 60)}`,
          lesson: L.compose,
        });
      }
      ensure(problems.length === 0, {
        expected: `every secret in ${show(c.file)} to come from the environment of whoever runs it (JWT_SECRET: \${JWT_SECRET:?set JWT_SECRET}), or from Docker secrets: the file is committed, so its values are public`,
        got: `literal values: ${problems.join('; ')}`,
        hint: 'a default (${VAR:-value}) is a literal too: use ${VAR:?message} so that compose refuses to start without it',
        lesson: L.compose,
      });
    },
  );

  requirement('docker-compose.yml has a MySQL database and a Redis, each with a healthcheck, so that what waits for them waits until they answer', { lesson: L.compose, covers: ['compose-services'] }, () => {
    const c = readCompose(L.compose);
    const r = roles(c);
    ensure(r.db.length > 0, { expected: 'a database service (mysql:8.4)', got: `none among ${Object.keys(c.services).join(', ')}`, lesson: L.compose });
    ensure(r.redis.length > 0, { expected: 'a Redis service (redis:7-alpine) for the limits the app instances share', got: `none among ${Object.keys(c.services).join(', ')}`, lesson: L.compose });
    for (const n of [...r.db, ...r.redis]) {
      const h = c.services[n].healthcheck;
      const test = isObject(h) ? h.test : undefined;
      const disabled = !isObject(h) || h.disable === true || test === undefined || (Array.isArray(test) && String(test[0]).toUpperCase() === 'NONE');
      ensure(!disabled, {
        expected: `${n} to have a healthcheck (test: a command that succeeds once it answers, e.g. ${isRedis(c.services[n]) ? '["CMD", "redis-cli", "ping"]' : '["CMD", "mysqladmin", "ping", "-h", "127.0.0.1"]'})`,
        got: isObject(h) ? `healthcheck: ${JSON.stringify(h)}` : 'no healthcheck',
        lesson: L.compose,
      });
    }
  });
});

// ── The CI workflow ────────────────────────────────────────────────────────────────────────

/** A setup-node version that is Node 20 or later: 20, "20.x", 22.3, lts/*, node, latest. */
const nodeVersionOk = (version: string): boolean => /^(?:lts\/\*|node|latest)$/.test(version) || Number(/^v?(\d+)/.exec(version)?.[1]) >= 20;

/**
 * The values a step's setting takes: itself, or, for `${{ matrix.<name> }}`, each value of the
 * job's strategy.matrix.<name> (a list) and of its include entries. A name the matrix does not
 * give is left as written, which fails the version test.
 */
function matrixValues(job: unknown, value: string): string[] {
  const m = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(value.trim());
  if (!m || !isObject(job) || !isObject(job.strategy) || !isObject(job.strategy.matrix)) return [value];
  const matrix = job.strategy.matrix;
  const listed = Array.isArray(matrix[m[1]]) ? (matrix[m[1]] as unknown[]) : [];
  const included = Array.isArray(matrix.include) ? matrix.include.filter(isObject).map((entry) => entry[m[1]]).filter((v) => v !== undefined) : [];
  const values = [...listed, ...included].map(String);
  return values.length > 0 ? values : [value];
}

describe('continuous integration', () => {
  requirement('a workflow in .github/workflows runs on every push and pull request: checkout, Node 20 or later with the npm cache, npm ci, the build, then the tests, with MySQL and Redis as services of the job', { lesson: L.ci, covers: ['ci-workflow'] }, () => {
    const folder = path.join(dir, '.github', 'workflows');
    const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)) : [];
    ensure(files.length > 0, { expected: `a workflow file in ${shortPath(folder)} (ci.yml)`, got: fs.existsSync(folder) ? 'the folder has no .yml file' : 'there is no such folder', lesson: L.ci });
    const verdicts: string[] = [];
    for (const f of files) {
      let doc: unknown;
      try {
        doc = YAML.parse(fs.readFileSync(path.join(folder, f), 'utf8'), { merge: true });
      } catch (err) {
        verdicts.push(`${f}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
        continue;
      }
      if (!isObject(doc)) continue;
      const on = doc.on ?? doc.true;
      const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : isObject(on) ? Object.keys(on) : [];
      if (!events.includes('push') || !events.includes('pull_request')) {
        verdicts.push(`${f}: runs on ${events.join(', ') || 'nothing'}, not on both push and pull_request`);
        continue;
      }
      const jobs = isObject(doc.jobs) ? Object.entries(doc.jobs) : [];
      for (const [job, spec] of jobs) {
        const steps = isObject(spec) && Array.isArray(spec.steps) ? spec.steps.filter(isObject) : [];
        // Each command with its place: step index, then order within the step's script.
        const commands = steps.flatMap((s, i) => (typeof s.run === 'string' ? s.run.split(/\n|&&|;/).map((cmd, j) => ({ at: i + j / 1000, cmd: cmd.trim() })) : []));
        const first = (re: RegExp) => commands.find((c) => re.test(c.cmd))?.at;
        const uses = (re: RegExp) => steps.findIndex((s) => typeof s.uses === 'string' && re.test(s.uses));
        const checkout = uses(/^actions\/checkout@/);
        const setup = uses(/^actions\/setup-node@/);
        const setupWith = setup >= 0 && isObject(steps[setup].with) ? (steps[setup].with as Json) : {};
        // A version from the job's matrix (node-version: ${{ matrix.node }}) is every value the matrix gives it.
        const versions = matrixValues(spec, String(setupWith['node-version'] ?? ''));
        const version = versions.find((v) => !nodeVersionOk(v)) ?? versions[0] ?? '';
        const services = isObject(spec) && isObject(spec.services) ? Object.values(spec.services).filter(isObject).map((svc) => String(svc.image ?? '')) : [];
        const install = first(/\bnpm\s+ci\b/);
        const build = first(/\bnpm\s+run\s+build\b|\bnpx\s+tsc\b/);
        const test = first(/\bnpm\s+(?:run\s+)?test\b|\bnpm\s+t\b|\bnpx\s+vitest\s+run\b/);
        const missing = [
          ...(checkout < 0 ? ['uses: actions/checkout'] : []),
          ...(setup < 0 ? ['uses: actions/setup-node'] : []),
          ...(setup >= 0 && !nodeVersionOk(version) ? [`node-version 20 or later (got "${version || 'none'}")`] : []),
          ...(setup >= 0 && setupWith.cache !== 'npm' ? ['cache: npm on actions/setup-node'] : []),
          ...(services.some((i) => /(?:^|\/)(?:mysql|mariadb)(?:[:@]|$)/.test(i)) ? [] : ['a MySQL service (services: mysql: image: mysql:8.4)']),
          ...(services.some((i) => /(?:^|\/)(?:redis|valkey)(?:[:@-]|$)/.test(i)) ? [] : ['a Redis service (services: redis: image: redis:7-alpine)']),
          ...(install === undefined ? ['run: npm ci'] : []),
          ...(build === undefined ? ['run: npm run build'] : []),
          ...(test === undefined ? ['run: npm test'] : []),
        ];
        if (missing.length === 0 && install! < build! && build! < test!) return;
        verdicts.push(`${f}, job ${job}: ${missing.length ? `missing ${missing.join(', ')}` : 'the steps are not in the order npm ci, build, test'}`);
      }
      if (jobs.length === 0) verdicts.push(`${f}: no jobs`);
    }
    fail({
      expected: 'a job, on every push and pull request, that checks out the code, sets up Node 20 or later with the npm cache (actions/setup-node), then runs npm ci, npm run build and npm test, in that order, with MySQL and Redis as services',
      got: verdicts.join('; '),
      lesson: L.ci,
    });
  });
});
