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

export function loadConfig(env: Record<string, string | undefined>): Config {
  // TODO(01-server): validate every variable and report all the problems at once: collect them
  // in a list and `throw new ConfigError(problems)` if there are any (server.ts prints the message
  // and exits). PORT must be a whole number from 0 to 65535, NODE_ENV one of development, test,
  // production, LOG_LEVEL one of debug, info, warn, error, silent. Today PORT=not-a-port gets as
  // far as listen(NaN) and crashes with a stack trace.
  return Object.freeze({
    env: (env.NODE_ENV ?? 'development') as Environment,
    port: Number(env.PORT ?? 3000),
    logLevel: (env.LOG_LEVEL ?? 'info') as Config['logLevel'],
  });
}
