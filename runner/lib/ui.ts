import pc from 'picocolors';

/**
 * Colour only for a person at a terminal: plain in CI, in pipes and with NO_COLOR, so logs and
 * gradebooks stay clean. FORCE_COLOR turns it on anyway.
 */
function wantsColor(): boolean {
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  if (process.env.NO_COLOR || process.env.CI) return false;
  return Boolean(process.stdout.isTTY) && process.env.TERM !== 'dumb';
}

export const c = pc.createColors(wantsColor());

const unicode = process.platform !== 'win32' || Boolean(process.env.WT_SESSION) || process.env.TERM_PROGRAM === 'vscode';
export const sym = {
  pass: unicode ? '✓' : '√',
  fail: unicode ? '✗' : '×',
  skip: unicode ? '○' : 'o',
  arrow: unicode ? '→' : '->',
  dot: unicode ? '·' : '-',
};

/** Prints lines to stdout; each argument is a line. */
export const out = (...lines: string[]): void => {
  process.stdout.write(`${(lines.length ? lines : ['']).join('\n')}\n`);
};

/** The last line of most commands: the one thing to do next. */
export const next = (action: string): void => out(`${c.bold(`${sym.arrow} Next:`)} ${action}`);

/** How to run a workshop command, as the learner should type it. */
export const npmRun = (command: string, args = ''): string => `npm run ${command}${args ? ` ${args}` : ''}`;

/**
 * Asks a yes/no question and reads one line of standard input (a terminal, or a pipe). No
 * input at all (CI, stdin closed) is a no: nothing destructive happens without an answer.
 */
export async function confirm(question: string): Promise<boolean> {
  process.stdout.write(`${question} [y/N] `);
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, terminal: false });
  const answer = await new Promise<string | undefined>((resolve) => {
    rl.once('line', (line) => resolve(line));
    rl.once('close', () => resolve(undefined));
  });
  rl.close();
  if (answer === undefined) process.stdout.write('\n');
  return /^\s*y(es)?\s*$/i.test(answer ?? '');
}
