/**
 * Structured logs: one JSON object per line on stdout, which log tools (CloudWatch, Loki, Azure
 * Monitor, `jq`) can search, filter and count. pino writes them; the app only sees the Logger
 * interface, so tests and the workshop's checks pass a recording logger of their own.
 *
 *   {"level":"info","time":"2026-12-01T08:15:00.123Z","reqId":"4f1c…","method":"GET","url":"/api/tags","status":200,"responseTime":3.1,"msg":"request"}
 */
import { pino, type DestinationStream, type Logger as Pino } from 'pino';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose every line carries `bindings` too (pino's child loggers). Optional: see childLogger. */
  child?(bindings: LogFields): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Never written, wherever they appear in the fields of a line (one level deep, or under a
 * `headers`/`config` object): a log line is read by more people, and kept longer, than the
 * secret it would leak. Request bodies are never logged at all.
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
 * pino behind the Logger interface. `destination` is where the lines go: stdout by default, written
 * synchronously, so the last lines before `process.exit` (a shutdown, a refusal) are never lost.
 */
export function createLogger(level: LogLevel = 'info', destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  const root = pino(
    {
      level,
      // Who and where is the platform's business (the container, the pod): no pid or hostname.
      base: undefined,
      // "level":"info" rather than "level":30: readable by people and by every log tool.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
  return wrap(root);
}

function wrap(p: Pino): Logger {
  return {
    debug: (message, fields) => p.debug(fields ?? {}, message),
    info: (message, fields) => p.info(fields ?? {}, message),
    warn: (message, fields) => p.warn(fields ?? {}, message),
    error: (message, fields) => p.error(fields ?? {}, message),
    child: (bindings) => wrap(p.child(bindings)),
  };
}

/**
 * A logger that adds `bindings` to every line: the logger's own child when it has one (pino's), or
 * a thin wrapper for a logger without (a test's recording logger).
 */
export function childLogger(logger: Logger, bindings: LogFields): Logger {
  if (logger.child) return logger.child(bindings);
  const add = (fields?: LogFields): LogFields => ({ ...bindings, ...fields });
  return {
    debug: (message, fields) => logger.debug(message, add(fields)),
    info: (message, fields) => logger.info(message, add(fields)),
    warn: (message, fields) => logger.warn(message, add(fields)),
    error: (message, fields) => logger.error(message, add(fields)),
    child: (more) => childLogger(logger, { ...bindings, ...more }),
  };
}
