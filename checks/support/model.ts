/**
 * Model-based checks: seeded random sequences of requests, each answer compared with a small
 * model of what the API should do. Examples catch the mistakes someone thought of; sequences
 * catch the ones nobody did (a delete that leaves a tag behind, a count that drifts after an
 * update, a page that repeats an article after a rename).
 *
 * A failure is shrunk by fast-check to the shortest sequence that still fails, replayed once
 * more to record it, and printed as the requests the learner can send by hand, with the seed and
 * the command that replays it. Runs are bounded in number and length, never in time: every
 * machine tries the same sequences, so a slow one gives the verdict a fast one gives. Only the
 * shrinking of a failure stops at a time budget. Two steps after its own, a check tries a third of
 * its sequences (runsOf).
 */
import fc from 'fast-check';
import { CheckFailure, describeResponse } from './expect.js';
import { api, type Response, type SendOptions } from './http.js';
import { budget } from './budget.js';
import { ENV } from '../../runner/lib/results.js';
import { requirement, type RequirementOptions } from './requirement.js';
import { currentStep } from './steps.js';

/** One request of a sequence, as sent and as answered. */
export interface Exchange {
  method: string;
  path: string;
  body?: unknown;
  status: number;
  answer: string;
}

type Verb = 'get' | 'post' | 'put' | 'delete';
type Http = ReturnType<typeof api>;

/** `api(app)` that writes every exchange into the sequence's transcript. */
export type RecordingHttp = Http & { transcript: Exchange[] };

export function recording(app: Parameters<typeof api>[0], headers: () => Record<string, string> = () => ({})): RecordingHttp {
  const http = api(app);
  const transcript: Exchange[] = [];
  const wrap =
    (verb: Verb) =>
    async (path: string, options: SendOptions = {}): Promise<Response> => {
      const res = await http[verb](path, { ...options, headers: { ...headers(), ...options.headers } });
      transcript.push({ method: verb.toUpperCase(), path, ...(options.json !== undefined && { body: options.json }), status: res.status, answer: describeResponse(res) });
      return res;
    };
  return { get: wrap('get'), post: wrap('post'), put: wrap('put'), patch: http.patch, delete: wrap('delete'), transcript };
}

export interface SequenceSpec<Op, Model, Sut extends { http: RecordingHttp }> {
  /** One operation of a sequence (fast-check arbitrary). Operations are data, so they shrink and print. */
  op: fc.Arbitrary<Op>;
  /** Longest sequence tried (default 12). */
  maxOps?: number;
  /** Sequences tried (default 30). */
  runs?: number;
  /** A fresh system under test for every sequence: a fresh app, an empty database. */
  start: () => Promise<Sut>;
  /** A fresh model for every sequence. */
  model: () => Model;
  /**
   * Performs one operation on the app (through `sut.http`) and on the model, and compares: throws
   * a CheckFailure (fail/ensure) on the first difference.
   */
  apply: (op: Op, model: Model, sut: Sut) => Promise<void>;
  /** Runs after the whole sequence: compares the state the sequence left (lists, counts). */
  finally?: (model: Model, sut: Sut) => Promise<void>;
}

/** The seed: `--seed` (WORKSHOP_SEED) when given, else one fixed per check, so a verdict never flips between runs. */
export function seedFor(title: string): number {
  const given = process.env[ENV.seed];
  if (given !== undefined && given !== '' && Number.isInteger(Number(given))) return Number(given);
  let h = 2166136261;
  for (const ch of title) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h | 0;
}

const MAX_SHOWN = 300;
const short = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);

/** The transcript as the learner can replay it by hand. */
export function formatTranscript(transcript: Exchange[]): string {
  return transcript
    .map((x, i) => `  ${String(i + 1).padStart(2)}. ${x.method} ${x.path}${x.body !== undefined ? ` ${short(JSON.stringify(x.body))}` : ''}\n      → ${short(x.answer)}`)
    .join('\n');
}

/**
 * How many sequences a check tries in the project under test. All of them in its own step and in
 * the next (which often rewrites what they exercise: step 03 moves step 02's store into SQL); a
 * third from two steps on, where it guards against a regression in code whose rules two sequence
 * checks have explored in full already. The same seed gives the same first sequences, so a
 * failure seen there is the one the full run finds first.
 */
