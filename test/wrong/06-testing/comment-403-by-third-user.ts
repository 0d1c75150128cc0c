import type { WrongSubmission } from '../types.js';

// "Someone else" is a stranger who has nothing to do with the article. The interesting someone
// else is the article's author, whom an app may wrongly let moderate the comments under it.
export default {
  description: 'the 403 test for deleting someone else’s comment uses a third user with no link to the article; never the article’s author, who may not delete a reader’s comment either',
  caughtBy: "your tests notice when the author of an article can delete anyone's comment on it",
  edits: [
    {
      file: 'test/social.test.ts',
      find: `    const comment = await addComment(t, bob, article.slug);
    const res = await t.http().delete(\`/api/articles/\${article.slug}/comments/\${comment.id}\`).set(ada.auth);
    expect(res.status).toBe(403);`,
      replace: `    const comment = await addComment(t, bob, article.slug);
    const stranger = await registerUser(t, 'stranger');
    const res = await t.http().delete(\`/api/articles/\${article.slug}/comments/\${comment.id}\`).set(stranger.auth);
    expect(res.status).toBe(403);`,
    },
  ],
} satisfies WrongSubmission;
