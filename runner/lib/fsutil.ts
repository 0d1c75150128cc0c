import fs from 'node:fs';
import path from 'node:path';

/** Folders never copied, compared, backed up or watched: installed or generated (.data holds the SQLite database), not the learner's work. */
export const SKIPPED = new Set(['node_modules', '.git', 'dist', 'coverage', '.data']);

/** Every file below `dir` (relative paths with `/`), skipping installed and generated folders. */
export function listFiles(dir: string, skip: ReadonlySet<string> = SKIPPED): string[] {
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return files.sort();
}

/** Copies a project folder, without node_modules and friends. Never overwrites an existing file unless asked. */
export function copyProject(from: string, to: string, { overwrite = false, skip = SKIPPED }: { overwrite?: boolean; skip?: ReadonlySet<string> } = {}): string[] {
  const copied: string[] = [];
  for (const rel of listFiles(from, skip)) {
    const dest = path.join(to, rel);
    if (!overwrite && fs.existsSync(dest)) continue;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(from, rel), dest);
    copied.push(rel);
  }
  fs.mkdirSync(to, { recursive: true });
  return copied;
}

/** A cheap fingerprint of a project's files: changes when any file is added, removed or saved. */
export function fingerprint(dir: string): string {
  const files = listFiles(dir);
  let acc = '';
  for (const rel of files) {
    const st = fs.statSync(path.join(dir, rel));
    acc += `${rel}:${st.size}:${Math.round(st.mtimeMs)};`;
  }
  let h = 0;
  for (let i = 0; i < acc.length; i++) h = (Math.imul(31, h) + acc.charCodeAt(i)) | 0;
  return `${files.length}-${(h >>> 0).toString(16)}`;
}

export function readJsonFile<T>(file: string, fallback: T): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

export function writeJsonFile(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(tmp, file);
}