export function runsOf(runs: number, lesson: string): number {
  const own = /docs\/(\d\d)-/.exec(lesson)?.[1];
  const current = currentStep()?.slice(0, 2);
  if (own === undefined || current === undefined || Number(current) - Number(own) < 2) return runs;
  return Math.max(5, Math.ceil(runs / 3));
}

/**
 * A model-based check: `requirement()` whose body tries seeded random sequences of operations.
 * The title says the rule the sequences hold ("any sequence of creates, updates and deletes
 * leaves the list, the count and the tags as a model of them says").
 */
export function sequenceRequirement<Op, Model, Sut extends { http: RecordingHttp }>(
  title: string,
  options: RequirementOptions,
  spec: SequenceSpec<Op, Model, Sut>,
): void {
  requirement(title, { ...options, timeout: options.timeout ?? 30_000 }, async () => {
    const seed = seedFor(title);
    const runOnce = async (ops: Op[]): Promise<Sut> => {
      const sut = await spec.start();
      const model = spec.model();
      for (const op of ops) await spec.apply(op, model, sut);
      await spec.finally?.(model, sut);
      return sut;
    };
    // One sequence at a time. When the time budget interrupts fast-check, the sequence it was
    // running goes on in the background; the next one (shrinking, the replay) waits for it, or the
    // two would write into the same database at once and each see the other's rows.
    let previous: Promise<unknown> = Promise.resolve();
    const inTurn = (ops: Op[]): Promise<Sut> => {
      const run = previous.then(() => runOnce(ops));
      previous = run.catch(() => undefined);
      return run;
    };
    const property = fc.asyncProperty(fc.array(spec.op, { maxLength: spec.maxOps ?? 12 }), async (ops) => {
      await inTurn(ops);
    });
    // Every sequence of the seed is tried, however long that takes: stopping at a time limit would
    // let a slow machine try fewer sequences than a fast one and pass code the fast one fails.
    // The check's own timeout (retried, then reported as a timeout) is the backstop for a hang.
    const found = await fc.check(property, { seed, numRuns: runsOf(spec.runs ?? 30, options.lesson), endOnFailure: true });
    if (!found.failed) return;
    // Out of time inside a sequence: a timeout, retried with larger budgets, never shrunk.
    if (found.errorInstance instanceof CheckFailure && found.errorInstance.name === 'TimeoutFailure') throw found.errorInstance;
    // Shrinking, from the failing sequence, is bounded in time: it keeps the shortest failing
    // sequence found when the budget runs out.
    const shrunk = await fc.check(property, {
      seed,
      path: found.counterexamplePath ?? undefined,
      interruptAfterTimeLimit: budget(12_000),
      markInterruptAsFailure: false,
    });
    const counterexample = shrunk.failed && shrunk.counterexample ? shrunk.counterexample : found.counterexample;
    if (!counterexample) throw found.errorInstance;
    const details = shrunk.failed ? shrunk : found;
    const [ops] = counterexample;
    // Once more, to record the requests of the shortest failing sequence and its failure.
    let transcript: Exchange[] = [];
    let failure: unknown = details.errorInstance;
    await previous;
    try {
      const sut = await spec.start();
      const model = spec.model();
      try {
        for (const op of ops) await spec.apply(op, model, sut);
        await spec.finally?.(model, sut);
        failure = details.errorInstance;
      } catch (err) {
        failure = err;
      }
      transcript = sut.http.transcript;
    } catch (err) {
      failure = err;
    }
    if (!(failure instanceof CheckFailure)) throw failure;
    // A timeout in a sequence is still a timeout: let the retry (budget.ts) have it.
    if (failure.name === 'TimeoutFailure') throw failure;
    const step = currentStep();
    const replay = `npm run check ${step ? Number(step.slice(0, 2)) : '<step>'} -- --only "${title}" --seed ${seed}`;
    throw new CheckFailure(
      failure.expected,
      `${failure.got}\n          after this sequence of ${transcript.length} request${transcript.length === 1 ? '' : 's'} (seed ${seed}; replay: ${replay}):\n${formatTranscript(transcript)
        .split('\n')
        .map((l) => `        ${l}`)
        .join('\n')}`,
      failure.lesson ?? options.lesson,
      failure.hint,
    );
  });
}
