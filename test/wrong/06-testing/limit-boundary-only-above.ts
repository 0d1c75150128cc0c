import type { WrongSubmission } from '../types.js';

// One side of a boundary: 101 is refused, and nothing says 100 is still allowed.
export default {
  description: 'the limit test checks that ?limit=101 is refused and never that ?limit=100, the largest allowed, is accepted',
  caughtBy: 'your tests notice when a ?limit= of exactly 100 is refused',
  edits: [{ file: 'test/lists.test.ts', find: "    expect((await t.http().get('/api/articles?limit=100')).status).toBe(200);\n", replace: '' }],
} satisfies WrongSubmission;
