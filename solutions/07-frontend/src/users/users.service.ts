import { Op, type Sequelize } from 'sequelize';
import type { CurrentUser } from '../auth/current-user.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/passwords.js';
import type { AttemptLimiter } from '../auth/rate-limit.js';
import type { Models, User } from '../db/models.js';
import { TooManyRequestsError, UnauthorizedError, ValidationError, type ErrorMessages } from '../http/errors.js';
import { LoginUser, MAX_EMAIL_LENGTH, RegisterUser, UpdateUser } from '../http/schemas.js';
import { parseFields, parseInput } from '../http/validation.js';

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

/** Everything about a user that may leave this service: listed field by field, so nothing else can. */
const toCurrentUser = (u: User): CurrentUser => ({ id: u.id, username: u.username, email: u.email, bio: u.bio, image: u.image, role: u.role, tokenVersion: u.tokenVersion });

// The longest bio and image URL: with the other rules of a user's fields, in src/http/schemas.ts.
export { MAX_BIO_LENGTH, MAX_IMAGE_LENGTH } from '../http/schemas.js';

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
      // Every problem of the fields at once (422), before anything is counted or looked up.
      const { username, email, password } = parseInput(RegisterUser, input, 'user');
      const errors: ErrorMessages = {};
      // Counted before anything else happens, "has already been taken" included: that answer
      // tells whether an email has an account, so asking it a thousand times is throttled too.
      const wait = registrations.take(client);
      if (wait > 0) throw new TooManyRequestsError(wait, { registration: ['too many accounts from this address; try again later'] });
      await checkTaken(errors, { email, username });
      throwIfAny(errors);
      const now = clock();
      // Only these fields: a "role" (or anything else) in the body is ignored, never copied in.
      const created = await User.create({
        username,
        email,
        passwordHash: await hashPassword(password),
        bio: null,
        image: null,
        createdAt: now,
        updatedAt: now,
      });
      return toCurrentUser(created);
    },

    async login(input, client) {
      const { email, password } = parseInput(LoginUser, input, 'user');
      // No account has a longer email (registration refuses one): such a login fails here, before
      // the email becomes part of a key of the attempt limits, which keep every key for the whole
      // window: 95 kB emails, 50 per client address, grew the process by 5 MB per address.
      if (email.length > MAX_EMAIL_LENGTH) throw new UnauthorizedError(BAD_CREDENTIALS);

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
      const user = await User.scope('withPassword').findOne({ where: { email } });
      // An unknown email is checked against a dummy hash: the same work, the same time, the same answer.
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
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
      // The valid fields come back beside the problems of the others: "has already been taken" is
      // still worth saying about a good email when the username beside it is bad.
      const { data, errors } = parseFields(UpdateUser, input, 'user');
      // Only the fields sent, and only these (the schema drops anything else): no role from a body.
      const { password, ...fields } = data;
      const changes: { email?: string; username?: string; passwordHash?: string; bio?: string | null; image?: string | null } = { ...fields };
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

function addError(errors: ErrorMessages, key: string, message: string): void {
  (errors[key] ??= []).push(message);
}

function throwIfAny(errors: ErrorMessages): void {
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}
