import type { WrongSubmission } from '../types.js';

export default {
  description: 'the unfollow test checks the answer (200, following: false) and never reads the profile again: an unfollow that answers right and keeps the follow goes unnoticed',
  caughtBy: 'your tests notice when unfollowing answers following: false and the follow stays',
  edits: [
    {
      file: 'test/social.test.ts',
      find: `    expect(res.body.profile).toMatchObject({ username: star.username, following: false });
    expect((await t.http().get(\`/api/profiles/\${star.username}\`).set(fan.auth)).body.profile.following).toBe(false);`,
      replace: `    expect(res.body.profile).toMatchObject({ username: star.username, following: false });`,
    },
  ],
} satisfies WrongSubmission;
