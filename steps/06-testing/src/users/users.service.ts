import { Op, type Sequelize } from 'sequelize';
import type { CurrentUser } from '../auth/current-user.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/passwords.js';
import type { AttemptLimiter } from '../auth/rate-limit.js';
import type { Models, User } from '../db/models.js';
import { TooManyRequestsError, UnauthorizedError, ValidationError, type ErrorMessages } from '../http/errors.js';

/** The rules about accounts. No req, no res, and never a password hash on the way out. */
export interface UsersService {
  /** `client` identifies the caller for the rate limits (the IP address). */
  register(input: unknown, client: string): Promise<CurrentUser>;
  login(input: unknown, client: string): Promise<CurrentUser>;
  findById(id: number): Promise<CurrentUser | undefined>;
  update(user: CurrentUser, input: unknown): Promise<CurrentUser>;
}

export interface UsersServiceDeps {
  db: Sequelize;
  clock: () => Date;
  /** The rate limits (src/auth/rate-limit.ts), one limiter each. */
  limits: UserLimits;
}

export interface UserLimits {
  /** Failed logins per client address and email. */
  loginAttempts: AttemptLimiter;
  /** Failed logins per client address, whatever the email. */
  clientLogins: AttemptLimiter;
  /** Registrations per client address. */
  registrations: AttemptLimiter;
}

/** The same answer for an unknown email and a wrong password: it must not tell which it was. */
const BAD_CREDENTIALS = { 'email or password': ['is invalid'] };
const MAX_EMAIL_LENGTH = 255;

/** Everything about a user that may leave this service: listed field by field, so nothing else can. */
const toCurrentUser = (u: User): CurrentUser => ({ id: u.id, username: u.username, email: u.email, bio: u.bio, image: u.image, role: u.role, tokenVersion: u.tokenVersion });

/** The longest bio and image URL, in characters (docs/04-security.md#the-current-user). */
export const MAX_BIO_LENGTH = 1000;
export const MAX_IMAGE_LENGTH = 2048;

export function createUsersService({ db, clock, limits }: UsersServiceDeps): UsersService {
  const { User } = db.models as unknown as Models;
  const { loginAttempts, clientLogins, registrations } = limits;

  /** Adds "has already been taken" for the email and username another user (not `exceptId`) has. */
  async function checkTaken(errors: ErrorMessages, fields: { email?: string; username?: string }, exceptId?: number): Promise<void> {
    const others = exceptId === undefined ? {} : { id: { [Op.ne]: exceptId } };
    for (const field of ['email', 'username'] as const) {
      const value = fields[field];
      if (value !== undefined && !errors[field] && (await User.count({ where: { [field]: value, ...others } })) > 0) {
        addError(errors, field, 'has already been taken');
      }
    }
  }

  return {
    async register(input, client) {
      const user = requireUserObject(input);
      const errors: ErrorMessages = {};
      const username = readUsername(errors, user.username);
      const email = readEmail(errors, user.email);
      const password = readPassword(errors, user.password);
      throwIfAny(errors);
      // Counted before anything else happens, "has already been taken" included: that answer
      // tells whether an email has an account, so asking it a thousand times is throttled too.
      const wait = registrations.take(client);
      if (wait > 0) throw new TooManyRequestsError(wait, { registration: ['too many accounts from this address; try again later'] });
      await checkTaken(errors, { email, username });
      throwIfAny(errors);
      const now = clock();
      // Only these fields: a "role" (or anything else) in the body is ignored, never copied in.
      const created = await User.create({
        username: username!,
        email: email!,
        passwordHash: await hashPassword(password!),
        bio: null,
        image: null,
        createdAt: now,
        updatedAt: now,
      });
      return toCurrentUser(created);
    },

    async login(input, client) {
      const credentials = requireUserObject(input);
      const errors: ErrorMessages = {};
      const email = readEmail(errors, credentials.email, { format: false });
      const password = typeof credentials.password === 'string' && credentials.password !== '' ? credentials.password : undefined;
      if (password === undefined) addError(errors, 'password', "can't be blank");
      else if (UNSTORABLE.test(password)) addError(errors, 'password', UNSTORABLE_MESSAGE);
      throwIfAny(errors);
      // No account has a longer email (registration refuses one): such a login fails here, before
      // the email becomes part of a key of the attempt limits, which keep every key for the whole
      // window: 95 kB emails, 50 per client address, would grow the process by 5 MB per address.
      if (email !== undefined && email.length > MAX_EMAIL_LENGTH) throw new UnauthorizedError(BAD_CREDENTIALS);

      // Take this attempt from both limits *before* the slow password check, and give it back if
      // the password is right. Checking "are they over the limit?" first and counting the failure
      // after the check would let 50 guesses sent at once all through: each would ask before any
      // had failed (check-then-act).
      const key = `${client}|${email}`;
      const clientWait = clientLogins.take(client);
      if (clientWait > 0) throw new TooManyRequestsError(clientWait);
      const wait = loginAttempts.take(key);
      if (wait > 0) clientLogins.giveBack(client);
      if (wait > 0) throw new TooManyRequestsError(wait);

      // The one query that reads the hash.
      const user = await User.scope('withPassword').findOne({ where: { email: email! } });
      // An unknown email is checked against a dummy hash: the same work, the same time, the same answer.
      const ok = await verifyPassword(password!, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) {
        // A failure keeps both attempts counted.
        throw new UnauthorizedError(BAD_CREDENTIALS);
      }
      loginAttempts.reset(key);
      clientLogins.giveBack(client);
      return toCurrentUser(user);
    },

    async findById(id) {
      const user = await User.findByPk(id);
      return user ? toCurrentUser(user) : undefined;
    },

    async update(current, input) {
      const fields = requireUserObject(input);
      const errors: ErrorMessages = {};
      const changes: { email?: string; username?: string; passwordHash?: string; bio?: string | null; image?: string | null } = {};
      if (fields.email !== undefined) changes.email = readEmail(errors, fields.email);
      if (fields.username !== undefined) changes.username = readUsername(errors, fields.username);
      const password = fields.password === undefined ? undefined : readPassword(errors, fields.password);
      for (const [field, max] of [['bio', MAX_BIO_LENGTH], ['image', MAX_IMAGE_LENGTH]] as const) {
        const value = fields[field];
        if (value === undefined) continue;
        if (value !== null && typeof value !== 'string') addError(errors, field, 'must be a string or null');
        else if (value !== null && UNSTORABLE.test(value)) addError(errors, field, UNSTORABLE_MESSAGE);
        else if (value !== null && [...value].length > max) addError(errors, field, `is too long (at most ${max} characters)`);
        else changes[field] = value;
      }
      // The caller's own current email and username are not "taken": exclude their row.
      await checkTaken(errors, changes, current.id);
      throwIfAny(errors);
      if (password !== undefined) changes.passwordHash = await hashPassword(password);
      if (Object.keys(changes).length === 0) {
        throw new ValidationError({ user: ['needs at least one of email, username, password, bio, image'] });
      }
      // A new password ends every token issued before it: their version no longer matches.
      const tokens = password !== undefined ? { tokenVersion: db.literal('token_version + 1') as unknown as number } : {};
      await User.update({ ...changes, ...tokens, updatedAt: clock() }, { where: { id: current.id } });
      const updated = await User.findByPk(current.id);
      if (!updated) throw new UnauthorizedError({ token: ['is invalid'] });
      return toCurrentUser(updated);
    },
  };
}

