import type { WrongSubmission } from '../types.js';

export default {
  description: 'the server calls sequelize.sync({ force: true }) at start-up, which drops and recreates every table',
  caughtBy: 'articles, their tags and comments created over HTTP are still there after the server restarts',
  edits: [
    {
      file: 'src/server.ts',
      find: "    db = await openDatabase(config.database, { logging: (sql) => logger.debug('sql', { sql }) });\n",
      replace: "    db = await openDatabase(config.database, { logging: (sql) => logger.debug('sql', { sql }) });\n    await db.sync({ force: true });\n",
    },
  ],
} satisfies WrongSubmission;
