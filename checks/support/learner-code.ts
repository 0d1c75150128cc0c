import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { shortPath } from '../../runner/lib/paths.js';
import { ENV, type ProgressLine } from '../../runner/lib/results.js';

/** One line in the run's progress file (see runner/lib/run-checks.ts). */
export function progress(line: ProgressLine): void {
  const file = process.env[ENV.progressFile];
  if (file) fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/**
 * The learner's code failed before any check could run: it did not compile, threw while being
 * imported, or does not export what the step contract asks for. `summary` is one line with
 * file:line where there is one; the runner shows it once instead of once per check.
 */
export class LearnerCodeError extends Error {
  constructor(readonly summary: string) {
    super(summary);
    this.name = 'LearnerCodeError';
  }
}

const LOCATION = /((?:[A-Za-z]:)?[^\s:()]+\.[cm]?[jt]sx?):(\d+):(\d+)/;

/** Finds the first place inside `dir` that an error points at, as `src/app.ts:12:3`. */
export function locateInDir(err: unknown, dir: string): string | undefined {
  const e = err as { loc?: { file?: string; line?: number; column?: number }; stack?: string; message?: string; frame?: string };
  if (e?.loc?.file && e.loc.line) return `${shortPath(e.loc.file)}:${e.loc.line}:${e.loc.column ?? 0}`;
  const texts = [e?.message ?? '', e?.stack ?? ''];
  const normalisedDir = path.resolve(dir);
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const m = LOCATION.exec(line.replace(/file:\/\//g, ''));
      if (m && path.resolve(m[1]).startsWith(normalisedDir)) return `${shortPath(m[1])}:${m[2]}:${m[3]}`;
    }
  }
  return undefined;
}

/** The first line of an error's message, without the location prefix bundlers like to add. */
export function firstLine(err: unknown): string {
  const e = err as { message?: string; name?: string };
  const message = String(e?.message ?? err)
    .replace(/^Transform failed with \d+ errors?:\s*/i, '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0) ?? String(err);
  const cleaned = message.replace(/^(?:[A-Za-z]:)?[^\s:]+\.[cm]?[jt]sx?:\d+:\d+:\s*/, '').replace(/^ERROR:\s*/, '');
  const name = e?.name && e.name !== 'Error' && !cleaned.startsWith(e.name) ? `${e.name}: ` : '';
  return `${name}${cleaned}`;
}

/** Wraps any failure to load the learner's code into one clear line. */
export function asLearnerCodeError(err: unknown, dir: string, what: string): LearnerCodeError {
  if (err instanceof LearnerCodeError) return err;
  const where = locateInDir(err, dir);
  return new LearnerCodeError(`${what} failed to load${where ? ` at ${where}` : ''}: ${firstLine(err)}`);
}

/** Imports a module of the learner's project, turning any failure into one clear line. */
export async function importFromTarget<T>(dir: string, relative: string): Promise<T> {
  const file = path.join(dir, relative);
  if (!fs.existsSync(file)) {
    throw new LearnerCodeError(`${shortPath(file)} does not exist: the step contract needs it (see docs/01-server.md#the-step-contract).`);
  }
  // A loop at the top level of a module blocks this thread: the runner reads this line to say
  // which file never finished loading, instead of blaming the check.
  progress({ loading: shortPath(file) });
  try {
    return (await import(pathToFileURL(file).href)) as T;
  } catch (err) {
    throw asLearnerCodeError(err, dir, shortPath(file));
  } finally {
    progress({ loaded: shortPath(file) });
  }
}

