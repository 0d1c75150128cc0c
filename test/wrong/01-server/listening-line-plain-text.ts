import type { WrongSubmission } from '../types.js';

export default {
  description: 'the request lines go through the JSON logger, but server.ts announces itself with console.log("listening on …"), a plain-text line among the JSON ones',
  caughtBy: 'with PORT, NODE_ENV and LOG_LEVEL unset, the server listens on 3000 and prints each request as one JSON line',
  edits: [
    {
      file: 'src/server.ts',
      find: '    logger.info(`listening on http://localhost:${port}`, { port, env: config.env });',
      replace: '    console.log(`listening on http://localhost:${port}`);',
    },
  ],
} satisfies WrongSubmission;
