export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** pino's numbers for the levels. */
const NUMBERS = { debug: 20, info: 30, warn: 40, error: 50, silent: Infinity } as const;

export function createLogger(level: string): Logger {
  const min = NUMBERS[level as keyof typeof NUMBERS] ?? NUMBERS.info;
  const make = (name: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields?: LogFields) => {
    if (NUMBERS[name] < min) return;
    process.stdout.write(JSON.stringify({ level: NUMBERS[name], time: Date.now(), pid: process.pid, msg, ...fields }) + '\n');
  };
  return { debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error') };
}
