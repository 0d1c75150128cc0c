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
  /** Signs and verifies the JWTs (HS256). Only ever from the environment, never from the code. */
  readonly jwtSecret: string;
  /** How long a token lives, in jsonwebtoken's format: "15m", "1h", "7d". */
  readonly jwtExpiresIn: string;
  /**
   * The origins whose pages may call the API from a browser (CORS), as browsers send them in the
   * Origin header: "http://localhost:4100". Read from CORS_ORIGINS, not checked and not used yet:
   * both are this step's work (docs/07-frontend.md#cors-for-the-origins-you-trust).
   */
  readonly corsOrigins: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    // One problem fits on one line; several are listed, one per line.
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}` : `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const ENVIRONMENTS = ['development', 'test', 'production'] as const;
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** The defaults the workshop's runner uses too (`npm run db:migrate`), so both find the same data. */
export const DEFAULT_SQLITE_STORAGE = '.data/conduit.sqlite';
export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/conduit';

/**
 * Development only: a fixed secret so `npm run dev` works before you have made one. Anyone can
 * read it here, so tokens signed with it prove nothing: server.ts warns while it is in use, and
 * every other NODE_ENV (a missing one included) refuses to start without a JWT_SECRET of your own.
 */
export const DEV_JWT_SECRET = 'dev-only-secret-do-not-use-in-production-0123456789';
export const MIN_JWT_SECRET_LENGTH = 32;
const MAKE_A_SECRET = `node -e "console.log(require('crypto').randomBytes(48).toString('base64url'))"`;

function loadJwtSecret(env: Record<string, string | undefined>, nodeEnv: string, problems: string[]): string {
  const secret = env.JWT_SECRET ?? '';
  if (secret === '' && nodeEnv === 'development') return DEV_JWT_SECRET;
  if (secret.length < MIN_JWT_SECRET_LENGTH) {
    const what = secret === '' ? 'is not set' : `is too short (${secret.length} characters)`;
    // Without NODE_ENV we run as in production: say so, or "but it works on my laptop" follows.
    const why = env.NODE_ENV ? '' : ' (NODE_ENV is not set, so this runs as production; only NODE_ENV=development has a public stand-in)';
    problems.push(`JWT_SECRET ${what}${why}: set it to a random string of at least ${MIN_JWT_SECRET_LENGTH} characters, e.g. the output of ${MAKE_A_SECRET}`);
  } else if (secret.trim() === '') {
    // 32 spaces are 32 characters, and no secret: a template's placeholder, or a value lost in quoting.
    problems.push(`JWT_SECRET is only spaces: set it to a random string of your own, e.g. the output of ${MAKE_A_SECRET}`);
  } else if (secret === DEV_JWT_SECRET && nodeEnv !== 'development') {
    problems.push(`JWT_SECRET is the public development secret: set it to a random string of your own, e.g. the output of ${MAKE_A_SECRET}`);
  }
  return secret;
}

/** "15m", "1h", "7d", or a number of seconds. A bare "60" in a string would mean 60 ms to jsonwebtoken. */
const EXPIRES_IN = /^\d+(?:s|m|h|d)$/;

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

  // Fail closed: a server started without NODE_ENV is treated as production, never as development
  // (where a public secret stands in). The workshop's own commands set NODE_ENV=development.
  const nodeEnv = env.NODE_ENV || 'production';
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

  const jwtSecret = loadJwtSecret(env, nodeEnv, problems);
  const jwtExpiresIn = env.JWT_EXPIRES_IN || '1h';
  if (!EXPIRES_IN.test(jwtExpiresIn)) {
    problems.push(`JWT_EXPIRES_IN must be a number followed by s, m, h or d, such as 15m or 1h (got "${jwtExpiresIn}")`);
  }

  const corsOrigins = (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    env: nodeEnv as Environment,
    port,
    logLevel: logLevel as Config['logLevel'],
    database: Object.freeze(database),
    jwtSecret,
    jwtExpiresIn,
    corsOrigins: Object.freeze(corsOrigins),
  });
}
