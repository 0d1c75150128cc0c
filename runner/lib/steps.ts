/**
 * The course map. Everything that lists, names or resolves a step reads this table.
 */
export interface Step {
  readonly number: number;
  readonly slug: string;
  readonly title: string;
  /** One line: what the learner builds. */
  readonly summary: string;
  /** False for steps that are announced in the course map but not written yet. */
  readonly available: boolean;
  /**
   * Earlier steps whose checks still apply to this step's project. `check N` runs them too,
   * as "still working", so a learner sees at once when new work breaks old work. Step 06's are
   * not carried on: they grade the suite the learner wrote *in step 06*, against bugs planted in
   * that step's code, some twenty runs of it (minutes); later steps change both.
   */
  readonly earlier: readonly string[];
  /** Whether the step's project is an app that follows the step contract (src/app.ts + src/server.ts). */
  readonly hasApp: boolean;
  /**
   * The least time a whole check run of this step may take before the runner stops it, on the
   * development machine (default 180 s): step 06 runs the learner's suite some twenty times.
   */
  readonly runAtLeastMs?: number;
}

export const STEPS: readonly Step[] = [
  { number: 0, slug: '00-setup', title: 'Project setup', summary: 'npm init, dependencies, strict TypeScript, a dev loop, .env and a first server', available: true, earlier: [], hasApp: false },
  { number: 1, slug: '01-server', title: 'An Express server', summary: 'app factory, routing, middleware, request ids, logging, JSON errors', available: true, earlier: [], hasApp: true },
  { number: 2, slug: '02-api', title: 'A REST API', summary: 'Conduit articles and tags in memory: CRUD, slugs, validation, pagination', available: true, earlier: ['01-server'], hasApp: true },
  { number: 3, slug: '03-database', title: 'A real database', summary: 'Sequelize models, migrations, associations, comments, transactions', available: true, earlier: ['01-server', '02-api'], hasApp: true },
  { number: 4, slug: '04-security', title: 'Security', summary: 'register/login, bcrypt, JWT, ownership and admin role, helmet, rate limits', available: true, earlier: ['01-server', '02-api', '03-database'], hasApp: true },
  { number: 5, slug: '05-performance', title: 'Performance', summary: 'a slow social layer made fast: measure, eager loading, indexes, caching, compression', available: true, earlier: ['01-server', '02-api', '03-database', '04-security'], hasApp: true },
  { number: 6, slug: '06-testing', title: 'Testing and debugging', summary: 'your own vitest + supertest suite, graded by the bugs it notices, and a debugging exercise', available: true, earlier: ['01-server', '02-api', '03-database', '04-security', '05-performance'], hasApp: true, runAtLeastMs: 600_000 },
  { number: 7, slug: '07-frontend', title: 'Working with a front end', summary: 'CORS, one schema for validation, an OpenAPI document, a web client', available: true, earlier: ['01-server', '02-api', '03-database', '04-security', '05-performance'], hasApp: true },
  { number: 8, slug: '08-deploy', title: 'Deployment and operations', summary: 'Docker, config validation, health/readiness, graceful shutdown, logs, metrics', available: true, earlier: ['01-server', '02-api', '03-database', '04-security', '05-performance', '07-frontend'], hasApp: true },
];

export class UnknownStepError extends Error {}

/** Finds a step by number (`3`, `03`) or slug (`03-database`, `database`). */
export function findStep(name: string): Step {
  const wanted = name.trim().toLowerCase();
  const step = STEPS.find(
    (s) =>
      s.slug === wanted ||
      s.slug.slice(3) === wanted ||
      (/^\d+$/.test(wanted) && s.number === Number(wanted)),
  );
  if (!step) {
    const list = STEPS.map((s) => `${s.number} (${s.slug})`).join(', ');
    throw new UnknownStepError(`There is no step "${name}". The steps are: ${list}.`);
  }
  return step;
}

/**
 * Whoever writes a step that is not available yet sets WORKSHOP_DEV_STEPS=1 to use it like the
 * others (`npm run check 08 -- --solution`, test/tools/try.ts, the wrong submissions' test).
 */
export const devSteps = (): boolean => process.env.WORKSHOP_DEV_STEPS === '1';

/** Like findStep, but refuses steps that are announced and not written yet (unless WORKSHOP_DEV_STEPS=1). */
export function findAvailableStep(name: string): Step {
  const step = findStep(name);
  if (!step.available && !devSteps()) {
    const ready = STEPS.filter((s) => s.available).map((s) => s.slug).join(', ');
    throw new UnknownStepError(`Step ${step.slug} is coming soon. Ready now: ${ready}.`);
  }
  return step;
}

export const availableSteps = (): Step[] => STEPS.filter((s) => s.available);

/**
 * The latest step whose reference is the whole backend so far: what `npm run bench` and the
 * reliability suite put under load, so they measure the code a learner last copies from.
 */
export const latestAppStep = (): Step => availableSteps().filter((s) => s.hasApp).at(-1)!;
