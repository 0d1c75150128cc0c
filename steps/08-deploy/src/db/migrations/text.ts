import type { QueryInterface, QueryInterfaceCreateTableOptions } from 'sequelize';

/*
 * How text compares, on both dialects alike (docs/03-database.md#collations). Every migration
 * that creates a table passes TABLE_OPTIONS; a column where case does not count uses
 * caseInsensitiveString.
 */

/**
 * `qi.createTable(name, columns, TABLE_OPTIONS)`. Without it a MySQL table takes the server's
 * default character set and collation, which is case-insensitive and, for utf8mb4_general_ci,
 * weighs every emoji the same: 'Tea' = 'tea', '🐱' = '💩'. utf8mb4_bin compares code points, as
 * SQLite does, and utf8mb4 stores every character (MySQL's "utf8" stops at three bytes: no emoji).
 * SQLite ignores both options.
 */
export const TABLE_OPTIONS = { charset: 'utf8mb4', collate: 'utf8mb4_bin' } as const satisfies QueryInterfaceCreateTableOptions;

/**
 * A VARCHAR compared without regard to case, on both dialects: usernames ('Ada' and 'ada' are one
 * user, whichever database runs). SQLite's NOCASE folds A-Z only and MySQL's utf8mb4_unicode_ci
 * folds all of Unicode (accents too: 'é' = 'e'); they agree on the letters, digits, _ . and - that
 * a username is made of.
 */
export function caseInsensitiveString(qi: QueryInterface, length: number): string {
  return qi.sequelize.getDialect() === 'mysql' ? `VARCHAR(${length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci` : `VARCHAR(${length}) COLLATE NOCASE`;
}
