import type { WrongSubmission } from '../types.js';

// Left from debugging the report: with it.only, vitest runs that one test of the file and skips
// the others without a word (unless CI is set, where it refuses the run). The suite is green and
// a dozen tests no longer run.
export default {
  description: 'the updatedAt test still has the it.only it got while the bug was being debugged: the other tests of its file are silently skipped',
  caughtBy: 'your suite passes on the workshop’s reference code, within its time limit',
  edits: [
    {
      file: 'test/articles.test.ts',
      find: "  it('leaves the article untouched: favoriting and unfavoriting later do not move its updatedAt', async () => {",
      replace: "  it.only('leaves the article untouched: favoriting and unfavoriting later do not move its updatedAt', async () => {",
    },
  ],
} satisfies WrongSubmission;
