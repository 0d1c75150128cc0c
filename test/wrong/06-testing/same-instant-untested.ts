import type { WrongSubmission } from '../types.js';

export default {
  description: 'the same-instant test moves the clock between its articles "to keep the order obvious": no two articles ever share a createdAt, and the tiebreak goes untested',
  caughtBy: 'your tests notice when articles written at the same instant are listed oldest first',
  edits: [
    {
      file: 'test/lists.test.ts',
      find: `    const second = await createArticle(t, ada, { tagList: [tag] });
    const third = await createArticle(t, ada, { tagList: [tag] });
    expect(first.createdAt).toBe(third.createdAt);`,
      replace: `    t.clock.advance(1000);
    const second = await createArticle(t, ada, { tagList: [tag] });
    t.clock.advance(1000);
    const third = await createArticle(t, ada, { tagList: [tag] });`,
    },
  ],
} satisfies WrongSubmission;
