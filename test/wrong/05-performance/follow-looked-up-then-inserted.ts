import type { WrongSubmission } from '../types.js';

export default {
  description: 'POST …/follow looks for the follow first and inserts it when there is none, as the starter did: with the unique index in place, two follows at once both find none and the second insert fails',
  caughtBy: "favorites has a unique index on (user_id, article_id) and follows one on (follower_id, followed_id), so favoriting or following twice, even at the same moment, counts once; an index starts with favorites.article_id; the indexes of earlier steps are still there",
  edits: [
    {
      file: 'src/profiles/profiles.service.ts',
      find: 'await db.transaction((transaction) => Follow.bulkCreate([{ followerId: viewer.id, followedId: user.id, createdAt: clock() }], { ignoreDuplicates: true, transaction }));',
      replace: 'if ((await Follow.count({ where: { followerId: viewer.id, followedId: user.id } })) === 0) await Follow.create({ followerId: viewer.id, followedId: user.id, createdAt: clock() });',
    },
  ],
} satisfies WrongSubmission;
