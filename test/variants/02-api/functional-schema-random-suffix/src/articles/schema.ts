/**
 * Validation as data: each field has a rule, and one function reads a whole object against a
 * schema, collecting every problem. No library: the rules fit in a page.
 */
export type Check<T> = (value: unknown) => { value: T } | { problem: string };

const codePoints = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/** NUL, or a surrogate without its partner (encodeURIComponent refuses those with a URIError). */
export const storable = (text: string): boolean => {
  if (text.includes('\u0000')) return false;
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

export const text =
  (max: number): Check<string> =>
  (value) => {
    if (value === undefined || value === null) return { problem: "can't be blank" };
    if (typeof value !== 'string') return { problem: 'must be a string' };
    if (value.trim().length === 0) return { problem: "can't be blank" };
    if (!storable(value)) return { problem: 'contains a character that cannot be stored' };
    if (codePoints(value) > max) return { problem: `is too long (maximum is ${max} characters)` };
    return { value };
  };

export const tagList =
  (maxTags: number, maxLength: number): Check<string[]> =>
  (value) => {
    if (!Array.isArray(value)) return { problem: 'must be an array of strings' };
    const tags: string[] = [];
    for (const item of value) {
      if (typeof item !== 'string' || item.trim() === '') return { problem: 'must contain non-blank strings only' };
      if (!storable(item)) return { problem: 'contains a tag that cannot be stored' };
      if (codePoints(item.trim()) > maxLength) return { problem: `contains a tag over ${maxLength} characters` };
      tags.push(item.trim());
    }
    if (tags.length > maxTags) return { problem: `is too long (maximum is ${maxTags} tags)` };
    return { value: Array.from(new Set(tags)).sort() };
  };

export type Schema = Record<string, { check: Check<unknown>; optional?: boolean }>;
type Out<S extends Schema> = { [K in keyof S]?: S[K]['check'] extends Check<infer T> ? T : never };

/** Reads `input` against `schema`: the values, or every problem keyed by field. */
export function read<S extends Schema>(schema: S, input: Record<string, unknown>, partial: boolean): { values: Out<S>; problems: Record<string, string[]> } {
  const values: Record<string, unknown> = {};
  const problems: Record<string, string[]> = {};
  for (const [key, rule] of Object.entries(schema)) {
    const raw = input[key];
    if (raw === undefined && (partial || rule.optional)) continue;
    const result = rule.check(raw);
    if ('problem' in result) problems[key] = [result.problem];
    else values[key] = result.value;
  }
  return { values: values as Out<S>, problems };
}

export const articleSchema = {
  title: { check: text(255) },
  description: { check: text(1024) },
  body: { check: text(50_000) },
  tagList: { check: tagList(10, 64), optional: true },
} satisfies Schema;

/** ?limit / ?offset: digits only, within bounds; undefined when absent. */
export function count(raw: unknown, min: number, max: number): { value?: number } | { problem: string } {
  if (raw === undefined) return {};
  const ok = typeof raw === 'string' && raw.length > 0 && raw.length < 16 && [...raw].every((c) => c >= '0' && c <= '9');
  const n = ok ? Number(raw) : NaN;
  if (!ok || n < min || n > max) return { problem: `must be a whole number between ${min} and ${max}` };
  return { value: n };
}
