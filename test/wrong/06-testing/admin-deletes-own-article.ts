import type { WrongSubmission } from '../types.js';

// The admin test promotes the article's own author: an author may delete their article anyway,
// so the test passes whether or not the role means anything.
export default {
  description: 'the admin test makes the article’s author an admin and has them delete it: an author may do that without any role, so the admin rule is never exercised',
  caughtBy: "your tests notice when an admin cannot delete someone else's article",
  edits: [
    {
      file: 'test/articles.test.ts',
      find: `    const article = await createArticle(t, ada);
    const moderator = await registerUser(t, 'moderator');
    await t.db.query`,
      replace: `    const moderator = await registerUser(t, 'moderator');
    const article = await createArticle(t, moderator);
    await t.db.query`,
    },
  ],
} satisfies WrongSubmission;
