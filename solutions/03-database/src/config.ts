/**
 * Configuration is read once, at start-up, from the environment. `loadConfig` is a pure
 * function of the variables it is given: tests pass their own, only server.ts passes process.env.
 */
export type Environment = 'development' | 'test' | 'production';

/** Where the data lives: a SQLite file (no server needed) or a MySQL database. */
export type DatabaseConfig = { readonly dialect: 'sqlite'; readonly storage: string } | { readonly dialect: 'mysql'; readonly url: string };

export interface Config {
  readonly env: Environment;
  readonly port: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly database: DatabaseConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const ENVIRONMENTS = ['development', 'test', 'production'] as const;
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** The defaults the workshop's runner uses too (`npm run db:migrate`), so both find the same data. */
export const DEFAULT_SQLITE_STORAGE = '.data/conduit.sqlite';
export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/conduit';

function loadDatabase(env: Record<string, string | undefined>, problems: string[]): DatabaseConfig {
  const dialect = env.DB_DIALECT ?? 'sqlite';
  if (dialect === 'sqlite') return { dialect, storage: env.DB_STORAGE || DEFAULT_SQLITE_STORAGE };
  if (dialect === 'mysql') {
    const url = env.DATABASE_URL || DEFAULT_MYSQL_URL;
    // URL.canParse: a port past 65535 or a stray space would pass the pattern and fail only at connect.
    if (!/^mysql:\/\/[^/]+\/\w+/.test(url) || !URL.canParse(url)) problems.push(`DATABASE_URL must look like mysql://user:password@host:3306/database (got "${url}")`);
    return { dialect, url };
  }
  problems.push(`DB_DIALECT must be sqlite or mysql (got "${dialect}")`);
  return { dialect: 'sqlite', storage: DEFAULT_SQLITE_STORAGE };
}

/** Validates every variable and reports all the problems at once, not just the first. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];

  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!(ENVIRONMENTS as readonly string[]).includes(nodeEnv)) {
    problems.push(`NODE_ENV must be one of ${ENVIRONMENTS.join(', ')} (got "${nodeEnv}")`);
  }

  // A port is written in decimal digits: Number() alone also reads "" as 0 (any free port) and
  // " 80", "0x50" or "1e3" as ports.
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535 (got "${env.PORT}")`);
  }

  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }

  const database = loadDatabase(env, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    env: nodeEnv as Environment,
    port,
    logLevel: logLevel as Config['logLevel'],
    database: Object.freeze(database),
  });
}
