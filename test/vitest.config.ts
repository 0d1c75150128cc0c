import { defineConfig } from 'vitest/config';

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
  },
});
