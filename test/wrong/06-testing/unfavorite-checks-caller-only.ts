import type { WrongSubmission } from '../types.js';

export default {
  description: 'the unfavorite test looks only at the caller’s own flag, not at what the others still have',
  caughtBy: 'your tests notice when unfavoriting an article removes everyone\'s favorite of it',
  edits: [
    {
      file: 'test/articles.test.ts',
      find: `    expect(res.body.article).toMatchObject({ favorited: false, favoritesCount: 1 });
    const asCy = await t.http().get(\`/api/articles/\${article.slug}\`).set(cy.auth);
    expect(asCy.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });`,
      replace: `    expect(res.body.article).toMatchObject({ favorited: false });`,
    },
  ],
} satisfies WrongSubmission;
