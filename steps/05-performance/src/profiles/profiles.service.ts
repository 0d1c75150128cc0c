import type { Sequelize } from 'sequelize';
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

  async function findOr404(username: string) {
    const user = !couldBeAUsername(username) ? null : await User.findOne({ where: { username } });
    if (!user) throw new NotFoundError('profile');
    return user;
  }

  async function profileOf(username: string, viewerId: number | undefined): Promise<ProfileRecord> {
    const user = await findOr404(username);
    const following = viewerId !== undefined && (await Follow.count({ where: { followerId: viewerId, followedId: user.id } })) > 0;
    return { username: user.username, bio: user.bio, image: user.image, following };
  }

  return {
    get: (username, viewer) => profileOf(username, viewer?.id),

    async follow(viewer, username) {
      const user = await findOr404(username);
      const existing = await Follow.findOne({ where: { followerId: viewer.id, followedId: user.id } });
      if (!existing) await Follow.create({ followerId: viewer.id, followedId: user.id, createdAt: clock() });
      return profileOf(username, viewer.id);
    },

    async unfollow(viewer, username) {
      const user = await findOr404(username);
      await Follow.destroy({ where: { followerId: viewer.id, followedId: user.id } });
      return profileOf(username, viewer.id);
    },
  };
}
