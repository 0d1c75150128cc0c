/**
 * Code shown in lessons and hints is compiled, so it cannot drift from the code it teaches.
 *
 * Every ```ts block of `docs/NN-slug.md` and `hints/NN-slug.md` is type-checked as a module of
 * the step's reference solution (as if it were a file in its `src/`, so `./config.js` resolves
 * there). A snippet that is a fragment (it uses an `app`, a `req`, a `db` it does not declare)
 * says what it assumes in a comment right above its fence, invisible when the lesson is rendered:
 *
 *   <!-- ts-context: import type { Sequelize } from 'sequelize'; declare const db: Sequelize; -->
 *   ```ts
 *   await db.query('SELECT 1');
 *   ```
 *
 * A snippet that is the inside of something (a function body, an object's methods) marks where it
 * goes with `{{snippet}}`: `<!-- ts-context: export function f(): RequestHandler { {{snippet}} } -->`.
 *
 * A snippet that belongs elsewhere than `src/` (a test file, a test helper) says where with
 * `{{in:<folder>}}` in its context: `<!-- ts-context: {{in:test}} -->` makes it a file of `test/`,
 * so its imports read as the learner writes them (`./support/app.js`, `../src/app.js`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { copyProject } from './fsutil.js';

export interface Snippet {
  /** The markdown file, relative to the workshop (docs/01-server.md). */
  doc: string;
  /** The line of the opening fence. */
  line: number;
  code: string;
  /** What the snippet assumes, from a `<!-- ts-context: … -->` comment above it. */
  context: string;
}

const FENCE = /^```(ts|typescript)\s*$/;
const CONTEXT = /<!--\s*ts-context:([\s\S]*?)-->\s*$/;
const FOLDER = /\{\{in:([\w./-]+)\}\}/;

/** The TypeScript blocks of one markdown text. */
export function snippetsOf(doc: string, markdown: string): Snippet[] {
  const lines = markdown.split(/\r?\n/);
  const found: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i])) continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    // The context comment ends on the line above the fence (blank lines allowed between).
    let above = start - 1;
    while (above >= 0 && lines[above].trim() === '') above--;
    let context = '';
    if (above >= 0 && lines[above].trimEnd().endsWith('-->')) {
      let first = above;
      while (first > 0 && !lines[first].includes('<!--')) first--;
      const m = CONTEXT.exec(lines.slice(first, above + 1).join('\n'));
      if (m) context = m[1].trim();
    }
    found.push({ doc, line: start + 1, code: body.join('\n'), context });
  }
  return found;
}

export interface SnippetError {
  doc: string;
  /** The line in the markdown file (the snippet's own line, or its fence for context errors). */
  line: number;
  message: string;
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * Type-checks snippets as modules of the project in `projectDir` (a step's solution): a scratch
 * copy under `scratchDir` gets one file per snippet in its `src/`, and tsc checks the whole.
 * Returns the errors that are the snippets', mapped back to their markdown lines.
 */
export async function checkSnippets(snippets: Snippet[], projectDir: string, scratchDir: string): Promise<SnippetError[]> {
  if (snippets.length === 0) return [];
  fs.rmSync(scratchDir, { recursive: true, force: true });
  copyProject(projectDir, scratchDir);
  const byFile = new Map<string, { snippet: Snippet; offset: number }>();
  const folders = new Set<string>();
  snippets.forEach((snippet, i) => {
    const name = `__lesson_${i}_${path.basename(snippet.doc, '.md').replace(/\W/g, '_')}_${snippet.line}.ts`;
    const folder = FOLDER.exec(snippet.context)?.[1] ?? 'src';
    const context = snippet.context.replace(FOLDER, '').trim();
    const [before, after = ''] = context.includes('{{snippet}}') ? context.split('{{snippet}}') : [context, ''];
    const head = before ? `${before}\n` : '';
    fs.mkdirSync(path.join(scratchDir, folder), { recursive: true });
    folders.add(folder);
    // `export {}` makes every snippet a module, as the files of the project are.
    fs.writeFileSync(path.join(scratchDir, folder, name), `${head}${snippet.code}\n${after}\nexport {};\n`);
    byFile.set(name, { snippet, offset: head.split('\n').length - 1 });
  });
  // A folder the project's tsconfig does not include (test/ before step 06) would go unchecked.
  const tsconfig = path.join(scratchDir, 'tsconfig.json');
  const config = JSON.parse(fs.readFileSync(tsconfig, 'utf8')) as { include?: string[] };
  config.include = [...new Set([...(config.include ?? ['src']), ...folders])];
  fs.writeFileSync(tsconfig, JSON.stringify(config, null, 2));
  const output = await new Promise<string>((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', path.join(scratchDir, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { cwd: scratchDir });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('close', () => resolve(text));
  });
  const errors: SnippetError[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const m = /(__lesson_[\w]+\.ts)\((\d+),(\d+)\): (error TS\d+: .*)$/.exec(raw);
    if (!m) {
      // An error in the project's own files means a snippet broke it (a conflicting declaration).
      const other = /^(src\/[^(]+)\((\d+),\d+\): (error TS\d+: .*)$/.exec(raw);
      if (other) errors.push({ doc: other[1], line: Number(other[2]), message: `${other[3]} (in the project, next to the snippets)` });
      continue;
    }
    const entry = byFile.get(m[1]);
    if (!entry) continue;
    const at = Number(m[2]) - entry.offset;
    const inside = at >= 1 && at <= entry.snippet.code.split('\n').length;
    errors.push({
      doc: entry.snippet.doc,
      line: inside ? entry.snippet.line + at : entry.snippet.line,
      message: inside ? m[4] : `${m[4]} (in its ts-context comment)`,
    });
  }
  fs.rmSync(scratchDir, { recursive: true, force: true });
  return errors;
}
