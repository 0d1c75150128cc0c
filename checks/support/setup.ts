/** Loaded before every check file (see runner/vitest/child.ts). */
import { afterAll } from 'vitest';
import { closeDatabases } from './db.js';

afterAll(async () => {
  await closeDatabases();
});
