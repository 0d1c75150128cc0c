import path from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { ChildEvent } from '../lib/results.js';
import { TIMEOUT_ADVICE } from '../../checks/support/budget.js';

type Sender = (event: ChildEvent) => void;

function suitePath(test: TestCase): string[] {
  const names: string[] = [];
  let parent = test.parent;
  while (parent && parent.type === 'suite') {
    names.unshift(parent.name);
    parent = parent.parent;
  }
  return names;
}

interface SerializedErrorLike {
  message?: string;
  name?: string;
  stack?: string;
  summary?: string;
  expected?: unknown;
  actual?: unknown;
  /** A BlockedFailure's: what the check waits for. */
  needs?: string;
}

/** The explanation to show for a failed check: our own messages as they are, others trimmed. */
function explain(error: SerializedErrorLike | undefined): { message: string; learnerCode?: string; timedOut?: boolean; blocked?: boolean; needs?: string } {
  if (!error) return { message: 'failed without an error message' };
  if (error.name === 'LearnerCodeError') return { message: error.message ?? '', learnerCode: error.message };
  if (error.name === 'CheckFailure') return { message: error.message ?? '' };
  if (error.name === 'TimeoutFailure') return { message: error.message ?? '', timedOut: true };
  if (error.name === 'BlockedFailure') return { message: error.message ?? '', blocked: true, ...(typeof error.needs === 'string' && { needs: error.needs }) };
  const first = `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message ?? ''}`;
  // Vitest's own limit for a whole check (checks/support/budget.ts sets it generously).
  if (/^Error: Test timed out in \d+ms/.test(first.trim()) || /Test timed out in \d+ms/.test(error.message ?? '')) {
    const ms = Number(/timed out in (\d+)ms/.exec(error.message ?? '')?.[1] ?? 0);
    return {
      message: [
        `Expected: the check to finish`,
        `Got:      it was still running after ${Math.round(ms / 1000)} s`,
        `Try:      ${TIMEOUT_ADVICE}`,
      ].join('\n'),
      timedOut: true,
    };
  }
  return { message: first.trim() };
}

/** Over the IPC channel the runner opened; on stdout when started by hand. */
const toRunner: Sender = (event) => {
  if (process.send) process.send(event);
  else process.stdout.write(`${JSON.stringify(event)}\n`);
};

/** Streams each result to the runner as it happens, so a run killed midway still reports. */
export default class IpcReporter implements Reporter {
  private readonly send: Sender = toRunner;

  private file(module: TestModule | TestCase['module']): string {
    return path.basename(module.moduleId);
  }

  onTestModuleCollected(module: TestModule): void {
    const tests = [...module.children.allTests()].map((t) => ({ title: t.name, path: suitePath(t) }));
    this.send({ type: 'collected', file: this.file(module), tests });
  }

  onTestCaseReady(test: TestCase): void {
    this.send({ type: 'started', file: this.file(test.module), title: test.name, path: suitePath(test) });
  }

  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    const state = result.state === 'passed' ? 'pass' : result.state === 'failed' ? 'fail' : 'skip';
    const meta = test.meta() as { lesson?: string; covers?: string[] };
    const { message, learnerCode, timedOut, blocked, needs } = state === 'fail' ? explain(result.errors?.[0] as SerializedErrorLike) : {};
    this.send({
      type: 'result',
      file: this.file(test.module),
      title: test.name,
      path: suitePath(test),
      state,
      durationMs: Math.round(test.diagnostic()?.duration ?? 0),
      ...(message !== undefined && { message }),
      ...(meta.lesson && { lesson: meta.lesson }),
      ...(meta.covers && { covers: meta.covers }),
      ...(timedOut && { timedOut }),
      ...(blocked && { blocked }),
      ...(needs && { needs }),
      ...(learnerCode && { learnerCode }),
    });
  }


  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedErrorLike>): void {
    for (const module of modules) {
      for (const error of module.errors()) {
        this.send({ type: 'file-error', file: this.file(module), message: explain(error as SerializedErrorLike).message });
      }
    }
    for (const error of unhandled) {
      this.send({ type: 'file-error', file: '(unhandled)', message: explain(error).message });
    }
    this.send({ type: 'done' });
  }
}
