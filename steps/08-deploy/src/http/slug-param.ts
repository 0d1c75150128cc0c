import type { RequestParamHandler } from 'express';
import { NotFoundError } from './errors.js';

/** Whitespace, control characters (NUL included) and half of a surrogate pair. */
const NEVER_IN_A_SLUG = /[\s\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The slug column's size: a longer slug names no article. */
export const MAX_SLUG_LENGTH = 255;

/**
 * `router.param('slug', slugParam())`: a `:slug` that no article can have answers 404 at once,
 * before any query. Slugs are made from titles and hold no spaces or control characters, so
 * such a value names nothing, and the database should never see it: SQLite fails on a NUL
 * character (a 500), and MySQL's collations ignore trailing spaces ('hello-conduit ' finds
 * 'hello-conduit'). docs/03-database.md#collations
 */
export function slugParam(): RequestParamHandler {
  return (_req, _res, next, slug: string) => {
    next(NEVER_IN_A_SLUG.test(slug) || slug.length > MAX_SLUG_LENGTH ? new NotFoundError('article') : undefined);
  };
}
