import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { copyProject, listFiles } from '../../runner/lib/fsutil.js';
import type { WrongSubmission } from '../wrong/types.js';

/** Applies a wrong submission to a copy of the solution; every edit must apply. */
export function applyWrong(dir: string, wrong: WrongSubmission): void {
  for (const edit of wrong.edits ?? []) {
    const file = path.join(dir, edit.file);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(edit.find)) throw new Error(`${edit.file} no longer contains the text this wrong submission edits:\n${edit.find}`);
    fs.writeFileSync(file, text.replace(edit.find, edit.replace));
  }
  for (const [rel, content] of Object.entries(wrong.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  for (const rel of wrong.remove ?? []) fs.rmSync(path.join(dir, rel), { force: true, recursive: true });
}

/**
 * A correct variant is a folder under test/variants/<step>/<name>/: its files are laid over a
 * copy of the reference solution, and `variant.json` says what it does differently and which of
 * the solution's files it removes ({ "description": "…", "remove": ["src/x.ts"] }).
 */
export interface VariantInfo {
  description: string;
  remove?: string[];
}

export function readVariant(folder: string): VariantInfo {
  return JSON.parse(fs.readFileSync(path.join(folder, 'variant.json'), 'utf8')) as VariantInfo;
}

export function applyVariant(dir: string, folder: string): VariantInfo {
  const info = readVariant(folder);
  for (const rel of info.remove ?? []) fs.rmSync(path.join(dir, rel), { force: true, recursive: true });
  copyProject(folder, dir, { overwrite: true });
  fs.rmSync(path.join(dir, 'variant.json'), { force: true });
  return info;
}

/** The files a wrong submission or a variant changes, relative to the step folder, with `/`. */
export function changedFiles(change: WrongSubmission | { folder: string; info: VariantInfo }): string[] {
  const files =
    'folder' in change
      ? [...listFiles(change.folder).filter((f) => f !== 'variant.json'), ...(change.info.remove ?? [])]
      : [...(change.edits ?? []).map((e) => e.file), ...Object.keys(change.files ?? {}), ...(change.remove ?? [])];
  return files.map((f) => f.split(path.sep).join('/'));
}

/** Only the learner's own tests change (step 06): the suite, its helpers, its vitest config. */
export const changesOnlyTests = (files: string[]): boolean => files.every((f) => f.startsWith('test/') || /^vitest\.config\.[cm]?[jt]s$/.test(f));

/**
 * Whether the MySQL pass (`npm run test:mysql`) has anything to learn from this change. A change
 * to the learner's tests alone is graded by running their suite, which behaves the same whichever
 * database the checks use, unless it changes the suite's own database helper (a `db.ts` under
 * test/ or the vitest config that decides how workers share databases): those run again on MySQL.
 * The reference suite itself runs on MySQL in steps.test.
 */
export const differsByDialect = (files: string[]): boolean =>
  !changesOnlyTests(files) || files.some((f) => /(^|\/)db\.[cm]?[jt]s$/.test(f) || /^vitest\.config\./.test(f));

/** Paths of the layer that talks to the database: the handle, models, migrations, repositories, SQL. */
const DATABASE_FILE = /(^|\/)(db|database|models?|migrations?|seeders?|[\w.-]*\.(repository|model|queries|sql))(\.[cm]?[jt]s)?(\/|$)/i;
/** Text of a change that talks to the database: Sequelize calls, SQL, transactions, constraints, ordering, concurrency. */
const DATABASE_TEXT =
  /sequelize|\bOp\.|transaction|QueryTypes|\.query\(|literal\(|\bfind(All|One|ByPk|AndCountAll|OrCreate)\b|\.(increment|decrement|upsert|bulkCreate|destroy|count|create|save|reload|update|sync)\(|\bunique\b|\bindex(es)?\b|collat|dialect|migrat|Constraint|DataTypes|\b(order|where|include|attributes|group)\s*:|Promise\.all|\b(SELECT|INSERT|UPDATE|DELETE)\b/i;
/** The steps whose lessons are about the database itself: every mistake in them runs on both dialects. */
const DATABASE_STEPS = new Set(['03-database', '05-performance']);

/**
 * Whether a wrong submission's mistake (or a correct variant's rewrite) reaches the database, so
 * that the MySQL pass can show something the SQLite pass did not: any change in a database step,
 * a mistake declared for given dialects, a change to the database layer's files, or (a wrong
 * submission's) edited text that talks to the database.
 * A mistake in CORS headers, token checks or the OpenAPI document answers the same whichever
 * database sits behind it, and the SQLite pass has already proved that its check catches it.
 */
export function reachesDatabase(slug: string, change: WrongSubmission | { folder: string; info: VariantInfo }): boolean {
  if (DATABASE_STEPS.has(slug) || ('dialects' in change && change.dialects)) return true;
  const files = changedFiles(change);
  if (files.some((f) => DATABASE_FILE.test(f))) return true;
  // A variant is whole files (routes and handlers call the services, so any of them reads as
  // database text): only its database layer's files count. A wrong submission is a small edit.
  if ('folder' in change) return false;
  const texts = [...(change.edits ?? []).flatMap((e) => [e.find, e.replace]), ...Object.values(change.files ?? {})];
  return texts.some((t) => DATABASE_TEXT.test(t));
}

/**
 * The seed that picks this run's sample of wrong submissions (see sampleWrong): WORKSHOP_SAMPLE_SEED
 * when set (to replay a run), else the commit checked out, so that CI's run of a commit can be
 * repeated exactly and successive commits go through different submissions.
 */
export function sampleSeed(root: string): string {
  if (process.env.WORKSHOP_SAMPLE_SEED) return process.env.WORKSHOP_SAMPLE_SEED;
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

/**
 * Which wrong submissions a run proves caught. Every check that some wrong submission targets
 * fails on one of them in every run; a check targeted by several takes one of them, chosen by the
 * seed, so each run still proves every check can fail and successive runs (a seed per commit) go
 * through all of them. `all` (WORKSHOP_THOROUGH=1) takes every one.
 * Why a sample: CI has 90 minutes, and the full set (some 380 check runs on SQLite, a third of them
 * again on MySQL) would fill most of them alone.
 */
export function sampleWrong<T extends { slug: string; name: string; caughtBy: string }>(cases: readonly T[], seed: string, all: boolean): Set<T> {
  if (all) return new Set(cases);
  const groups = new Map<string, T[]>();
  for (const c of cases) {
    const key = `${c.slug}\0${c.caughtBy}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const picked = new Set<T>();
  for (const [key, group] of groups) {
    const sorted = [...group].sort((a, b) => a.name.localeCompare(b.name));
    const n = createHash('sha256').update(`${seed}\0${key}`).digest().readUInt32BE(0);
    picked.add(sorted[n % sorted.length]!);
  }
  return picked;
}

/** How many correct variants of each step a plain run tries (see sampleVariants). */
export const VARIANTS_PER_STEP = 2;
/**
 * Fewer for step 06, whose variants are suites written differently: each runs some thirty vitest
 * runs of its own (2 to 4.5 minutes), and two of them were the longest part of CI's 90 minutes.
 */
const VARIANTS_OF: Readonly<Record<string, number>> = { '06-testing': 1 };
export const variantsPerStep = (slug: string): number => VARIANTS_OF[slug] ?? VARIANTS_PER_STEP;

/**
 * Which correct variants a run tries: every one of a step that has VARIANTS_PER_STEP or fewer, a
 * pick of that many, chosen by the seed, of a step that has more, and one of step 06's (each runs
 * its suite against thirty planted bugs: minutes apiece). Successive commits go through all of them;
 * `all` (WORKSHOP_THOROUGH=1) takes every one.
 */
export function sampleVariants<T extends { slug: string; name: string }>(cases: readonly T[], seed: string, all: boolean): Set<T> {
  if (all) return new Set(cases);
  const picked = new Set<T>();
  for (const slug of new Set(cases.map((c) => c.slug))) {
    const rank = (c: T) => createHash('sha256').update(`${seed}\0${c.slug}\0${c.name}`).digest().readUInt32BE(0);
    const ofStep = cases.filter((c) => c.slug === slug).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
    for (const c of ofStep.slice(0, variantsPerStep(slug))) picked.add(c);
  }
  return picked;
}
