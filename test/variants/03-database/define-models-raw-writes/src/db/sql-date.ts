import type { Sequelize } from 'sequelize';

/**
 * A Date as a DATETIME(3) literal for a plain-SQL replacement, milliseconds kept. Sequelize's own
 * escaping of a Date in a replacement formats it for a DATETIME without a length: MySQL would
 * get whole seconds. The connection runs in UTC ('+00:00'); SQLite gets the text Sequelize
 * itself writes there ('2024-03-01 09:00:01.250 +00:00'), so rows compare and sort alike.
 */
export function sqlDate(db: Sequelize, date: Date): string {
  const utc = date.toISOString().replace('T', ' ').replace('Z', '');
  return db.getDialect() === 'sqlite' ? `${utc} +00:00` : utc;
}
