import type { WrongSubmission } from '../types.js';

export default {
  description: 'the test of deleting someone else’s comment was skipped while it was flaky, and never turned back on',
  caughtBy: 'your tests notice when anyone signed in can delete someone else\'s comment',
  edits: [{ file: 'test/social.test.ts', find: "  it('answers 403 when someone else deletes a comment, and keeps it', async () => {", replace: "  it.skip('answers 403 when someone else deletes a comment, and keeps it', async () => {" }],
} satisfies WrongSubmission;
