/**
 * Structured logs: one JSON object per line on stdout, written by pino. The app only sees the
 * Logger interface, so tests and the workshop's checks can pass a logger of their own.
 *
 * The request a line belongs to is not passed around: src/http/request-context.ts opens an
 * AsyncLocalStorage scope per request, which Node carries along every await, callback and timer of
 * its work. pino's `mixin` adds that scope's fields (`reqId`) to every line written inside it, by
 * the routes, the error handler, the database's SQL lines and the closing line alike.
 *
 *   {"level":"info","time":"2026-12-01T08:15:00.123Z","reqId":"4f1c…","method":"GET","url":"/api/tags","status":200,"responseTime":3.1,"msg":"request"}
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose every line carries `bindings` too. Optional. */
  child?(bindings: LogFields): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** What every line written while a request is handled carries: its id. */
export interface LogContext {
  reqId: string;
}

export const logContext = new AsyncLocalStorage<LogContext>();

/** Marks a logger that adds the request's context itself (pino's mixin): nothing to wrap. */
const CONTEXT_AWARE = Symbol('conduit.logger.contextAware');

/**
 * Never written, wherever they appear in a line's fields (one level deep, or under `headers`):
 * a safety net; request bodies and headers are not logged in the first place.
 */
export const REDACTED_PATHS = [
  'password',
  'passwordHash',
  'token',
  'authorization',
  'jwtSecret',
  'metricsToken',
  'JWT_SECRET',
  'METRICS_TOKEN',
  'DATABASE_URL',
  'REDIS_URL',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.authorization',
  '*.jwtSecret',
  '*.metricsToken',
  '*.headers.authorization',
  '*.headers.cookie',
];

/**
 * pino behind the Logger interface, writing synchronously to `destination` (stdout), so the last
 * lines before process.exit are never lost.
 */
export function createLogger(level: LogLevel = 'info', destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  const root = pino(
    {
      level,
      base: undefined,
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // The request's fields, read when the line is written: no child logger to hand around.
      mixin: () => ({ ...logContext.getStore() }),
    },
    destination,
  );
  return facade(root);
}

function facade(p: Pino): Logger {
  const logger: Logger = {
    debug: (message, fields) => p.debug(fields ?? {}, message),
    info: (message, fields) => p.info(fields ?? {}, message),
    warn: (message, fields) => p.warn(fields ?? {}, message),
    error: (message, fields) => p.error(fields ?? {}, message),
    child: (bindings) => facade(p.child(bindings)),
  };
  return Object.assign(logger, { [CONTEXT_AWARE]: true });
}

/**
 * A logger for the process's own lines (start-up, Redis going and coming, the shutdown), written
 * outside any request's context: Node carries a context along every callback a request starts,
 * and the last socket of a drain closing would otherwise lend its request's reqId to "shutdown: complete".
 */
export function outsideRequests(logger: Logger): Logger {
  const out =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: LogFields): void =>
      logContext.exit(() => logger[level](message, fields));
  return { debug: out('debug'), info: out('info'), warn: out('warn'), error: out('error') };
}

/**
 * The logger the app writes to: `logger` itself when it adds the request's context (ours), or a
 * wrapper that adds it to the fields of each line (a logger from elsewhere: a test's recorder).
 */
export function withRequestContext(logger: Logger): Logger {
  if ((logger as { [CONTEXT_AWARE]?: boolean })[CONTEXT_AWARE]) return logger;
  const add = (fields?: LogFields): LogFields | undefined => {
    const context = logContext.getStore();
    return context ? { ...context, ...fields } : fields;
  };
  return {
    debug: (message, fields) => logger.debug(message, add(fields)),
    info: (message, fields) => logger.info(message, add(fields)),
    warn: (message, fields) => logger.warn(message, add(fields)),
    error: (message, fields) => logger.error(message, add(fields)),
    ...(logger.child && { child: (bindings: LogFields) => withRequestContext(logger.child!(bindings)) }),
  };
}
