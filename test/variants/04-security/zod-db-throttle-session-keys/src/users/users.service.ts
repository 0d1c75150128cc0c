import { randomBytes } from 'node:crypto';
import { QueryTypes, UniqueConstraintError, type Sequelize } from 'sequelize';
import type { CurrentUser } from '../auth/current-user.js';
import type { Limits } from '../auth/limits.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Role } from '../db/models.js';
import { TooManyRequestsError, UnauthorizedError, ValidationError, type ErrorMessages } from '../http/errors.js';
import { credentials, parseUserBody, profileChanges, registration } from './users.schemas.js';

export interface UsersService {
  register(input: unknown, client: string): Promise<CurrentUser>;
  login(input: unknown, client: string): Promise<CurrentUser>;
  findById(id: number): Promise<CurrentUser | undefined>;
  update(user: CurrentUser, input: unknown): Promise<CurrentUser>;
}

export interface UsersServiceDeps {
  db: Sequelize;
  clock: () => Date;
  limits: Limits;
}

const BAD_CREDENTIALS = { 'email or password': ['is invalid'] };

interface UserRow {
  id: number;
  username: string;
  email: string;
  bio: string | null;
  image: string | null;
  role: Role;
  session_key: string | null;
}

/** The columns that may leave this module; the hash is selected by name, only where it is compared. */
const PUBLIC = 'id, username, email, bio, image, role, session_key';

const toUser = (r: UserRow): CurrentUser => ({
  id: Number(r.id),
  username: r.username,
  email: r.email,
  bio: r.bio,
  image: r.image,
  role: r.role,
  sessionKey: r.session_key,
});

const newSessionKey = () => randomBytes(16).toString('base64url');

/**
 * Users in plain SQL with bind parameters ($1, $2, …): values travel apart from the SQL text, on
 * both dialects. Timestamps are written as UTC text with milliseconds.
 */
export function createUsersService({ db, clock, limits }: UsersServiceDeps): UsersService {
  const stamp = () => {
    const utc = clock().toISOString().replace('T', ' ').replace('Z', '');
    return db.getDialect() === 'sqlite' ? `${utc} +00:00` : utc;
  };
  const select = (sql: string, bind: unknown[]) => db.query<UserRow>(sql, { bind, type: QueryTypes.SELECT });

  async function byId(id: number): Promise<CurrentUser | undefined> {
    const [row] = await select(`SELECT ${PUBLIC} FROM users WHERE id = $1`, [id]);
    return row ? toUser(row) : undefined;
  }

  /** "has already been taken" for the email and username another user (any other id) has. */
  async function taken(errors: ErrorMessages, fields: { email?: string; username?: string }, ownId = 0): Promise<void> {
    if (fields.email === undefined && fields.username === undefined) return;
    // username's collation ignores case (migration 0001): 'Ada' finds 'ada'.
    const rows = await select('SELECT email, username FROM users WHERE (email = $1 OR username = $2) AND id <> $3', [fields.email ?? null, fields.username ?? null, ownId]);
    if (fields.email !== undefined && rows.some((r) => r.email === fields.email)) (errors.email ??= []).push('has already been taken');
    if (fields.username !== undefined && rows.some((r) => r.username.toLowerCase() === fields.username!.toLowerCase())) (errors.username ??= []).push('has already been taken');
  }

  /** Two requests that both found the email free: the unique index refuses the second one, a 422 too. */
  function clash(err: unknown): never {
    if (err instanceof UniqueConstraintError) {
      const text = `${JSON.stringify(err.fields ?? {})} ${err.message} ${String((err.parent as { message?: string } | undefined)?.message ?? '')}`;
      throw new ValidationError({ [/email/i.test(text) ? 'email' : 'username']: ['has already been taken'] });
    }
    throw err;
  }

  return {
    async register(input, client) {
      const fields = parseUserBody(registration, input);
      const wait = await limits.registrations.take(client);
      if (wait > 0) throw new TooManyRequestsError(wait, { registration: ['too many accounts from this address; try again later'] });
      const errors: ErrorMessages = {};
      await taken(errors, fields);
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const hash = await hashPassword(fields.password);
      const now = stamp();
      // Only these columns: a "role" in the body goes nowhere; the column's default makes a 'user'.
      const [id] = await db
        .transaction((transaction) =>
          db.query(
            'INSERT INTO users (username, email, password_hash, session_key, bio, image, created_at, updated_at) VALUES ($1, $2, $3, $4, NULL, NULL, $5, $5)',
            { bind: [fields.username, fields.email, hash, newSessionKey(), now], type: QueryTypes.INSERT, transaction },
          ),
        )
        .catch(clash);
      const user = await byId(Number(id));
      if (!user) throw new Error('the user just registered is gone');
      return user;
    },

    async login(input, client) {
      const { email, password } = parseUserBody(credentials, input);
      const key = `${client}\u0000${email}`;
      // Both attempts are taken before bcrypt runs; a right password gives them back.
      const clientWait = await limits.clientLogins.take(client);
      if (clientWait > 0) throw new TooManyRequestsError(clientWait);
      const wait = await limits.loginAttempts.take(key);
      if (wait > 0) {
        await limits.clientLogins.giveBack(client);
        throw new TooManyRequestsError(wait);
      }
      const [row] = await db.query<UserRow & { password_hash: string }>(`SELECT ${PUBLIC}, password_hash FROM users WHERE email = $1`, { bind: [email], type: QueryTypes.SELECT });
      // An unknown email costs a bcrypt comparison too: same time, same answer.
      const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
      if (!row || !ok) throw new UnauthorizedError(BAD_CREDENTIALS);
      await limits.loginAttempts.forget(key);
      await limits.clientLogins.giveBack(client);
      if (row.session_key === null) {
        // A row from before migration 0006: its first login draws its key.
        await db.transaction((transaction) =>
          db.query('UPDATE users SET session_key = $1 WHERE id = $2 AND session_key IS NULL', { bind: [newSessionKey(), row.id], transaction }),
        );
        const fresh = await byId(Number(row.id));
        if (!fresh) throw new UnauthorizedError(BAD_CREDENTIALS);
        return fresh;
      }
      return toUser(row);
    },

    findById: byId,

    async update(current, input) {
      const changes = parseUserBody(profileChanges, input);
      const errors: ErrorMessages = {};
      await taken(errors, changes, current.id);
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const columns: [string, unknown][] = [];
      if (changes.username !== undefined) columns.push(['username', changes.username]);
      if (changes.email !== undefined) columns.push(['email', changes.email]);
      if (changes.bio !== undefined) columns.push(['bio', changes.bio]);
      if (changes.image !== undefined) columns.push(['image', changes.image]);
      if (changes.password !== undefined) {
        // A new password, a new session key: every token issued before carries the old one.
        columns.push(['password_hash', await hashPassword(changes.password)], ['session_key', newSessionKey()]);
      }
      columns.push(['updated_at', stamp()]);
      const set = columns.map(([column], i) => `${column} = $${i + 1}`).join(', ');
      await db
        .transaction((transaction) =>
          db.query(`UPDATE users SET ${set} WHERE id = $${columns.length + 1}`, { bind: [...columns.map(([, v]) => v), current.id], transaction }),
        )
        .catch(clash);
      const updated = await byId(current.id);
      if (!updated) throw new UnauthorizedError({ token: ['is invalid'] });
      return updated;
    },
  };
}
