/**
 * The shapes of the API, written once (docs/07-frontend.md#one-schema-for-validation-and-documentation).
 *
 * The example below declares the body of POST /api/users (registering) as a zod schema, with the
 * rules src/users/users.service.ts checks by hand today. Nothing uses it yet. The task: declare
 * every request body and every answer here, validate the bodies with these schemas instead of the
 * hand-written checks, and build the OpenAPI document from the same schemas (z.toJSONSchema), so
 * the validation and the documentation can never disagree.
 */
import { z } from 'zod';

const BLANK = "can't be blank";

/** A missing (or null) field is blank; a field of another type is not a string. */
const blankOrNotString = (issue: { input?: unknown }): string => (issue.input === undefined || issue.input === null ? BLANK : 'must be a string');

/** Letters, digits, _ . and -: a username ends up in URLs (/api/profiles/:username). Trimmed. */
export const Username = z
  .string({ error: blankOrNotString })
  // abort: a blank username is not also reported as the wrong shape, as readUsername does.
  .refine((text) => text.trim() !== '', { error: BLANK, abort: true })
  .trim()
  .regex(/^[\w.-]{1,64}$/, { error: 'must be 1 to 64 letters, digits, _ . or -' })
  // .meta() adds to what the document says about the field; the rules above become JSON Schema by themselves.
  .meta({ description: '1 to 64 letters, digits, _ . or -', examples: ['jake'] });

// Email and Password are yours: the same messages, in the same order, as readEmail and readPassword.

export const RegisterUser = z.object({ username: Username /* , email: Email, password: Password */ }, { error: 'is required: send {"user": {…}}' });

/** What the schema reads, as a TypeScript type: write the type once too. */
export type RegisterUserInput = z.output<typeof RegisterUser>;

// What the document will hold for it (try it: npx tsx -e "…" or a test):
//   z.toJSONSchema(RegisterUser, { io: 'input' })
//   → { type: 'object', properties: { username: { type: 'string', pattern: '^[\\w.-]{1,64}$', … } }, required: ['username'], … }
