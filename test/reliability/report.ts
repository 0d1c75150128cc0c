/** The per-dialect report, and the replayable list of what was sent when something failed. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, type Sent } from './client.js';
import type { Finding } from './integrity.js';

export interface DialectResult {
  dialect: string;
  seed: number;
  log: Sent[];
  concurrencyProblems: string[];
  findings: Finding[];
  durationMs: number;
  /** How long each phase took (start-up and setup, concurrency, fuzz, integrity): for the record, never a verdict. */
  phaseMs: Record<string, number>;
  /** Set when the run could not even start (no database, the server did not listen). */
  fatal?: string;
  /** Set when the fuzz stopped at the time bound before sending every request. */
  cutShort?: string;
  /** Whether the target has step 05's social layer (its bursts, fuzz and integrity lines ran). */
  social?: boolean;
  /** Where the whole list of requests was written. */
  logFile?: string;
}

export const ok = (r: DialectResult): boolean =>
  !r.fatal && !r.cutShort && r.concurrencyProblems.length === 0 && r.findings.every((f) => f.ok) && r.log.every((e) => !e.problem);

function byClass(log: Sent[]): string {
  const classes = new Map<string, number>();
  for (const e of log) {
    const key = typeof e.status === 'number' ? `${Math.floor(e.status / 100)}xx` : e.status;
    classes.set(key, (classes.get(key) ?? 0) + 1);
  }
  return [...classes].sort().map(([k, v]) => `${k} ${v}`).join(', ');
}

export function writeLog(folder: string, r: DialectResult): string {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${r.dialect}-seed-${r.seed}.jsonl`);
  fs.writeFileSync(file, r.log.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return file;
}

export function printReport(r: DialectResult, print: (line: string) => void = console.log): void {
  const phases = new Map<string, number>();
  for (const e of r.log) phases.set(e.phase, (phases.get(e.phase) ?? 0) + 1);
  const fiveXX = r.log.filter((e) => typeof e.status === 'number' && e.status >= 500).length;
  const timeouts = r.log.filter((e) => e.status === 'timeout').length;
  const errors = r.log.filter((e) => e.status === 'error').length;
  print('');
  print(`── ${r.dialect} (seed ${r.seed}) ${ok(r) ? 'PASS' : 'FAIL'} ──`);
  if (r.fatal) print(`  could not run: ${r.fatal}`);
  if (r.cutShort) print(`  cut short: ${r.cutShort}`);
  if (r.social !== undefined) print(`  social layer (profiles, follows, favorites, feed): ${r.social ? 'present, covered' : 'absent (GET /api/profiles/:username is not there): its parts are skipped'}`);
  print(`  requests sent: ${r.log.length} (${[...phases].map(([p, n]) => `${p} ${n}`).join(', ')})`);
  print(`  statuses: ${byClass(r.log)}`);
  const refused = r.log.filter((e) => e.status === 'error' && !e.problem).length;
  print(`  5xx: ${fiveXX}   timeouts: ${timeouts}   connection errors: ${errors - refused}${refused ? ` (and ${refused} request head(s) over Node's 16 KB limit, closed by Node: expected)` : ''}`);
  print(`  concurrency: ${r.concurrencyProblems.length === 0 ? 'every burst answered as allowed' : `${r.concurrencyProblems.length} problem(s)`}`);
  for (const p of r.concurrencyProblems) print(`    ✗ ${p}`);
  print('  integrity:');
  for (const f of r.findings) print(`    ${f.ok ? '✓' : '✗'} ${f.name} — ${f.detail}`);
  const phases2 = Object.entries(r.phaseMs).map(([p, ms]) => `${p} ${(ms / 1000).toFixed(1)} s`).join(', ');
  print(`  duration: ${(r.durationMs / 1000).toFixed(1)} s${phases2 ? ` (${phases2})` : ''}`);
  const failed = r.log.filter((e) => e.problem);
  if (failed.length) {
    print(`  failing requests (${failed.length}; replay: npm run reliability -- --dialect ${r.dialect} --seed ${r.seed}, or --replay ${r.logFile ?? 'the log file'}):`);
    for (const e of failed.slice(0, 40)) print(`    ${describe(e)}`);
    if (failed.length > 40) print(`    … ${failed.length - 40} more in ${r.logFile}`);
  }
  if (r.logFile) print(`  every request sent: ${r.logFile}`);
}
