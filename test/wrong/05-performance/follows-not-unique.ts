import type { WrongSubmission } from '../types.js';

export default {
  description: "only favorites got a unique index; follows can hold the same pair twice",
  caughtBy: "favorites has a unique index on (user_id, article_id) and follows one on (follower_id, followed_id), so favoriting or following twice, even at the same moment, counts once; an index starts with favorites.article_id; the indexes of earlier steps are still there",
  edits: [
    { file: "src/db/migrations/0006-index-follows-and-favorites.ts", find: "    await qi.addIndex('follows', ['follower_id', 'followed_id'], { name: 'follows_follower_id_followed_id', unique: true });", replace: "    await qi.addIndex('follows', ['follower_id', 'followed_id'], { name: 'follows_follower_id_followed_id' });" },
    { file: "src/profiles/profiles.service.ts", find: "      await db.transaction((transaction) => Follow.bulkCreate([{ followerId: viewer.id, followedId: user.id, createdAt: clock() }], { ignoreDuplicates: true, transaction }));", replace: "      if ((await Follow.count({ where: { followerId: viewer.id, followedId: user.id } })) === 0) await Follow.create({ followerId: viewer.id, followedId: user.id, createdAt: clock() });" },
  ],
} satisfies WrongSubmission;
