import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that run whole check runs by the hundred, longest first. Vitest's own order (longest
 * last time, else largest file first) knows nothing on a fresh clone and starts these small files
 * last: one worker then runs the longest of them alone for a quarter of an hour while the other
 * waits. Started first, they run side by side and the short files fill in around them.
 */
const LONGEST = ['test/steps.test.ts', 'test/wrong-submissions.test.ts', 'test/variants.test.ts', 'test/cli.test.ts', 'test/broken-projects.test.ts'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST.findIndex((name) => f.moduleId.replace(/\\/g, '/').endsWith(name));
      return i === -1 ? LONGEST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname.replace(/^\/([A-Za-z]:)/, '$1'),
    include: ['test/**/*.test.ts'],
    // Learners' projects kept as test data (correct variants, fixtures) have tests of their own:
    // the checks run those, vitest here must not.
    exclude: ['**/node_modules/**', 'test/variants/**', 'test/wrong/**', 'test/fixtures/**'],
    // These tests run whole check runs (child processes): give them room, and never run more
    // files at once than the 2 cores of the development machine can carry. A timeout here is a
    // backstop for a hang, not a speed limit: a busy CI machine makes a 30 s test take minutes.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
    sequence: { sequencer: LongestFirst },
  },
});
