import { z } from 'zod';
import { ValidationError, type ErrorMessages } from '../http/errors.js';

/*
 * The bodies of the user routes as zod schemas. Each reports every problem at once; `parse` turns
 * zod's issues into the Conduit envelope, keyed by the field.
 */

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_MESSAGE = 'must not contain a NUL character or broken Unicode';
export const MAX_BIO = 1000;
export const MAX_IMAGE = 2048;

const blankOrWrongType = (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? "can't be blank" : 'must be a string');

const storable = z
  .string({ error: blankOrWrongType })
  .refine((s) => !UNSTORABLE.test(s), { message: UNSTORABLE_MESSAGE, abort: true })
  .refine((s) => s.trim() !== '', { message: "can't be blank", abort: true });

/** ASCII letters, digits, _ . and -: the characters both dialects fold to the same case (docs/03-database.md#collations). */
const username = storable.transform((s) => s.trim()).pipe(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1 to 64 letters, digits, _ . or -'));

/** Kept in lower case: Ada@Example.com and ada@example.com are one account. */
const email = storable.transform((s) => s.trim().toLowerCase()).pipe(z.string().max(255, 'is too long').regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'is not a valid email address'));

/** As sent (no trimming: spaces are characters of a password), 8 characters to 72 bytes (bcrypt reads no further). */
const password = z
  .string({ error: blankOrWrongType })
  .refine((s) => s !== '', { message: "can't be blank", abort: true })
  .refine((s) => !UNSTORABLE.test(s), { message: UNSTORABLE_MESSAGE, abort: true })
  .refine((s) => s.length >= 8, { message: 'is too short (at least 8 characters)', abort: true })
  .refine((s) => Buffer.byteLength(s) <= 72, 'is too long (at most 72 bytes)');

const optionalText = (max: number) =>
  z
    .string({ error: 'must be a string or null' })
    .refine((s) => !UNSTORABLE.test(s), { message: UNSTORABLE_MESSAGE, abort: true })
    .refine((s) => [...s].length <= max, `is too long (at most ${max} characters)`)
    .nullable()
    .optional();

export const registration = z.object({ username, email, password });

export const credentials = z.object({
  email: storable.transform((s) => s.trim().toLowerCase()),
  password: z
    .string({ error: blankOrWrongType })
    .refine((s) => s !== '', { message: "can't be blank", abort: true })
    .refine((s) => !UNSTORABLE.test(s), UNSTORABLE_MESSAGE),
});

export const profileChanges = z
  .object({
    username: username.optional(),
    email: email.optional(),
    password: password.optional(),
    bio: optionalText(MAX_BIO),
    image: optionalText(MAX_IMAGE),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'needs at least one of email, username, password, bio, image', path: ['user'] });

/** The `user` wrapper, then the schema; a 422 naming each field that is wrong. */
export function parseUserBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationError({ user: ['is required: send {"user": {…}}'] });
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors: ErrorMessages = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'user');
    if (!errors[key]?.includes(issue.message)) (errors[key] ??= []).push(issue.message);
  }
  throw new ValidationError(errors);
}
