import type { WrongSubmission } from '../types.js';

export default {
  description: 'the feed test has a reader with no article of their own: "not the reader\'s own articles" is in its title and nowhere in its data',
  caughtBy: "your tests notice when the feed includes the reader's own articles",
  edits: [
    {
      file: 'test/lists.test.ts',
      find: `    const [older, newer] = await createArticles(t, writer, 2);
    await createArticle(t, reader);
    await createArticle(t, stranger);`,
      replace: `    const [older, newer] = await createArticles(t, writer, 2);
    await createArticle(t, stranger);`,
    },
  ],
} satisfies WrongSubmission;
