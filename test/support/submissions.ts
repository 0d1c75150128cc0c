import fs from 'node:fs';
import path from 'node:path';
import { copyProject } from '../../runner/lib/fsutil.js';
import type { WrongSubmission } from '../wrong/types.js';

/** Applies a wrong submission to a copy of the solution; every edit must apply. */
export function applyWrong(dir: string, wrong: WrongSubmission): void {
  for (const edit of wrong.edits ?? []) {
    const file = path.join(dir, edit.file);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(edit.find)) throw new Error(`${edit.file} no longer contains the text this wrong submission edits:\n${edit.find}`);
    fs.writeFileSync(file, text.replace(edit.find, edit.replace));
  }
  for (const [rel, content] of Object.entries(wrong.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  for (const rel of wrong.remove ?? []) fs.rmSync(path.join(dir, rel), { force: true, recursive: true });
}

/**
 * A correct variant is a folder under test/variants/<step>/<name>/: its files are laid over a
 * copy of the reference solution, and `variant.json` says what it does differently and which of
 * the solution's files it removes ({ "description": "…", "remove": ["src/x.ts"] }).
 */
export interface VariantInfo {
  description: string;
  remove?: string[];
}

export function readVariant(folder: string): VariantInfo {
  return JSON.parse(fs.readFileSync(path.join(folder, 'variant.json'), 'utf8')) as VariantInfo;
}

export function applyVariant(dir: string, folder: string): VariantInfo {
  const info = readVariant(folder);
  for (const rel of info.remove ?? []) fs.rmSync(path.join(dir, rel), { force: true, recursive: true });
  copyProject(folder, dir, { overwrite: true });
  fs.rmSync(path.join(dir, 'variant.json'), { force: true });
  return info;
}
