import type { WrongSubmission } from '../types.js';

export default {
  description: 'the list paging test reads the first page only (its slugs and articlesCount); ?offset= is only ever sent to the feed',
  caughtBy: 'your tests notice when the article list ignores ?offset= (every page is the first)',
  edits: [
    {
      file: 'test/lists.test.ts',
      find: `    const page2 = await t.http().get(\`/api/articles?tag=\${tag}&limit=2&offset=2\`);
    const page3 = await t.http().get(\`/api/articles?tag=\${tag}&limit=2&offset=4\`);
    expect([page1.status, page2.status, page3.status]).toEqual([200, 200, 200]);
    expect(slugsOf(page1.body)).toEqual([created[0].slug, created[1].slug]);
    expect(slugsOf(page2.body)).toEqual([created[2].slug, created[3].slug]);
    expect(slugsOf(page3.body)).toEqual([created[4].slug]);
    expect([page1.body.articlesCount, page2.body.articlesCount, page3.body.articlesCount]).toEqual([5, 5, 5]);`,
      replace: `    expect(page1.status).toBe(200);
    expect(slugsOf(page1.body)).toEqual([created[0].slug, created[1].slug]);
    expect(page1.body.articlesCount).toBe(5);`,
    },
  ],
} satisfies WrongSubmission;
