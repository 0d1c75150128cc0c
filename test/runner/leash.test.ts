/**
 * The leash (runner/lib/leash.mjs): a process started by a check or the runner ends when its
 * parent is gone, and with WORKSHOP_LEASH_GROUP=1 takes its whole process group with it (the
 * step-06 checks run a learner's vitest this way: its workers and servers must not outlive a
 * stopped check run). A worker that inherited the --import is not leashed to the wrong parent.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isAlive, leashModule } from '../../runner/lib/processes.js';
import { until } from '../support/cli.js';

/**
 * parent → leashed group leader (detached) → a worker started with the leader's --import. Prints
 * "<leader pid> <worker pid>" once both run.
 */
const PARENT = `
const { spawn } = require('node:child_process');
const leader = spawn(process.execPath, ['--import', process.env.LEASH, '-e', process.env.LEADER], {
  detached: true, stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, WORKSHOP_LEASH_PID: String(process.pid), WORKSHOP_LEASH_GROUP: '1' },
});
leader.stdout.on('data', (d) => process.stdout.write(d));
setInterval(() => {}, 1000);
`;
const LEADER = `
const { spawn } = require('node:child_process');
const worker = spawn(process.execPath, [...process.execArgv.slice(0, 2), '-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
setTimeout(() => process.stdout.write(process.pid + ' ' + worker.pid + '\\n'), 1500);
setInterval(() => {}, 1000);
`;

describe.skipIf(process.platform === 'win32')('the leash', () => {
  it('ends a detached group (its leader and a worker forked with its options) when the parent is killed, and not before', async () => {
    const parent = spawn(process.execPath, ['-e', PARENT], { env: { ...process.env, LEASH: leashModule, LEADER }, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    parent.stdout?.on('data', (d: Buffer) => (text += d.toString()));
    try {
      await until('the group started', () => /^\d+ \d+\n/.test(text), 20_000);
      const [leader, worker] = text.trim().split(' ').map(Number);
      // The worker inherited the --import but has another parent: it keeps running, and so does the leader.
      await new Promise((r) => setTimeout(r, 1500));
      expect([isAlive(leader), isAlive(worker)]).toEqual([true, true]);
      parent.kill('SIGKILL');
      await until('the leader and its worker are gone', () => !isAlive(leader) && !isAlive(worker), 10_000);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 60_000);
});
