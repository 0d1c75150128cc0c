import { UsageError } from './errors.js';

export interface OptionSpec {
  /** Takes a value (`--reporter json`) rather than being a flag (`--solution`); a string names the value in --help. */
  value?: boolean | string;
  description: string;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | undefined>;
}

/**
 * Parses `--name`, `--name value` and `--name=value`. `npm run check 1 --solution` (without the
 * `--` separator) makes npm keep the flag for itself and set npm_config_solution instead, so
 * those are read too: learners should not have to know about `--`.
 */
export function parseArgs(argv: string[], spec: Record<string, OptionSpec>, env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  const positionals: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      if (arg !== '--') positionals.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const name = rawName;
    const option = spec[name];
    if (!option) throw new UsageError(`unknown option --${name}. Options: ${Object.keys(spec).map((k) => `--${k}`).join(', ') || 'none'}`);
    if (option.value) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    } else {
      flags[name] = true;
    }
  }
  for (const [name, option] of Object.entries(spec)) {
    if (flags[name] !== undefined) continue;
    const fromNpm = env[`npm_config_${name.replace(/-/g, '_')}`];
    if (fromNpm === undefined || fromNpm === '') continue;
    if (option.value) {
      // npm swallowed `--name` and left its value among the positionals: ask for the separator.
      if (fromNpm === 'true') throw new UsageError(`npm kept --${name} for itself: put -- before the options, e.g. npm run check 1 -- --${name} <value>`);
      flags[name] = fromNpm;
    } else if (fromNpm === 'true') {
      flags[name] = true;
    }
  }
  return { positionals, flags };
}

export const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
