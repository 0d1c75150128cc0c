import { literal, type Sequelize } from 'sequelize';
import type { CurrentUser } from '../auth/current-user.js';
import type { Models } from '../db/models.js';
import { NotFoundError } from '../http/errors.js';

/** A user as anyone may see them, and whether the viewer follows them (docs/conduit-api.md §4). */
export interface ProfileRecord {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

const NEVER_IN_A_USERNAME = /^$|[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface ProfilesService {
  get(username: string, viewer?: CurrentUser): Promise<ProfileRecord>;
  /** Following twice is following once; unfollowing someone not followed changes nothing. */
  follow(viewer: CurrentUser, username: string): Promise<ProfileRecord>;
  unfollow(viewer: CurrentUser, username: string): Promise<ProfileRecord>;
}

export function createProfilesService(db: Sequelize, clock: () => Date): ProfilesService {
  const { User, Follow } = db.models as unknown as Models;

  /** The user, and whether the viewer follows them, in one statement. */
  async function profileOf(username: string, viewerId: number | undefined): Promise<ProfileRecord & { id: number }> {
    // No username has spaces at its ends, control characters or broken Unicode, so such a name is a
    // 404 before any query: MySQL's collations would find 'ada' for 'ada ', SQLite fails on a NUL.
    if (NEVER_IN_A_USERNAME.test(username) || username !== username.trim()) throw new NotFoundError('profile');
    const user = (await User.findOne({
      where: { username },
      attributes: [
        'id',
        'username',
        'bio',
        'image',
        [literal(viewerId === undefined ? '0' : 'EXISTS (SELECT 1 FROM follows AS w WHERE w.followed_id = `User`.id AND w.follower_id = :viewerId)'), 'following'],
      ],
      replacements: { viewerId: viewerId ?? null },
      raw: true,
    })) as unknown as { id: number; username: string; bio: string | null; image: string | null; following: number | string } | null;
    if (!user) throw new NotFoundError('profile');
    return { id: user.id, username: user.username, bio: user.bio, image: user.image, following: Number(user.following) === 1 };
  }

  const publicPart = ({ username, bio, image, following }: ProfileRecord): ProfileRecord => ({ username, bio, image, following });

  return {
    get: async (username, viewer) => publicPart(await profileOf(username, viewer?.id)),

    async follow(viewer, username) {
      const user = await profileOf(username, viewer.id);
      // The unique index makes a second follow (even one sent at the same moment) a no-op.
      // In a transaction, so that a MySQL deadlock with a concurrent unfollow is run again (db/concurrency.ts).
      await db.transaction((transaction) => Follow.bulkCreate([{ followerId: viewer.id, followedId: user.id, createdAt: clock() }], { ignoreDuplicates: true, transaction }));
      return publicPart({ ...user, following: true });
    },

    async unfollow(viewer, username) {
      const user = await profileOf(username, viewer.id);
      await db.transaction((transaction) => Follow.destroy({ where: { followerId: viewer.id, followedId: user.id }, transaction }));
      return publicPart({ ...user, following: false });
    },
  };
}
