/**
 * Configuration is read once, at start-up, from the environment, and checked by one zod schema.
 * `loadConfig` is a pure function of the variables it is given: tests pass their own, only
 * server.ts passes process.env. zod parses every variable before it reports, so a refusal lists
 * every problem at once, one line each, never only the first.
 */
import { z } from 'zod';

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
  /** The exact origins whose pages may call the API from a browser (CORS). Empty: none. */
  readonly corsOrigins: readonly string[];
  /** A Redis shared by every instance for the attempt limits (redis:// or rediss://). Unset: in memory. */
  readonly redisUrl?: string;
  /** The bearer token GET /metrics asks for. Unset: /metrics answers 404. */
  readonly metricsToken?: string;
  /** How long a shutdown waits for the requests in flight before it cuts them (ms). */
  readonly shutdownTimeoutMs: number;
  /** How many proxies stand in front of the app (Express's "trust proxy"). 0: none. */
  readonly trustProxy: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}` : `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_SQLITE_STORAGE = '.data/conduit.sqlite';
export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/conduit';
/** Development only, and public: server.ts warns while it is in use; every other NODE_ENV refuses it. */
export const DEV_JWT_SECRET = 'dev-only-secret-do-not-use-in-production-0123456789';
export const MIN_JWT_SECRET_LENGTH = 32;
export const MIN_METRICS_TOKEN_LENGTH = 24;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
export const DEV_CORS_ORIGINS: readonly string[] = ['http://localhost:4100', 'http://127.0.0.1:4100'];
const MAKE_A_SECRET = `node -e "console.log(require('crypto').randomBytes(48).toString('base64url'))"`;

/** A URL with its password replaced, fit for an error message or a log line. */
export const withoutPassword = (url: string): string => url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');

type Env = Record<string, string | undefined>;

/** An unset variable and an empty one are the same thing: not given. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
/** Not given: `fallback`. */
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.output<T>) => optional(schema).transform((v) => (v === undefined ? fallback : v) as z.output<T>);

/** A whole number written in decimal, from `min` to `max`. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, { error: (issue) => `must be a whole number from ${min} to ${max} (got "${String(issue.input)}")` })
    .transform(Number);

const NODE_ENV = z.enum(['development', 'test', 'production'], { message: 'must be one of development, test, production' });

const redisUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  // The value is quoted with its password hidden.
  { error: (issue) => `must look like redis://[:password@]host:6379[/db] or rediss://… (got "${withoutPassword(String(issue.input))}")` },
);

const metricsToken = z.string().refine((t) => t.length >= MIN_METRICS_TOKEN_LENGTH && !/\s/.test(t), {
  // Its length, never the token itself.
  error: (issue) =>
    `is too short or has spaces (${String(issue.input).length} characters): use at least ${MIN_METRICS_TOKEN_LENGTH} random characters, e.g. the output of ${MAKE_A_SECRET}, or leave it unset to turn /metrics off`,
});

/** One origin exactly as a browser sends it in Origin: scheme://host[:port], no path, no slash. */
function originProblem(entry: string): string | undefined {
  if (entry === '') return 'has an empty entry';
  if (entry.includes('*')) return `"${entry}" is a wildcard: name each origin that may call the API`;
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return `"${entry}" is not an origin`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${entry}" must start with http:// or https://`;
  if (url.username || url.password) return `"${entry}" must not hold a user name or password`;
  if (url.origin !== entry) return `"${entry}" is not exactly an origin: a browser sends "${url.origin}"`;
  return undefined;
}

const corsOrigins = z.string().transform((value, ctx) => {
  if (value.trim() === '') return [];
  const entries = value.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const problem = originProblem(entry);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem} (origins separated by commas, e.g. http://localhost:4100)` });
  }
  return [...new Set(entries)];
});

/** The database settings; `development` may lean on a SQLite file in .data/, every other NODE_ENV names its database. */
function databaseSchema(development: boolean) {
  return z
    .object({
      DB_DIALECT: optional(z.enum(['sqlite', 'mysql'], { error: (issue) => `must be sqlite or mysql (got "${String(issue.input)}")` })),
      DB_STORAGE: optional(z.string()),
      DATABASE_URL: optional(z.string()),
    })
    .transform(({ DB_DIALECT, DB_STORAGE, DATABASE_URL }, ctx): DatabaseConfig => {
      const dialect = DB_DIALECT ?? (development ? 'sqlite' : undefined);
      if (dialect === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['DB_DIALECT'],
          message: 'is not set: outside NODE_ENV=development, say which database to use (DB_DIALECT=mysql with DATABASE_URL, or DB_DIALECT=sqlite with DB_STORAGE)',
        });
        return { dialect: 'sqlite', storage: DEFAULT_SQLITE_STORAGE };
      }
      if (dialect === 'sqlite') return { dialect, storage: DB_STORAGE ?? DEFAULT_SQLITE_STORAGE };
      if (DATABASE_URL === undefined && !development) {
        ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is not set: with DB_DIALECT=mysql outside NODE_ENV=development, give it as mysql://user:password@host:3306/database' });
        return { dialect, url: DEFAULT_MYSQL_URL };
      }
      const url = DATABASE_URL ?? DEFAULT_MYSQL_URL;
      if (!/^mysql:\/\/[^/]+\/\w+/.test(url)) {
        ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: `must look like mysql://user:password@host:3306/database (got "${withoutPassword(url)}")` });
      }
      return { dialect, url };
    });
}

