export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(['The configuration is not valid:', ...problems.map((p) => `  * ${p}`)].join('\n'));
    this.name = 'ConfigError';
  }
}

type Rule<T> = { fallback: string; read(raw: string): T | undefined; wants: string };

const oneOf = <T extends string>(...values: T[]): Rule<T> => ({
  fallback: values[0],
  read: (raw) => (values as string[]).includes(raw) ? (raw as T) : undefined,
  wants: `one of ${values.join(' | ')}`,
});

const rules = {
  PORT: { fallback: '3000', read: (raw: string) => (/^\d{1,5}$/.test(raw) && Number(raw) <= 65535 ? Number(raw) : undefined), wants: 'a whole number from 0 to 65535' } as Rule<number>,
  NODE_ENV: oneOf('development', 'test', 'production'),
  LOG_LEVEL: { ...oneOf('info', 'debug', 'warn', 'error', 'silent') },
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(rules) as [string, Rule<unknown>][]) {
    const raw = env[name] ?? rule.fallback;
    const value = rule.read(raw);
    if (value === undefined) problems.push(`${name}: expected ${rule.wants}, got ${JSON.stringify(raw)}`);
    values[name] = value;
  }
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({ port: values.PORT as number, env: values.NODE_ENV as Config['env'], logLevel: values.LOG_LEVEL as Config['logLevel'] });
}
