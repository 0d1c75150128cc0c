/**
 * Unpacking a submission sent as a zip file (an LMS download, "Download ZIP" on GitHub), for
 * grading. A zip is learner-controlled input: its entry names may climb out of the folder
 * (`../../.bashrc`, `/etc/passwd`, `C:\…`), and its sizes may be a bomb. Every entry is checked
 * before a byte is written, and the limits below end an unpacking early with a reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, type UnzipFileInfo } from 'fflate';

export interface ZipLimits {
  /** The zip file itself. */
  maxZipBytes: number;
  /** Every entry unpacked, added up (as the zip declares them; fflate never inflates past it). */
  maxUnpackedBytes: number;
  maxEntries: number;
}

/** Far above any honest submission (the reference solution of the last step is under 1 MB without node_modules). */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxZipBytes: 100 * 2 ** 20, maxUnpackedBytes: 300 * 2 ** 20, maxEntries: 20_000 };

export class ZipError extends Error {
  override name = 'ZipError';
}

/** What an archive adds that is nobody's work: macOS resource forks and Finder files. */
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

/**
 * The entry's path inside the destination, or undefined for a directory entry or junk. Throws on
 * a name that would leave the destination.
 */
export function entryPath(name: string): string | undefined {
  const normal = name.replace(/\\/g, '/');
  if (normal.endsWith('/') || JUNK.test(normal)) return undefined;
  if (normal.startsWith('/') || /^[A-Za-z]:/.test(normal) || normal.includes('\0')) throw new ZipError(`an entry has an absolute path: ${JSON.stringify(name)}`);
  const parts = normal.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new ZipError(`an entry climbs out of the folder: ${JSON.stringify(name)}`);
  return parts.length ? parts.join('/') : undefined;
}

/**
 * Unpacks `file` into `dest` (created; must not exist yet). Throws a ZipError naming the problem
 * for an unreadable, hostile or oversized zip; `dest` is then removed.
 */
export function unpackZip(file: string, dest: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  const size = fs.statSync(file).size;
  if (size > limits.maxZipBytes) throw new ZipError(`the zip is ${Math.round(size / 2 ** 20)} MB, more than the ${Math.round(limits.maxZipBytes / 2 ** 20)} MB allowed`);
  let entries = 0;
  let unpacked = 0;
  let problem: ZipError | undefined;
  // Each entry's checked path, decided once, before anything is inflated.
  const kept = new Map<string, string>();
  const keep = (info: UnzipFileInfo): boolean => {
    if (problem) return false;
    try {
      const rel = entryPath(info.name);
      if (rel === undefined) return false;
      kept.set(info.name, rel);
    } catch (err) {
      problem = err as ZipError;
      return false;
    }
    entries += 1;
    unpacked += info.originalSize;
    if (entries > limits.maxEntries) problem = new ZipError(`the zip has more than ${limits.maxEntries} files`);
    else if (unpacked > limits.maxUnpackedBytes) problem = new ZipError(`the zip unpacks to more than ${Math.round(limits.maxUnpackedBytes / 2 ** 20)} MB`);
    return !problem;
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(fs.readFileSync(file), { filter: keep });
  } catch (err) {
    throw new ZipError(`not a zip file fflate can read (${(err as Error).message})`);
  }
  if (problem) throw problem;
  fs.mkdirSync(dest, { recursive: true });
  try {
    for (const [name, data] of Object.entries(files)) {
      const rel = kept.get(name);
      if (rel === undefined) continue;
      const target = path.join(dest, ...rel.split('/'));
      // A file and a folder of the same name in one zip: the second cannot be written, and says so.
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, data, { flag: 'wx' });
    }
  } catch (err) {
    fs.rmSync(dest, { recursive: true, force: true });
    throw err instanceof ZipError ? err : new ZipError(`could not unpack it: ${(err as Error).message}`);
  }
}