function jwtSecretSchema(nodeEnv: Environment, nodeEnvGiven: boolean) {
  return z
    .string()
    .optional()
    .transform((secret = '', ctx) => {
      if (nodeEnv === 'development') return secret === '' ? DEV_JWT_SECRET : secret;
      if (secret.length < MIN_JWT_SECRET_LENGTH) {
        const what = secret === '' ? 'is not set' : `is too short (${secret.length} characters)`;
        const why = nodeEnvGiven ? '' : ' (NODE_ENV is not set, so this runs as production)';
        ctx.addIssue({ code: 'custom', message: `${what}${why}: set it to a random string of at least ${MIN_JWT_SECRET_LENGTH} characters, e.g. the output of ${MAKE_A_SECRET}` });
      } else if (secret === DEV_JWT_SECRET) {
        ctx.addIssue({ code: 'custom', message: `is the public development secret: set it to a random string of your own, e.g. the output of ${MAKE_A_SECRET}` });
      }
      return secret;
    });
}

/**
 * The whole environment's schema, for one NODE_ENV: the rules that depend on it (defaults in
 * development, none elsewhere) are chosen before parsing, so that every field is parsed in one go.
 */
function environmentSchema(nodeEnv: Environment, nodeEnvGiven: boolean) {
  const development = nodeEnv === 'development';
  return z.object({
    PORT: withDefault(wholeNumber(0, 65535), 3000),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], { error: (i) => `must be one of debug, info, warn, error, silent (got "${String(i.input)}")` }).default('info'),
    JWT_SECRET: jwtSecretSchema(nodeEnv, nodeEnvGiven),
    JWT_EXPIRES_IN: withDefault(z.string().regex(/^\d+(?:s|m|h|d)$/, 'must be a number followed by s, m, h or d, such as 15m or 1h'), '1h'),
    CORS_ORIGINS: corsOrigins.optional().transform((v) => v ?? (development ? [...DEV_CORS_ORIGINS] : [])),
    REDIS_URL: optional(redisUrl),
    METRICS_TOKEN: optional(metricsToken),
    SHUTDOWN_TIMEOUT_MS: withDefault(wholeNumber(1000, 120_000), DEFAULT_SHUTDOWN_TIMEOUT_MS),
    TRUST_PROXY: withDefault(wholeNumber(0, 10), 0),
  });
}

/** NODE_ENV first (the other rules depend on it): unset means production, an unknown one is a problem. */
function readNodeEnv(env: Env, problems: string[]): { nodeEnv: Environment; given: boolean } {
  const raw = env.NODE_ENV || 'production';
  const parsed = NODE_ENV.safeParse(raw);
  if (parsed.success) return { nodeEnv: parsed.data, given: !!env.NODE_ENV };
  problems.push(`NODE_ENV must be one of development, test, production (got "${raw}")`);
  // Judge the rest by production's rules, the strictest.
  return { nodeEnv: 'production', given: true };
}

/** zod's issues as lines that start with the variable they are about. */
function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')} ` : ''}${issue.message}`);
}

/** Only the database settings, for the tools that need nothing else (`npm run migrate`, make-admin). */
export function loadDatabaseConfig(env: Env): DatabaseConfig {
  const problems: string[] = [];
  const { nodeEnv } = readNodeEnv(env, problems);
  const database = databaseSchema(nodeEnv === 'development').safeParse(env);
  if (!database.success) problems.push(...describeIssues(database.error));
  if (problems.length > 0 || !database.success) throw new ConfigError(problems);
  return Object.freeze(database.data);
}

/** Validates every variable and reports all the problems at once, not just the first. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const { nodeEnv, given } = readNodeEnv(env, problems);
  const database = databaseSchema(nodeEnv === 'development').safeParse(env);
  const rest = environmentSchema(nodeEnv, given).safeParse(env);
  if (!database.success) problems.push(...describeIssues(database.error));
  if (!rest.success) problems.push(...describeIssues(rest.error));
  if (problems.length > 0 || !database.success || !rest.success) throw new ConfigError(problems);
  const v = rest.data;
  return Object.freeze({
    env: nodeEnv,
    port: v.PORT,
    logLevel: v.LOG_LEVEL,
    database: Object.freeze(database.data),
    jwtSecret: v.JWT_SECRET,
    jwtExpiresIn: v.JWT_EXPIRES_IN,
    corsOrigins: Object.freeze(v.CORS_ORIGINS),
    ...(v.REDIS_URL === undefined ? {} : { redisUrl: v.REDIS_URL }),
    ...(v.METRICS_TOKEN === undefined ? {} : { metricsToken: v.METRICS_TOKEN }),
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
    trustProxy: v.TRUST_PROXY,
  });
}
