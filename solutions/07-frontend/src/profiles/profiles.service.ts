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

/**
 * Whether `name` could be anyone's username: 1 to 64 letters, digits, _ . and - (the rule sign-up
 * applies). Anything else is nobody, before any query and alike on both dialects: MySQL compares
 * usernames with utf8mb4_unicode_ci, which folds accents and ignores trailing spaces ('áda' and
 * 'ada ' find 'ada'), SQLite's NOCASE folds A-Z only, and a NUL is an error to SQLite.
 */
export const couldBeAUsername = (name: string): boolean => /^[\w.-]{1,64}$/.test(name);

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
    if (!couldBeAUsername(username)) throw new NotFoundError('profile');
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
