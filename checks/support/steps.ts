/**
 * Which step is being checked, for the earlier steps' checks that run against a later step's
 * project ("still working from earlier steps"). They adapt in two ways only:
 *
 * - where a later lesson took a rule over (step 03 moves filtering into the database), the later
 *   lesson says so with `<!-- supersedes: 02-api#filtering-by-tag-and-author -->` under its own
 *   heading, and the check's lesson link (and so `npm run hint`) points there;
 * - where the API itself changed (from step 04 writing needs a token), the check asks
 *   `stepAtLeast('04-security')` and behaves as the later lesson says (see author.ts).
 */
import path from 'node:path';
import fs from 'node:fs';
import { ENV } from '../../runner/lib/results.js';
import { parseLesson } from '../../runner/lib/lesson.js';
import { ROOT } from '../../runner/lib/paths.js';
import { STEPS } from '../../runner/lib/steps.js';

const SLUG = /^\d\d-[\w-]+$/;

/** The slug of the step under test: the runner says; a check file run by hand guesses from the folder. */
export function currentStep(): string | undefined {
  const fromEnv = process.env[ENV.step];
  if (fromEnv && SLUG.test(fromEnv)) return fromEnv;
  const target = process.env[ENV.target];
  const base = target ? path.basename(path.resolve(target)) : undefined;
  return base && STEPS.some((s) => s.slug === base) ? base : undefined;
}

const numberOf = (slug: string): number => Number(slug.slice(0, 2));

/** True when the project under test is at `slug` or later (or unknown: the check's own step). */
export function stepAtLeast(slug: string): boolean {
  const current = currentStep();
  return current !== undefined && numberOf(current) >= numberOf(slug);
}

const SUPERSEDES = /<!--\s*supersedes:\s*([\w-]+#[\w-]+)\s*-->/g;
const takenOver = new Map<string, Map<string, string>>();

/** For one lesson: which earlier sections (`02-api#anchor`) its sections take over, and where to. */
function supersededBy(slug: string): Map<string, string> {
  let map = takenOver.get(slug);
  if (map) return map;
  map = new Map();
  const file = path.join(ROOT, 'docs', `${slug}.md`);
  if (fs.existsSync(file)) {
    for (const section of parseLesson(fs.readFileSync(file, 'utf8')).sections) {
      for (const m of section.body.matchAll(SUPERSEDES)) if (!map.has(m[1])) map.set(m[1], `docs/${slug}.md#${section.anchor}`);
    }
  }
  takenOver.set(slug, map);
  return map;
}

/**
 * The lesson link a check should show: its own, unless a step between the check's and the
 * current one (the latest first) took that section over.
 */
export function currentLesson(link: string): string {
  const m = /docs\/(\d\d-[\w-]+)\.md#([\w-]+)/.exec(link);
  const current = currentStep();
  if (!m || !current || numberOf(current) <= numberOf(m[1])) return link;
  const key = `${m[1]}#${m[2]}`;
  const later = STEPS.filter((s) => s.number > numberOf(m[1]) && s.number <= numberOf(current)).reverse();
  for (const step of later) {
    const found = supersededBy(step.slug).get(key);
    if (found) return found;
  }
  return link;
}
