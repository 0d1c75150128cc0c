import type { OptionSpec, ParsedArgs } from './args.js';

/** One CLI command: `npm run <name>`. Each lives in runner/commands/<name>.ts. */
export interface Command {
  options: Record<string, OptionSpec>;
  /** Returns the process exit code. */
  run(args: ParsedArgs): Promise<number>;
}

/** What the CLI entry knows about a command without loading it. */
export interface CommandEntry {
  name: string;
  summary: string;
  usage: string;
  load(): Promise<{ default: Command }>;
}
