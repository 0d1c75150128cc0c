import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { SKIPPED } from './fsutil.js';

export interface Watcher {
  /** True when the watcher polls file times instead of receiving events from the OS. */
  polling: boolean;
  close(): Promise<void>;
}

const ignored = (file: string): boolean => file.split(/[\\/]/).some((part) => SKIPPED.has(part)) || /\.workshop-watch-probe/.test(file);

/** Network drives, WSL's /mnt/c and some containers never deliver file events. */
function knownToNeedPolling(dir: string): boolean {
  if (process.env.WORKSHOP_POLL === '1' || process.env.CHOKIDAR_USEPOLLING === '1') return true;
  try {
    const isWsl = /microsoft/i.test(fs.readFileSync('/proc/version', 'utf8'));
    if (isWsl && path.resolve(dir).startsWith('/mnt/')) return true;
  } catch {
    // Not Linux: nothing to read.
  }
  return false;
}

function start(dir: string, polling: boolean, onChange: (file: string) => void): FSWatcher {
  return watch(dir, {
    ignored,
    ignoreInitial: true,
    usePolling: polling,
    interval: 300,
    awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 },
  }).on('all', (_event, file) => onChange(file));
}

/**
 * Watches a project folder. It proves that native events arrive by touching a probe file once;
 * where none arrives in time, it falls back to polling, so saving always re-runs the checks.
 */
export async function watchProject(dir: string, onChange: (file: string) => void): Promise<Watcher> {
  let polling = knownToNeedPolling(dir);
  let watcher = start(dir, polling, onChange);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  if (!polling) {
    const probe = path.join(dir, `.workshop-watch-probe-${process.pid}`);
    const seen = new Promise<boolean>((resolve) => {
      const probeWatcher = watch(dir, { ignoreInitial: true, depth: 0 }).on('add', (f) => {
        if (f === probe) {
          void probeWatcher.close();
          resolve(true);
        }
      });
      probeWatcher.once('ready', () => fs.writeFileSync(probe, ''));
      setTimeout(() => {
        void probeWatcher.close();
        resolve(false);
      }, 2000);
    });
    const ok = await seen;
    fs.rmSync(probe, { force: true });
    if (!ok) {
      await watcher.close();
      polling = true;
      watcher = start(dir, true, onChange);
    }
  }
  return {
    polling,
    close: () => watcher.close(),
  };
}
