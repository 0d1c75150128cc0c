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
   * The origins whose pages may call the API from a browser (CORS), exactly as browsers send them
   * in the Origin header: "http://localhost:4100". Empty: no cross-origin caller at all.
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

/**
 * Development only: where the workshop's web client is served (`npm run frontend`). Every other
 * NODE_ENV starts with no cross-origin caller allowed until CORS_ORIGINS names them (fail closed).
 */
export const DEV_CORS_ORIGINS: readonly string[] = ['http://localhost:4100', 'http://127.0.0.1:4100'];

/**
 * CORS_ORIGINS: a comma-separated list of exact origins (scheme://host[:port]). An origin is
 * compared with the browser's Origin header as a string, so anything else ("*", a path, a trailing
 * slash, an upper-case host, the default port written out) could never match, or would match too
 * much: refused at start-up with the form that would work, rather than ignored.
 */
function loadCorsOrigins(env: Record<string, string | undefined>, nodeEnv: string, problems: string[]): string[] {
  const value = env.CORS_ORIGINS;
  if (value === undefined) return nodeEnv === 'development' ? [...DEV_CORS_ORIGINS] : [];
  // Set and empty: no cross-origin caller, said on purpose.
  if (value.trim() === '') return [];
  const origins: string[] = [];
  for (const entry of value.split(',').map((part) => part.trim())) {
    // "a,,b" or a trailing comma is a typo worth hearing about, not an entry to skip.
    if (entry === '') {
      problems.push(`CORS_ORIGINS has an empty entry ("${value}"): ${ORIGIN_FORM}`);
      continue;
    }
    const problem = originProblem(entry);
    if (problem) problems.push(`CORS_ORIGINS: "${entry}" ${problem}`);
    else if (!origins.includes(entry)) origins.push(entry);
  }
  return origins;
}

const ORIGIN_FORM = 'CORS_ORIGINS takes origins separated by commas, each http:// or https://, a host and an optional port, no path and no trailing slash, e.g. http://localhost:4100';

function originProblem(entry: string): string | undefined {
  const problem = ((): string | undefined => {
    if (entry.includes('*')) return 'is a wildcard: name each origin that may call the API';
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return 'is not an origin';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
    if (url.username !== '' || url.password !== '') return 'must not hold a user name or password';
    // URL's origin is the form a browser sends: lower-case host, no default port, no path, no slash.
    if (entry !== url.origin) return `is not exactly an origin: a browser sends "${url.origin}"`;
    return undefined;
  })();
  return problem && `${problem} (${ORIGIN_FORM})`;
}

// TODO(08-deploy): REDIS_URL, METRICS_TOKEN and SHUTDOWN_TIMEOUT_MS, and no development default
// outside NODE_ENV=development (docs/08-deploy.md#configuration-that-fails-closed).

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

  const corsOrigins = loadCorsOrigins(env, nodeEnv, problems);

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
