import type { OptionSpec, ParsedArgs } from './args.js';

/** What a command module exports: only the code. Its name, arguments and options live in the table. */
export interface Command {
  /** Returns the process exit code. */
  run(args: ParsedArgs): Promise<number>;
}

/**
 * One row of the command table (runner/commands/index.ts): everything the CLI shows about a
 * command (usage, --help, the README's option list is checked against it) without loading it.
 */
export interface CommandEntry {
  name: string;
  /** How the learner types it when it differs from the name (`db:migrate`). */
  script?: string;
  summary: string;
  /** The positional arguments, as shown in the usage (`<N>`, `[N]`). */
  args?: string;
  options: Record<string, OptionSpec>;
  load(): Promise<{ default: Command }>;
}

/** `npm run check <N> [--solution] [--reporter <value>] …`, generated from the entry. */
export function usageOf(entry: CommandEntry, { withOptions = true } = {}): string {
  const parts = [`npm run ${entry.script ?? entry.name}`];
  if (entry.args) parts.push(entry.args);
  if (withOptions && Object.keys(entry.options).length) parts.push('[-- options]');
  return parts.join(' ');
}

/** The `--help` of one command: usage, summary, and each option with its description. */
export function helpOf(entry: CommandEntry): string[] {
  const lines = [usageOf(entry), `  ${entry.summary}`];
  const opts = Object.entries(entry.options);
  if (opts.length) {
    lines.push('', 'Options (after --):');
    const shown = opts.map(([name, spec]) => `--${name}${spec.value ? ` <${spec.value === true ? 'value' : spec.value}>` : ''}`);
    const width = Math.max(...shown.map((s) => s.length));
    opts.forEach(([, spec], i) => lines.push(`  ${shown[i].padEnd(width)}  ${spec.description}`));
  }
  return lines;
}
