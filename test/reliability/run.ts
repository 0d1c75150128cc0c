/**
 * The reliability suite: the latest reference solution (latestAppStep(), the whole backend) under load,
 * faults and hostile input.
 *
 *   npm run reliability -- [--dialect sqlite|mysql|both] [--seed N] [--runs N] [--solution DIR]
 *   npm run reliability -- --dialect sqlite --replay .workshop/tmp/reliability/sqlite-seed-N.jsonl
 *
 * Per dialect: a fresh database migrated by the solution's own migrate, the server as a real
 * process (NODE_ENV=production) on a free loopback port, a few users registered up front, then
 * the concurrency bursts (and, when the target has step 05's social layer, its own bursts), the
 * seeded fuzz, and the integrity pass. Exit code 0 only when every
 * target holds: no 5xx, no timeout, no lost or duplicated write, the throttle holding, the
 * tables consistent. See docs/authoring.md#the-reliability-suite.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, scratchDir } from '../../runner/lib/paths.js';
import { latestAppStep } from '../../runner/lib/steps.js';
import { solutionDir } from '../../runner/lib/workspace.js';
import { Client, describe, type Sent } from './client.js';
import { concurrency } from './concurrency.js';
import { drawSpecs, fuzz } from './fuzz.js';
import { integrity } from './integrity.js';
import { Model, type UserModel } from './model.js';
import { socialConcurrency } from './social.js';
import { ok, printReport, writeLog, type DialectResult } from './report.js';
import { sqliteHandles, startTarget, type Dialect } from './target.js';

export const DEFAULT_SEED = 20261130;
export const DEFAULT_RUNS = 400;
const LOG_FOLDER = path.join(scratchDir, 'reliability');

const { values: args } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'both' },
    seed: { type: 'string', default: process.env.RELIABILITY_SEED ?? String(DEFAULT_SEED) },
    runs: { type: 'string', default: String(DEFAULT_RUNS) },
    solution: { type: 'string', default: solutionDir(latestAppStep()) },
    replay: { type: 'string' },
    'max-seconds': { type: 'string', default: '240' },
  },
});

const seed = Number(args.seed);
const runs = Number(args.runs);
const maxMs = Number(args['max-seconds']) * 1000;
const dir = path.resolve(args.solution!);
const dialects: Dialect[] = args.dialect === 'both' ? ['sqlite', 'mysql'] : [args.dialect as Dialect];
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(runs) || runs < 0 || dialects.some((d) => d !== 'sqlite' && d !== 'mysql')) {
  console.error('usage: npm run reliability -- [--dialect sqlite|mysql|both] [--seed N] [--runs N] [--solution DIR] [--replay FILE]');
  process.exit(2);
}

async function register(client: Client, model: Model, name: string, address: string): Promise<UserModel | undefined> {
  const user = { username: name, email: `${name}@rel.test`, password: 'correct horse battery' };
  const answer = await client.send('setup', { method: 'POST', path: '/api/users', client: address, json: { user } });
  if (answer.status !== 201) {
    answer.entry.problem = `setup: registering ${name} answered ${answer.status}`;
    return undefined;
  }
  const registered = { ...user, token: answer.json.user.token as string, client: address };
  model.addUser(registered);
  return registered;
}

async function runDialect(dialect: Dialect): Promise<DialectResult> {
  const started = Date.now();
  const result: DialectResult = { dialect, seed, log: [], concurrencyProblems: [], findings: [], durationMs: 0, phaseMs: {} };
  let target;
  try {
    target = await startTarget(dir, dialect);
  } catch (err) {
    result.fatal = (err as Error).message;
    result.durationMs = Date.now() - started;
    return result;
  }
  const client = new Client(target.port, seed);
  result.log = client.log;
  try {
    await client.probeAddresses();
    const model = new Model();
    // Distinct loopback addresses stand for distinct clients (the limits count per address);
    // where only 127.0.0.1 exists, 429s show up where the limits apply, and are counted as such.
    const users = (await Promise.all(['a', 'b', 'c', 'd'].map((x, i) => register(client, model, `rel_${seed.toString(36)}_${x}`, client.address(i + 1, 70))))).filter(
      (u): u is UserModel => u !== undefined,
    );
    if (users.length < 3) throw new Error('could not register the users the suite needs (see the setup requests)');
    // One transaction first, so the writer connection is open before the handles are counted.
    await client.send('setup', { method: 'POST', path: '/api/articles', token: users[0].token, client: users[0].client, json: { article: { title: 'Warm-up', description: 'd', body: 'b' } } }).then((a) => {
      if (a.status === 201) model.saveArticle(a.json.article);
      else a.entry.problem = `setup: the warm-up article answered ${a.status}`;
    });
    const handlesBefore = sqliteHandles(target);
    // Step 05's social layer (profiles, follows, favorites, the feed): probed, not assumed from the
    // folder's name, so --solution can point at any step from 04 on, or a copy.
    const profile = await client.send('setup', { method: 'GET', path: `/api/profiles/${encodeURIComponent(users[0].username)}` });
    const social = profile.status === 200 && typeof profile.json?.profile?.following === 'boolean';
    result.social = social;

    result.phaseMs.setup = Date.now() - started;
    let mark = Date.now();
    result.concurrencyProblems = await concurrency({ client, model, seed, users, address: (n) => client.address(n, 71) });
    if (social) {
      const racers = [...users, ...model.users.filter((u) => !users.includes(u))];
      result.concurrencyProblems.push(...(await socialConcurrency({ client, model, seed, users: racers, query: target.query })));
    }

    result.phaseMs.concurrency = Date.now() - mark;
    mark = Date.now();
    const specs = drawSpecs(seed, runs, { social });
    const sent = await fuzz({ client, model, seed, address: (n) => client.address(n, 77), deadline: started + maxMs }, specs);
    if (sent < specs.length) result.cutShort = `the run reached its time bound (--max-seconds ${maxMs / 1000}) after ${sent} of ${specs.length} fuzz requests: not a verdict on the server; run again, or raise the bound on a slow machine`;
    result.phaseMs.fuzz = Date.now() - mark;
    mark = Date.now();
    result.findings = await integrity(target, client, model, handlesBefore, { social });
    result.phaseMs.integrity = Date.now() - mark;
  } catch (err) {
    result.fatal = (err as Error).stack ?? String(err);
  } finally {
    client.close();
    await target.stop();
    result.durationMs = Date.now() - started;
  }
  return result;
}

/** Sends a written list again, in order, against a fresh server: the statuses then and now. */
async function replay(file: string, dialect: Dialect): Promise<boolean> {
  const entries = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Sent);
  const target = await startTarget(dir, dialect);
  const client = new Client(target.port, seed);
  let failed = 0;
  try {
    await client.probeAddresses();
    for (const e of entries) {
      const body = e.bodyBase64 !== undefined ? Buffer.from(e.bodyBase64, 'base64') : e.body;
      const answer = await client.send(e.phase, { method: e.method, path: e.path, headers: e.headers, body, client: client.manyAddresses ? e.client : undefined });
      const bad = typeof answer.status !== 'number' || answer.status >= 500;
      if (bad) failed++;
      if (bad || e.problem) console.log(`${bad ? '✗' : ' '} ${describe({ ...answer.entry, n: e.n })} (was ${e.status}${e.problem ? `: ${e.problem}` : ''})`);
    }
  } finally {
    client.close();
    console.log(`replayed ${entries.length} requests on ${dialect}: ${failed} answered 5xx, timed out or failed`);
    if (target.errors.length) console.log(`server errors:\n  ${target.errors.join('\n  ')}`);
    await target.stop();
  }
  return failed === 0;
}

async function main(): Promise<void> {
  if (args.replay) {
    const good = await replay(args.replay, dialects[0]);
    process.exit(good ? 0 : 1);
  }
  console.log(`reliability suite: ${path.relative(ROOT, dir) || dir}, seed ${seed}, ${runs} fuzz requests, ${dialects.join(' and ')}`);
  let allOk = true;
  for (const dialect of dialects) {
    const result = await runDialect(dialect);
    result.logFile = path.relative(ROOT, writeLog(LOG_FOLDER, result));
    printReport(result);
    allOk &&= ok(result);
  }
  console.log('');
  console.log(allOk ? 'reliability: every target holds' : 'reliability: FAILED (see above)');
  process.exit(allOk ? 0 : 1);
}

void main();
