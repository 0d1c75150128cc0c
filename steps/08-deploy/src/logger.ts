// TODO(08-deploy): pino behind this interface, and a request id on every line of a request
// (docs/08-deploy.md#logs-a-request-id-on-every-line).

/**
 * A tiny structured logger: one JSON object per line, which log tools can search and count.
 * The app only sees the Logger interface, so tests pass a recording one and production could
 * pass pino without touching the app.
 */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ORDER = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof ORDER;

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger {
  const log = (lvl: Exclude<LogLevel, 'silent'>) => (message: string, fields: LogFields = {}) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...fields }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
