/**
 * Configuration is read once, at start-up, from the environment. `loadConfig` is a pure
 * function of the variables it is given: tests pass their own, only server.ts passes process.env.
 */
export type Environment = 'development' | 'test' | 'production';

export interface Config {
  readonly env: Environment;
  readonly port: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const ENVIRONMENTS = ['development', 'test', 'production'] as const;
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

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

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    env: nodeEnv as Environment,
    port,
    logLevel: logLevel as Config['logLevel'],
  });
}
