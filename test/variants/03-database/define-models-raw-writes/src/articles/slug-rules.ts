/**
 * What a slug can never hold: whitespace, control characters (NUL included), half of a surrogate
 * pair, or more characters than the column's 255. Such a value names no article, so the services
 * answer 404 before any query: SQLite would fail on a NUL (a 500), and MySQL's PAD SPACE
 * collations would find 'hello-conduit' for 'hello-conduit ' (docs/03-database.md#collations).
 */
const NEVER_IN_A_SLUG = /[\s\p{Cc}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

export function isPossibleSlug(slug: string): boolean {
  return !NEVER_IN_A_SLUG.test(slug) && [...slug].length <= 255;
}
