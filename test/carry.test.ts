/**
 * `npm run step N -- --from-mine`: a learner's own finished step carried into the next one, with
 * the new step's scaffolding merged in three ways. The learner's project here differs from the
 * reference (their own comment, their own module, their own settings, a change where the next
 * step also changes the code), as a real learner's does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { carryFile } from '../runner/lib/carry.js';
import { copyProject } from '../runner/lib/fsutil.js';
import { ROOT } from '../runner/lib/paths.js';
import { runCli, scratch } from './support/cli.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const labels = { yours: 'yours', base: 'base', starter: 'starter' };
const b = (s: string) => Buffer.from(s);
const text = (r: ReturnType<typeof carryFile>) => r?.content?.toString('utf8');

describe('carrying one file', () => {
  it('keeps the learner\'s change and the step\'s change when they touch different lines', () => {
    const r = carryFile('a.ts', b('one\ntwo\nthree\n'), b('ONE\ntwo\nthree\n'), b('one\ntwo\nthree\nfour\n'), labels);
    expect(r?.outcome).toBe('merged');
    expect(text(r)).toBe('ONE\ntwo\nthree\nfour\n');
  });

  it('marks a conflict, with the three versions labelled, when both change the same lines', () => {
    const r = carryFile('a.ts', b('one\ntwo\n'), b('one\nmine\n'), b('one\ntheirs\n'), labels);
    expect(r?.outcome).toBe('conflict');
    expect(r?.conflicts).toBe(1);
    expect(text(r)).toMatch(/<<<<<<< yours \(yours\)\nmine\n\|\|\|\|\|\|\| reference \(base\)\ntwo\n=======\ntheirs\n>>>>>>> starter \(starter\)/);
  });

  it('takes what only one side changed, and keeps a file the step does not touch', () => {
    expect(carryFile('a', b('x'), b('x'), b('y'), labels)).toMatchObject({ outcome: 'scaffolding', content: b('y') });
    expect(carryFile('a', b('x'), b('y'), b('x'), labels)).toMatchObject({ outcome: 'yours', content: b('y') });
    expect(carryFile('a', undefined, b('mine'), undefined, labels)).toMatchObject({ outcome: 'yours', content: b('mine') });
    expect(carryFile('a', undefined, undefined, b('new'), labels)).toMatchObject({ outcome: 'scaffolding', content: b('new') });
  });

  it('drops a file the step removes only when the learner had not changed it', () => {
    expect(carryFile('a', b('x'), b('x'), undefined, labels)).toEqual({ outcome: 'removed' });
    expect(carryFile('a', b('x'), b('y'), undefined, labels)).toMatchObject({ outcome: 'kept', content: b('y') });
  });

  it('leaves removed what the learner removed, unless the step changes it', () => {
    expect(carryFile('a', b('x'), undefined, b('x'), labels)).toBeUndefined();
    expect(carryFile('a', b('x'), undefined, b('z'), labels)).toMatchObject({ outcome: 'restored', content: b('z') });
  });

  it('keeps Windows line endings in a merged file', () => {
    const r = carryFile('a.ts', b('one\ntwo\nthree\n'), b('ONE\r\ntwo\r\nthree\r\n'), b('one\ntwo\nthree\nfour\n'), labels);
    expect(text(r)).toBe('ONE\r\ntwo\r\nthree\r\nfour\r\n');
  });
});

describe('npm run step N -- --from-mine', () => {
  function learner() {
    const root = scratch('carry');
    made.push(root);
    const env = { WORKSHOP_WORKSPACE: path.join(root, 'workspace'), WORKSHOP_STATE: path.join(root, 'state') };
    const mine = path.join(env.WORKSHOP_WORKSPACE, '01-server');
    copyProject(path.join(ROOT, 'solutions', '01-server'), mine);
    const app = path.join(mine, 'src', 'app.ts');
    // Their own voice in the code, their own module, their own settings.
    fs.writeFileSync(app, `// Conduit, my way.\n${fs.readFileSync(app, 'utf8')}`);
    fs.writeFileSync(path.join(mine, 'src', 'greeting.ts'), "export const greeting = (name: string): string => `hello, ${name}`;\n");
    fs.writeFileSync(path.join(mine, '.env'), 'PORT=4321\nLOG_LEVEL=debug\n');
    return { root, env, mine, app, next: path.join(env.WORKSHOP_WORKSPACE, '02-api') };
  }

  it("starts the next step from the learner's own code with the scaffolding merged in, and the earlier checks still pass", async () => {
    const s = learner();
    const r = await runCli(['step', '2', '--from-mine', '--once'], s.env, 240_000);
    expect(r.stdout, r.stderr).toMatch(/Started .*02-api from your .*01-server/);
    const app = fs.readFileSync(path.join(s.next, 'src', 'app.ts'), 'utf8');
    expect(app).toMatch(/^\/\/ Conduit, my way\./);
    expect(app).toMatch(/articlesRoutes/);
    expect(app).not.toMatch(/<<<<<<<|>>>>>>>/);
    expect(fs.readFileSync(path.join(s.next, 'src', 'greeting.ts'), 'utf8')).toMatch(/hello/);
    expect(fs.readFileSync(path.join(s.next, '.env'), 'utf8')).toMatch(/PORT=4321/);
    expect(fs.existsSync(path.join(s.next, 'src', 'articles'))).toBe(true);
    // Like the starter: the new work is to do, the old work still holds.
    expect(r.code).toBe(1);
    const earlier = /Still working from earlier steps (\d+)\/(\d+)/.exec(r.stdout);
    expect(earlier?.[1], r.stdout).toBe(earlier?.[2]);
  });

  it('marks and lists the places where the learner and the step changed the same lines, and backs up what it replaces', async () => {
    const s = learner();
    const app = fs.readFileSync(s.app, 'utf8');
    expect(app).toMatch(/app\.use\(notFound\(\)\);/);
    fs.writeFileSync(s.app, app.replace('app.use(notFound());', "app.get('/hello', (_req, res) => res.json({ hello: 'world' }));\n  app.use(notFound());"));
    const started = await runCli(['step', '2', '--once'], s.env, 240_000);
    expect(started.stdout).toMatch(/Created .*02-api from the starter/);
    fs.writeFileSync(path.join(s.next, 'NOTES.md'), 'my notes on step 02\n');

    const refused = await runCli(['step', '2', '--from-mine', '--once'], s.env, 60_000, '');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/Nothing changed/);
    expect(fs.existsSync(path.join(s.next, 'NOTES.md'))).toBe(true);

    const r = await runCli(['step', '2', '--from-mine', '--yes', '--once'], s.env, 240_000);
    expect(r.stdout).toMatch(/1 file where you and the new step changed the same lines:\s+src\/app\.ts \(1 place\)/);
    const merged = fs.readFileSync(path.join(s.next, 'src', 'app.ts'), 'utf8');
    expect(merged).toMatch(/<<<<<<< yours[\s\S]*\/hello[\s\S]*=======[\s\S]*articlesRoutes[\s\S]*>>>>>>> starter/);
    // The markers do not compile: the checklist says where, instead of failing silently.
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/src\/app\.ts:\d+/);
    const backup = /saved in (\S+): npm run restore 2/.exec(r.stdout)?.[1];
    expect(backup, r.stdout).toBeTruthy();
    expect(fs.existsSync(path.join(s.root, 'state', 'backups', '02-api'))).toBe(true);
    expect(fs.existsSync(path.join(s.next, 'NOTES.md'))).toBe(false);
  });

  it('says what to do when there is no earlier step of the learner\'s to carry', async () => {
    const root = scratch('carry');
    made.push(root);
    const env = { WORKSHOP_WORKSPACE: path.join(root, 'workspace'), WORKSHOP_STATE: path.join(root, 'state') };
    const r = await runCli(['step', '2', '--from-mine', '--once'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/there is no .*01-server to carry forward: finish npm run step 1 first, or start from the starter with npm run step 2/);
    const first = await runCli(['step', '0', '--from-mine', '--once'], env);
    expect(first.stderr).toMatch(/is the first/);
  });
});
