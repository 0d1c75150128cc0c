import type { Command } from '../lib/command.js';
import { UsageError } from '../lib/errors.js';
import { shortPath } from '../lib/paths.js';
import { str } from '../lib/args.js';
import { findAvailableStep } from '../lib/steps.js';
import { c, confirm, next, npmRun, out } from '../lib/ui.js';
import { listBackups, restoreWorkspace, workspaceDir } from '../lib/workspace.js';

const command: Command = {
  async run({ positionals, flags }) {
    if (positionals.length !== 1) throw new UsageError(`which step? e.g. ${npmRun('restore', '1')}`);
    const step = findAvailableStep(positionals[0]);
    const n = String(step.number);
    const backups = listBackups(step);
    if (flags.list) {
      if (backups.length === 0) out(`${step.slug} has no backups yet (reset and restore make them).`);
      else for (const b of backups) out(`  ${b.name}  ${c.dim(`${b.files} file(s), ${shortPath(b.dir)}`)}`);
      if (backups.length) next(`${npmRun('restore', `${n} -- --from ${backups[backups.length - 1].name}`)}`);
      return 0;
    }
    if (backups.length === 0) throw new UsageError(`${step.slug} has no backups: ${npmRun('reset', n)} makes one before it replaces your files`);
    const wanted = str(flags.from);
    const backup = wanted ? backups.find((b) => b.name === wanted) : backups[backups.length - 1];
    if (!backup) throw new UsageError(`no backup "${wanted}" for ${step.slug}. The backups: ${backups.map((b) => b.name).join(', ')}`);
    const dir = workspaceDir(step);
    if (!flags.yes) {
      const ok = await confirm(`Replace ${shortPath(dir)} with the backup ${backup.name} (${backup.files} file(s))? Your current files are backed up first.`);
      if (!ok) {
        out(c.dim('Nothing changed.'));
        next(`to restore without being asked: ${npmRun('restore', `${n} -- --yes`)}`);
        return 1;
      }
    }
    const saved = restoreWorkspace(step, backup);
    out(c.green(`${shortPath(dir)} is back as it was in ${backup.name}.`));
    if (saved) out(`What it held a moment ago is saved in ${c.bold(shortPath(saved))}.`);
    next(npmRun('step', n));
    return 0;
  },
};

export default command;
