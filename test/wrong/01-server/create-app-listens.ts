import type { WrongSubmission } from '../types.js';

export default {
  description: 'createApp starts listening itself (app.listen(config.port)), and server.ts only calls it',
  caughtBy: 'GET /health answers 200 with JSON {"status": "ok"}, from an app that createApp only builds',
  edits: [
    { file: 'src/app.ts', find: 'export function createApp({ logger, clock = () => new Date() }: AppDeps): express.Express {', replace: 'export function createApp({ config, logger, clock = () => new Date() }: AppDeps): express.Express {' },
    { file: 'src/app.ts', find: '  app.use(errorHandler(logger));\n  return app;', replace: "  app.use(errorHandler(logger));\n  app.listen(config.port, () => logger.info(`listening on http://localhost:${config.port}`));\n  return app;" },
    {
      file: 'src/server.ts',
      find: '  const app = createApp({ config, logger });\n  const server = app.listen(config.port, (err?: Error) => {\n    // Express 5 calls this on a listen error too; the \'error\' listener below reports those.\n    if (err) return;\n    // The port really bound: with PORT=0 the system picks one, and config.port is 0.\n    const { port } = server.address() as AddressInfo;\n    logger.info(`listening on http://localhost:${port}`, { port, env: config.env });\n  });\n  server.on(\'error\', (err: NodeJS.ErrnoException) => {\n    logger.error(err.code === \'EADDRINUSE\' ? `port ${config.port} is already in use: set PORT in .env to another port` : err.message);\n    process.exit(1);\n  });\n',
      replace: '  createApp({ config, logger });\n',
    },
  ],
} satisfies WrongSubmission;
