/**
 * Code in lessons and hints is compiled against the step's reference solution
 * (runner/lib/snippets.ts), so a snippet that drifts from the code it teaches fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../runner/lib/paths.js';
import { checkSnippets, snippetsOf } from '../runner/lib/snippets.js';
import { availableSteps } from '../runner/lib/steps.js';
import { solutionDir } from '../runner/lib/workspace.js';
import { scratch } from './support/cli.js';

describe('snippets', () => {
  it('finds each ts block, with the context comment above it', () => {
    const md = ['text', '<!-- ts-context: declare const app: {', '  use(x: unknown): void }; -->', '', '```ts', 'app.use(1);', '```', '```sh', 'ls', '```'].join('\n');
    expect(snippetsOf('docs/x.md', md)).toEqual([{ doc: 'docs/x.md', line: 5, code: 'app.use(1);', context: 'declare const app: {\n  use(x: unknown): void };' }]);
  });

  it('reports a snippet that does not compile at its line in the markdown', async () => {
    const md = ['# x', '```ts', "import { createApp } from './app.js';", "const wrong: number = createApp;", '```'].join('\n');
    const errors = await checkSnippets(snippetsOf('docs/x.md', md), solutionDir(availableSteps()[1]), scratch('snippets'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ doc: 'docs/x.md', line: 4 });
    expect(errors[0].message).toMatch(/TS2322/);
  });

  it('puts a snippet in the folder its context names, {{in:test}}, and checks it there', async () => {
    const md = ['# x', '<!-- ts-context: {{in:test}} -->', '```ts', "import { createApp } from '../src/app.js';", 'const wrong: number = createApp;', '```'].join('\n');
    const errors = await checkSnippets(snippetsOf('docs/x.md', md), solutionDir(availableSteps()[1]), scratch('snippets-in'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ doc: 'docs/x.md', line: 5 });
    expect(errors[0].message).toMatch(/TS2322/);
  });
});

describe.each(availableSteps())('$slug', (step) => {
  it('every ts snippet of its lesson and hints compiles against its reference solution', async () => {
    const files = [`docs/${step.slug}.md`, `hints/${step.slug}.md`].filter((f) => fs.existsSync(path.join(ROOT, f)));
    const snippets = files.flatMap((f) => snippetsOf(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
    const errors = await checkSnippets(snippets, solutionDir(step), scratch(`snippets-${step.slug}`));
    expect(errors.map((e) => `${e.doc}:${e.line} ${e.message}`)).toEqual([]);
  });
});
