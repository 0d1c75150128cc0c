import { z } from 'zod';

/**
 * Request validation with the zod schemas of src/http/schemas.ts. Nothing here knows Conduit's
 * error envelope: a failure is thrown as zod's own ZodError, and the error handler
 * (src/http/error-handler.ts) is the one place that turns issues into `{ errors: { … } }`, 422.
 *
 * The value is parsed under the key it came in (`{ user: … }`, `{ article: … }`, `{ query: … }`),
 * so every issue's path starts with that key: ['user', 'email'] is about the email, and ['user']
 * alone is about the missing or malformed `user` itself. That is all the error handler needs.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, rootKey: string): z.output<S> {
  const wrapped = z.object({ [rootKey]: schema }).parse({ [rootKey]: input }) as Record<string, unknown>;
  return wrapped[rootKey] as z.output<S>;
}

/**
 * For rules that still need the valid fields when others are not (is this email taken?): the
 * fields that passed come back beside the issues of the others, and the caller throws them all
 * at once (`new z.ZodError(issues)`). A body that is not an object is thrown at once.
 */
export function parseFields<S extends z.ZodObject>(schema: S, input: unknown, rootKey: string): { data: Partial<z.output<S>>; issues: z.core.$ZodIssue[] } {
  const result = z.object({ [rootKey]: schema }).safeParse({ [rootKey]: input });
  if (result.success) return { data: (result.data as Record<string, unknown>)[rootKey] as z.output<S>, issues: [] };
  const issues = result.error.issues;
  const aboutTheWhole = issues.filter((issue) => issue.path.length <= 1);
  if (aboutTheWhole.length > 0) throw new z.ZodError(aboutTheWhole);
  const failed = new Set(issues.map((issue) => String(issue.path[1])));
  const fields = input as Record<string, unknown>;
  const data: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (failed.has(key)) continue;
    const parsed = field.safeParse(fields[key]);
    if (parsed.success && parsed.data !== undefined) data[key] = parsed.data;
  }
  return { data: data as Partial<z.output<S>>, issues };
}

/** An issue of our own (a rule zod cannot know, like "taken"), in the same form as zod's. */
export function issue(path: string[], message: string, input?: unknown): z.core.$ZodIssue {
  return { code: 'custom', path, message, input };
}
