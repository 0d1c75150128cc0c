export interface Config {
  readonly env: string;
  readonly port: number;
  readonly logLevel: string;
}

export class ConfigError extends Error {}

const ENVS = new Set(['development', 'test', 'production']);
const LEVELS = new Set(['debug', 'info', 'warn', 'error', 'silent']);

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT || 3000);
  const nodeEnv = env.NODE_ENV || 'development';
  const logLevel = env.LOG_LEVEL || 'info';
  const errors = [
    Number.isSafeInteger(port) && port >= 0 && port <= 0xffff ? '' : `PORT=${env.PORT} is not a port number (0-65535)`,
    ENVS.has(nodeEnv) ? '' : `NODE_ENV=${nodeEnv} is not one of ${[...ENVS].join(', ')}`,
    LEVELS.has(logLevel) ? '' : `LOG_LEVEL=${logLevel} is not one of ${[...LEVELS].join(', ')}`,
  ].filter(Boolean);
  if (errors.length > 0) throw new ConfigError(errors.join('\n'));
  return { env: nodeEnv, port, logLevel };
}
