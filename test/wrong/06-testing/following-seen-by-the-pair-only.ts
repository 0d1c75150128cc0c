import type { WrongSubmission } from '../types.js';

export default {
  description: 'the following test looks at the two people of the follow only (the follower sees true, the followed sees false); nobody else ever reads the followed profile, so a `following` that means "has followers" passes',
  caughtBy: "your tests notice when a profile's `following` is true for every viewer once anyone follows them",
  edits: [
    {
      file: 'test/social.test.ts',
      find: `    // Someone who follows nobody: "following" is the viewer's, not "has followers".
    const asAda = await t.http().get(\`/api/profiles/\${star.username}\`).set(ada.auth);
    expect(asAda.body.profile.following).toBe(false);
`,
      replace: ``,
    },
  ],
} satisfies WrongSubmission;
