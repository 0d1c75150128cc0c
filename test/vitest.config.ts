import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname.replace(/^\/([A-Za-z]:)/, '$1'),
    include: ['test/**/*.test.ts'],
    // These tests run whole check runs (child processes): give them room, and never run more
    // files at once than the 2 cores of the development machine can carry.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
  },
});
