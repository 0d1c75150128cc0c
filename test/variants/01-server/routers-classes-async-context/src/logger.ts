export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

const plain = (value: unknown): unknown => (value instanceof Error ? { type: value.name, msg: value.message, stack: value.stack } : value);

export function createLogger(level: Level | 'silent' = 'info'): Logger {
  const threshold = level === 'silent' ? Infinity : LEVELS.indexOf(level);
  const at = (lvl: Level) => (msg: string, fields: LogFields = {}) => {
    if (LEVELS.indexOf(lvl) < threshold) return;
    const entry = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, plain(v)]));
    process.stdout.write(`${JSON.stringify({ ts: Date.now(), lvl, msg, ...entry })}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
