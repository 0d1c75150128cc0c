import type { WrongSubmission } from '../types.js';

// articlesCount is checked only where every match fits on the page: there the page size and the
// number of matches are the same number.
export default {
  description: 'the paging tests check the slugs of each page but not articlesCount; the count is only checked on lists that fit on one page',
  caughtBy: 'your tests notice when articlesCount counts the articles of the page, not every match',
  edits: [
    { file: 'test/lists.test.ts', find: '    expect([page1.body.articlesCount, page2.body.articlesCount, page3.body.articlesCount]).toEqual([5, 5, 5]);\n', replace: '' },
    { file: 'test/lists.test.ts', find: '    expect(first.body.articlesCount).toBe(5);\n', replace: '' },
  ],
} satisfies WrongSubmission;
