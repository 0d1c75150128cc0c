/**
 * `npm run typecheck`: the workshop's own code, then every starter and solution as the separate
 * project it is (each step folder has its own tsconfig.json; checked together, their global
 * type augmentations would collide). Two at a time, for the two cores of a small machine.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { copyProject } from './lib/fsutil.js';
import { ROOT, dirs, scratchDir, shortPath } from './lib/paths.js';
import { applyVariant } from '../test/support/submissions.js';
import { c, out } from './lib/ui.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * A correct variant is a few files laid over a copy of its step's solution (test/variants): it is
 * type-checked the same way, as the whole project it becomes, in a scratch copy.
 */
function variantProjects(): { project: string; label: string }[] {
  const root = path.join(ROOT, 'test', 'variants');
  if (!fs.existsSync(root)) return [];
  const made: { project: string; label: string }[] = [];
  for (const slug of fs.readdirSync(root).sort()) {
    for (const name of fs.existsSync(path.join(root, slug)) ? fs.readdirSync(path.join(root, slug)).sort() : []) {
      const folder = path.join(root, slug, name);
      if (!fs.existsSync(path.join(folder, 'variant.json'))) continue;
      const dir = path.join(scratchDir, 'typecheck', `${slug}-${name}`);
      fs.rmSync(dir, { recursive: true, force: true });
      copyProject(path.join(dirs.solutions, slug), dir);
      applyVariant(dir, folder);
      made.push({ project: path.join(dir, 'tsconfig.json'), label: `test/variants/${slug}/${name}` });
    }
  }
  return made;
}

const variants = variantProjects();
const labels = new Map(variants.map((v) => [v.project, v.label]));

const projects = [
  path.join(ROOT, 'tsconfig.json'),
  ...[dirs.steps, dirs.solutions].flatMap((root) =>
    fs
      .readdirSync(root)
      .sort()
      .map((step) => path.join(root, step, 'tsconfig.json'))
      .filter((f) => fs.existsSync(f)),
  ),
  ...variants.map((v) => v.project),
];

function check(project: string): Promise<{ project: string; ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty', 'false'], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    // 'close', not 'exit': the last errors may still be in the pipe when the process exits.
    child.on('close', (code) => resolve({ project, ok: code === 0, output }));
  });
}

const queue = [...projects];
let failed = 0;
await Promise.all(
  Array.from({ length: 2 }, async () => {
    for (let project = queue.shift(); project; project = queue.shift()) {
      const r = await check(project);
      out(`${r.ok ? c.green('ok  ') : c.red('FAIL')} ${path.dirname(r.project) === ROOT ? 'workshop (runner, checks, test)' : (labels.get(r.project) ?? shortPath(path.dirname(r.project)))}`);
      if (!r.ok) {
        failed++;
        out(r.output.trim());
      }
    }
  }),
);
fs.rmSync(path.join(scratchDir, 'typecheck'), { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
