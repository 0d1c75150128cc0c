import type { WrongSubmission } from '../types.js';

export default {
  description: 'the 500 answer adds the stack "to help debugging" whenever config.env is not production: the checks (env test) see it',
  caughtBy: 'an unexpected error answers 500 with a generic message and no stack trace',
  edits: [
    { file: 'src/app.ts', find: 'export function createApp({ logger, clock = () => new Date() }: AppDeps): express.Express {', replace: 'export function createApp({ config, logger, clock = () => new Date() }: AppDeps): express.Express {' },
    { file: 'src/app.ts', find: '  app.use(errorHandler(logger));', replace: "  app.use(errorHandler(logger, config.env !== 'production'));" },
    { file: 'src/http/error-handler.ts', find: 'export function errorHandler(logger: Logger): ErrorRequestHandler {', replace: 'export function errorHandler(logger: Logger, showStack = false): ErrorRequestHandler {' },
    {
      file: 'src/http/error-handler.ts',
      find: "res.status(500).json({ errors: { server: ['something went wrong; the request id is ' + req.id] } });",
      replace: "res.status(500).json({ errors: { server: ['something went wrong; the request id is ' + req.id, ...(showStack && err instanceof Error ? [String(err.stack)] : [])] } });",
    },
  ],
} satisfies WrongSubmission;
