/**
 * Failure messages are the product: each says what was expected, what came back, and where the
 * lesson explains it. Checks throw CheckFailure through these helpers instead of bare expect().
 */
export class CheckFailure extends Error {
  constructor(
    readonly expected: string,
    readonly got: string,
    readonly lesson?: string,
    readonly hint?: string,
  ) {
    super(
      [
        `Expected: ${expected}`,
        `Got:      ${got}`,
        ...(hint ? [`Try:      ${hint}`] : []),
        ...(lesson ? [`Lesson:   ${lesson}`] : []),
      ].join('\n'),
    );
    this.name = 'CheckFailure';
  }
}

/**
 * An earlier step's check that cannot run yet because it builds on this step's new work (from
 * step 04 the step-02 checks write articles as a registered user, and registering is step 04's
 * task). It fails, and says so; it is not a regression of the earlier step.
 */
export class BlockedFailure extends CheckFailure {
  constructor(
    expected: string,
    got: string,
    lesson?: string,
    hint?: string,
    /** What it waits for, when not this step's work: "a Redis server". The checklist says so. */
    readonly needs?: string,
  ) {
    super(expected, got, lesson, hint);
    this.name = 'BlockedFailure';
  }
}

export interface Failure {
  expected: string;
  got: string;
  lesson?: string;
  hint?: string;
}

export function fail(f: Failure): never {
  throw new CheckFailure(f.expected, f.got, f.lesson, f.hint);
}

/** Fails with the given explanation unless `condition` holds. */
export function ensure(condition: unknown, f: Failure): asserts condition {
  if (!condition) fail(f);
}

/** The minimal response shape the helpers read (supertest's Response fits). */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text?: string;
  body?: unknown;
  req?: { method?: string; path?: string };
}

const MAX_BODY = 300;

/** One line that says what a response was: status, content type and the start of its body. */
export function describeResponse(res: HttpResponse): string {
  const type = String(res.headers['content-type'] ?? 'no content-type').split(';')[0];
  const raw = res.text ?? (res.body === undefined ? '' : JSON.stringify(res.body));
  const body = raw.length > MAX_BODY ? `${raw.slice(0, MAX_BODY)}…` : raw;
  return `${res.status} (${type}) ${body || '(empty body)'}`.trim();
}

export function requestLabel(res: HttpResponse): string {
  const req = res.req;
  return req?.method && req.path ? `${req.method} ${req.path}` : 'the request';
}

export function expectStatus(res: HttpResponse, status: number, lesson?: string, hint?: string): void {
  if (res.status !== status) {
    fail({
      expected: `${requestLabel(res)} answers ${status}`,
      got: describeResponse(res),
      lesson,
      hint,
    });
  }
}

export function isJson(res: HttpResponse): boolean {
  return /application\/json/i.test(String(res.headers['content-type'] ?? ''));
}

export function expectJson(res: HttpResponse, lesson?: string): void {
  if (!isJson(res)) {
    fail({
      expected: `${requestLabel(res)} answers with Content-Type: application/json`,
      got: describeResponse(res),
      lesson,
      hint: 'answer with res.json(...) (or res.status(...).json(...)), not res.send() with a string',
    });
  }
}

/** Asserts the body is a Conduit error envelope: { errors: { <key>: [string, ...] } }. */
export function expectErrorEnvelope(res: HttpResponse, lesson?: string): Record<string, string[]> {
  expectJson(res, lesson);
  const body = res.body as { errors?: unknown } | undefined;
  const errors = body?.errors;
  const ok =
    typeof errors === 'object' &&
    errors !== null &&
    !Array.isArray(errors) &&
    Object.keys(errors).length > 0 &&
    Object.values(errors).every((v) => Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === 'string'));
  if (!ok) {
    fail({
      expected: `${requestLabel(res)} answers with the Conduit error envelope {"errors": {"<field>": ["message"]}}`,
      got: describeResponse(res),
      lesson,
    });
  }
  return errors as Record<string, string[]>;
}

const STACK_LINE = /\bat (?:[\w$.<>[\] ]+ \()?(?:file:\/\/|node:|\/|[A-Za-z]:\\)[^)\n]*:\d+:\d+\)?/;

/** True when text contains something that looks like a stack frame (`at fn (/path/file.ts:3:7)`). */
export function containsStackTrace(text: string): boolean {
  return STACK_LINE.test(text);
}
