/**
 * `npm run typecheck`: the workshop's own code, then every starter and solution as the separate
 * project it is (each step folder has its own tsconfig.json; checked together, their global
 * type augmentations would collide). Two at a time, for the two cores of a small machine.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, dirs, shortPath } from './lib/paths.js';
import { c, out } from './lib/ui.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const projects = [
  path.join(ROOT, 'tsconfig.json'),
  ...[dirs.steps, dirs.solutions].flatMap((root) =>
    fs
      .readdirSync(root)
      .sort()
      .map((step) => path.join(root, step, 'tsconfig.json'))
      .filter((f) => fs.existsSync(f)),
  ),
];

function check(project: string): Promise<{ project: string; ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty', 'false'], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ project, ok: code === 0, output }));
  });
}

const queue = [...projects];
let failed = 0;
await Promise.all(
  Array.from({ length: 2 }, async () => {
    for (let project = queue.shift(); project; project = queue.shift()) {
      const r = await check(project);
      out(`${r.ok ? c.green('ok  ') : c.red('FAIL')} ${path.dirname(r.project) === ROOT ? 'workshop (runner, checks, test)' : shortPath(path.dirname(r.project))}`);
      if (!r.ok) {
        failed++;
        out(r.output.trim());
      }
    }
  }),
);
process.exitCode = failed ? 1 : 0;
