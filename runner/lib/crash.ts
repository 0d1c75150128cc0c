import path from 'node:path';

/**
 * What a learner needs from a crashed server's output: the error, the line of their own code it
 * came from, and their own log lines, without Node's internals (`at Pipe.onStreamRead`,
 * `node:internal/…`) or the frames of installed packages.
 */
export interface CrashSummary {
  /** `TypeError: x is not a function`, or the last line that looks like an error. */
  error?: string;
  /** `src/app.ts:12:7`: the first frame inside the learner's folder. */
  where?: string;
  /** The output with stack frames outside the learner's code removed. */
  lines: string[];
}

const FRAME = /^\s*at\s/;
const LOCATION = /(?:file:\/\/)?((?:[A-Za-z]:)?[^\s:()'"]+\.[cm]?[jt]sx?):(\d+)(?::(\d+))?/;
const ERROR_LINE = /^(?:Uncaught\s+)?(?:[A-Z]\w*(?:Error|Exception)|Error)(?:\s*\[[A-Z_]+\])?:\s|^\s*(?:throw|Error)\b/;

const inside = (dir: string, file: string): boolean => {
  const rel = path.relative(dir, path.resolve(dir, file));
  return !rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split(/[\\/]/).includes('node_modules');
};

export function summariseCrash(output: string[], dir: string): CrashSummary {
  let where: string | undefined;
  let error: string | undefined;
  const lines: string[] = [];
  for (const raw of output) {
    const line = raw.replace(/\s+$/, '');
    const loc = LOCATION.exec(line);
    const ownLocation = loc && inside(dir, loc[1]) ? `${path.relative(dir, path.resolve(dir, loc[1])).split(path.sep).join('/')}:${loc[2]}${loc[3] ? `:${loc[3]}` : ''}` : undefined;
    if (FRAME.test(line)) {
      // Only the learner's own frames are worth a line.
      if (ownLocation) {
        where ??= ownLocation;
        lines.push(`    at ${ownLocation}`);
      }
      continue;
    }
    if (/^\s*(?:Node\.js v\d|node:internal|node:\w+:\d+\s*$|\^+\s*$)/.test(line) || line.includes("// Unhandled 'error' event")) continue;
    if (ownLocation && !where && /^\s*(?:file:\/\/)?\S+:\d+/.test(line)) where = ownLocation;
    if (ERROR_LINE.test(line.trim())) error = line.trim();
    lines.push(line);
  }
  return { error, where, lines: lines.filter((l, i) => l.trim() !== '' || (i > 0 && lines[i - 1].trim() !== '')) };
}
