import type { z } from 'zod';
import { ValidationError, type ErrorMessages } from './errors.js';

/**
 * zod's issues in Conduit's envelope: each message under the field it is about (the first key of
 * its path: a bad tag is a problem of `tagList`), and under `rootKey` ("user", "article", …) when
 * the body itself is missing or not an object. A message appears once per field.
 */
export function toErrorMessages(issues: readonly z.core.$ZodIssue[], rootKey: string): ErrorMessages {
  const errors: ErrorMessages = {};
  for (const issue of issues) {
    const key = issue.path.length === 0 ? rootKey : String(issue.path[0]);
    const messages = (errors[key] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return errors;
}

/** The input as the schema reads it, or a ValidationError (422) listing every problem at once. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, rootKey: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toErrorMessages(result.error.issues, rootKey));
  return result.data;
}

/**
 * Like parseInput, but does not throw: the fields that are valid come back beside the problems of
 * the others, for rules that still need to look at them (is this email already taken?) so the
 * answer lists everything at once. A body that is not an object still throws.
 */
export function parseFields<S extends z.ZodObject>(schema: S, input: unknown, rootKey: string): { data: Partial<z.output<S>>; errors: ErrorMessages } {
  const result = schema.safeParse(input);
  if (result.success) return { data: result.data, errors: {} };
  const errors = toErrorMessages(result.error.issues, rootKey);
  if (errors[rootKey]) throw new ValidationError({ [rootKey]: errors[rootKey] });
  const fields = input as Record<string, unknown>;
  const data: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (errors[key]) continue;
    const parsed = field.safeParse(fields[key]);
    if (parsed.success && parsed.data !== undefined) data[key] = parsed.data;
  }
  return { data: data as Partial<z.output<S>>, errors };
}