// ── Validation: everything below reads `unknown` input and returns typed values or adds errors.

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function addError(errors: ErrorMessages, key: string, message: string): void {
  (errors[key] ??= []).push(message);
}

function throwIfAny(errors: ErrorMessages): void {
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

function requireUserObject(input: unknown): Record<string, unknown> {
  if (!isObject(input)) throw new ValidationError({ user: ['is required: send {"user": {…}}'] });
  return input;
}

/** NUL and half of a surrogate pair: text no database keeps as sent (docs/02-api.md#limits). */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_MESSAGE = 'must not contain a NUL character or broken Unicode';

function readString(errors: ErrorMessages, field: string, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    addError(errors, field, value === undefined || value === null ? "can't be blank" : 'must be a string');
    return undefined;
  }
  if (value.trim() === '') {
    addError(errors, field, "can't be blank");
    return undefined;
  }
  if (UNSTORABLE.test(value)) {
    addError(errors, field, UNSTORABLE_MESSAGE);
    return undefined;
  }
  return value;
}

/** Letters, digits, _ . and -: a username ends up in URLs (/api/profiles/:username). */
function readUsername(errors: ErrorMessages, value: unknown): string | undefined {
  const username = readString(errors, 'username', value)?.trim();
  if (username === undefined) return undefined;
  if (!/^[\w.-]{1,64}$/.test(username)) {
    addError(errors, 'username', 'must be 1 to 64 letters, digits, _ . or -');
    return undefined;
  }
  return username;
}

/** Emails are compared in lower case: Ada@Example.com and ada@example.com are one account. */
function readEmail(errors: ErrorMessages, value: unknown, { format = true } = {}): string | undefined {
  const email = readString(errors, 'email', value)?.trim().toLowerCase();
  if (email === undefined) return undefined;
  if (format && (email.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) {
    addError(errors, 'email', 'is not a valid email address');
    return undefined;
  }
  return email;
}

/** At least 8 characters; at most 72 bytes, because bcrypt ignores everything after that. */
function readPassword(errors: ErrorMessages, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') {
    addError(errors, 'password', value === undefined || value === null || value === '' ? "can't be blank" : 'must be a string');
    return undefined;
  }
  // bcrypt stops reading at a NUL byte: "secret\u0000anything" would be the password "secret".
  if (UNSTORABLE.test(value)) addError(errors, 'password', UNSTORABLE_MESSAGE);
  else if (value.length < 8) addError(errors, 'password', 'is too short (at least 8 characters)');
  else if (Buffer.byteLength(value) > 72) addError(errors, 'password', 'is too long (at most 72 bytes)');
  else return value;
  return undefined;
}
