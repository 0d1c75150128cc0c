/**
 * `npm run migrate` (node dist/db/migrate.js): applies the pending migrations to the configured
 * database, then exits: 0 when the schema is up to date, 1 with one line saying why when it is not.
 * docs/08-deploy.md#migrations-before-the-app
 */
console.error('TODO(08-deploy) in src/db/migrate.ts: apply the pending migrations (migrate(db) from ./index.js) and exit');
process.exit(1);
