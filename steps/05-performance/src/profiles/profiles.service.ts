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

const NEVER_IN_A_USERNAME = /^$|[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface ProfilesService {
  get(username: string, viewer?: CurrentUser): Promise<ProfileRecord>;
  /** Following twice is following once; unfollowing someone not followed changes nothing. */
  follow(viewer: CurrentUser, username: string): Promise<ProfileRecord>;
  unfollow(viewer: CurrentUser, username: string): Promise<ProfileRecord>;
}

export function createProfilesService(db: Sequelize, clock: () => Date): ProfilesService {
  const { User, Follow } = db.models as unknown as Models;

  async function findOr404(username: string) {
    // No username has spaces at its ends, control characters or broken Unicode, so such a name is a
    // 404 before any query: MySQL's collations would find 'ada' for 'ada ', SQLite fails on a NUL.
    const user = NEVER_IN_A_USERNAME.test(username) || username !== username.trim() ? null : await User.findOne({ where: { username } });
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
