import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A fresh database per test file (test/support/db.ts): files can run side by side.
    pool: 'forks',
    // Real bcrypt, a real database: some tests take a moment. A hang still ends.
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
});
