/**
 * loadConfig is a pure function of the variables it is given: every refusal is tested here without
 * starting a server. docs/08-deploy.md#configuration-that-fails-closed
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDatabaseConfig } from '../src/config.js';

const SECRET = 'a-production-secret-of-at-least-32-characters';
const PRODUCTION = { NODE_ENV: 'production', DB_DIALECT: 'mysql', DATABASE_URL: 'mysql://conduit:pw@db:3306/conduit', JWT_SECRET: SECRET };

/** The problems loadConfig reports for `env`, one per entry (none: it accepted it). */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('loadConfig (step 08)', () => {
  it('accepts a complete production configuration, with the defaults of the optional variables', () => {
    const config = loadConfig(PRODUCTION);
    expect(config).toMatchObject({ env: 'production', shutdownTimeoutMs: 10_000, trustProxy: 0 });
    expect(config.redisUrl).toBeUndefined();
    expect(config.metricsToken).toBeUndefined();
  });

  it('outside development, names the database to use: DB_DIALECT, and DATABASE_URL for MySQL', () => {
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: SECRET }).join('\n')).toMatch(/DB_DIALECT/);
    expect(problemsOf({ NODE_ENV: 'test', JWT_SECRET: SECRET }).join('\n')).toMatch(/DB_DIALECT/);
    expect(problemsOf({ NODE_ENV: 'production', DB_DIALECT: 'mysql', JWT_SECRET: SECRET }).join('\n')).toMatch(/DATABASE_URL/);
    // Development keeps its defaults: a SQLite file, a public JWT secret.
    expect(problemsOf({ NODE_ENV: 'development' })).toEqual([]);
  });

  it('reports every bad variable at once, one problem each, and never echoes a password', () => {
    const problems = problemsOf({
      NODE_ENV: 'staging',
      REDIS_URL: 'http://:hunter2@cache:6379',
      METRICS_TOKEN: 'too-short',
      SHUTDOWN_TIMEOUT_MS: '500',
      TRUST_PROXY: 'yes',
    });
    const text = problems.join('\n');
    for (const name of ['NODE_ENV', 'REDIS_URL', 'METRICS_TOKEN', 'SHUTDOWN_TIMEOUT_MS', 'TRUST_PROXY', 'DB_DIALECT', 'JWT_SECRET']) expect(text).toContain(name);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('too-short');
  });

  it('takes PORT written in decimal digits from 0 to 65535, and nothing Number() would also read', () => {
    expect(loadConfig({ ...PRODUCTION, PORT: '0' }).port).toBe(0);
    expect(loadConfig({ ...PRODUCTION, PORT: '65535' }).port).toBe(65535);
    // "" would be 0 (any free port), the others ports Number() reads from text that is not a port.
    for (const bad of ['', ' 80', '0x50', '1e3', '80.0', '65536', '-1']) expect(problemsOf({ ...PRODUCTION, PORT: bad }).join('\n')).toMatch(/PORT/);
  });

  it('refuses a JWT_SECRET of spaces and a DATABASE_URL whose port no URL can have', () => {
    expect(problemsOf({ ...PRODUCTION, JWT_SECRET: ' '.repeat(40) }).join('\n')).toMatch(/JWT_SECRET/);
    expect(problemsOf({ ...PRODUCTION, DATABASE_URL: 'mysql://conduit:pw@db:99999/conduit' }).join('\n')).toMatch(/DATABASE_URL/);
  });

  it('takes redis:// and rediss:// URLs, and refuses anything else', () => {
    expect(loadConfig({ ...PRODUCTION, REDIS_URL: 'redis://:pw@cache:6379/2' }).redisUrl).toBe('redis://:pw@cache:6379/2');
    expect(loadConfig({ ...PRODUCTION, REDIS_URL: 'rediss://cache.example.com:6380' }).redisUrl).toBe('rediss://cache.example.com:6380');
    for (const bad of ['cache:6379', 'redis://', 'http://cache:6379', 'not a url']) expect(problemsOf({ ...PRODUCTION, REDIS_URL: bad }).join('\n')).toMatch(/REDIS_URL/);
  });

  it('asks METRICS_TOKEN for at least 24 characters', () => {
    expect(problemsOf({ ...PRODUCTION, METRICS_TOKEN: 'x'.repeat(23) }).join('\n')).toMatch(/METRICS_TOKEN/);
    expect(loadConfig({ ...PRODUCTION, METRICS_TOKEN: 'x'.repeat(24) }).metricsToken).toBe('x'.repeat(24));
  });

  it('takes SHUTDOWN_TIMEOUT_MS from 1000 to 120000 ms, both included', () => {
    for (const bad of ['999', '120001', '1e4', '-1', '10s']) expect(problemsOf({ ...PRODUCTION, SHUTDOWN_TIMEOUT_MS: bad }).join('\n')).toMatch(/SHUTDOWN_TIMEOUT_MS/);
    expect(loadConfig({ ...PRODUCTION, SHUTDOWN_TIMEOUT_MS: '1000' }).shutdownTimeoutMs).toBe(1000);
    expect(loadConfig({ ...PRODUCTION, SHUTDOWN_TIMEOUT_MS: '120000' }).shutdownTimeoutMs).toBe(120_000);
  });
});

describe('loadDatabaseConfig (npm run migrate)', () => {
  it('needs the database settings only, not a JWT secret', () => {
    expect(loadDatabaseConfig({ NODE_ENV: 'production', DB_DIALECT: 'sqlite', DB_STORAGE: '/data/conduit.sqlite' })).toEqual({ dialect: 'sqlite', storage: '/data/conduit.sqlite' });
    expect(() => loadDatabaseConfig({ NODE_ENV: 'production' })).toThrow(/DB_DIALECT/);
  });
});
