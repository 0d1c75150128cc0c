import type { WrongSubmission } from '../types.js';

export default {
  description: 'a test expects 200 from POST /api/users, where the API answers 201 Created: it fails on correct code',
  caughtBy: 'your suite passes on the workshop’s reference code, within its time limit',
  edits: [{ file: 'test/users.test.ts', find: '    expect(res.status).toBe(201);', replace: '    expect(res.status).toBe(200);' }],
} satisfies WrongSubmission;
