/**
 * How much slower this machine is than the development machine the checks' budgets were set on.
 * The checks multiply every wait by it (checks/support/budget.ts), so a slow laptop, WSL, a
 * virus scanner or a busy CI runner gets more time instead of false failures.
 *
 * The measure: two fixed pieces of hashing run at once on libuv's thread pool (so a machine with
 * less than two cores' worth of CPU shows it), long enough that a CPU quota cannot hide it in
 * one scheduling period. WORKSHOP_TIME_SCALE, when set, wins.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { dirs } from './paths.js';
import { readJsonFile, writeJsonFile } from './fsutil.js';
import { ENV } from './results.js';

/** Wall time of the workload on the idle 2-core development machine (median of many runs). */
const NOMINAL_MS = 32;
const ITERATIONS = 60_000;
/** A measure is good for this long; a busy spell later is covered by the retry of budget.ts. */
const FRESH_FOR_MS = 2 * 60 * 1000;
const MAX_SCALE = 50;

const cacheFile = () => path.join(dirs.state, 'speed.json');

const hashOnce = () => new Promise<void>((resolve) => crypto.pbkdf2('workshop', 'salt', ITERATIONS, 32, 'sha256', () => resolve()));

/** Runs the workload and returns the slowness factor (1 = the development machine or faster). */
export async function measureTimeScale(): Promise<number> {
  const started = performance.now();
  await Promise.all([hashOnce(), hashOnce()]);
  const ms = performance.now() - started;
  return Math.min(MAX_SCALE, Math.max(1, Math.round((ms / NOMINAL_MS) * 10) / 10));
}

interface Cached {
  scale: number;
  at: number;
}

/** WORKSHOP_TIME_SCALE when set; else a recent measure; else a new one (about 30 ms). */
export async function timeScale(env: NodeJS.ProcessEnv = process.env): Promise<{ scale: number; source: 'set' | 'measured' }> {
  const set = Number(env[ENV.timeScale]);
  if (env[ENV.timeScale] && Number.isFinite(set) && set > 0) return { scale: Math.min(MAX_SCALE, Math.max(1, set)), source: 'set' };
  const cached = readJsonFile<Cached | undefined>(cacheFile(), undefined);
  if (cached && Date.now() - cached.at < FRESH_FOR_MS && cached.scale >= 1) return { scale: cached.scale, source: 'measured' };
  const scale = await measureTimeScale();
  try {
    writeJsonFile(cacheFile(), { scale, at: Date.now() } satisfies Cached);
  } catch {
    // A read-only state folder only costs a new measure next time.
  }
  return { scale, source: 'measured' };
}
