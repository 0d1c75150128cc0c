import fs from 'node:fs';
import type { Command } from '../lib/command.js';
import { UsageError } from '../lib/errors.js';
import { shortPath } from '../lib/paths.js';
import { findAvailableStep } from '../lib/steps.js';
import { c, confirm, next, npmRun, out } from '../lib/ui.js';
import { listFiles } from '../lib/fsutil.js';
import { resetWorkspace, workspaceDir } from '../lib/workspace.js';

const command: Command = {
  async run({ positionals, flags }) {
    if (positionals.length !== 1) throw new UsageError(`which step? e.g. ${npmRun('reset', '1')}`);
    const step = findAvailableStep(positionals[0]);
    const dir = workspaceDir(step);
    const n = String(step.number);
    const existed = fs.existsSync(dir) && listFiles(dir).length > 0;
    if (existed && !flags.yes) {
      const ok = await confirm(`Replace ${shortPath(dir)} with the pristine starter? Your files are backed up first (${npmRun('restore', n)} brings them back).`);
      if (!ok) {
        out(c.dim('Nothing changed.'));
        next(`to reset without being asked: ${npmRun('reset', `${n} -- --yes`)}`);
        return 1;
      }
    }
    const backup = resetWorkspace(step);
    out(c.green(`${shortPath(dir)} is the pristine starter again.`));
    if (backup) out(`Your previous files are saved in ${c.bold(shortPath(backup))}: ${npmRun('restore', n)} puts them back.`);
    else if (!existed) out(c.dim('There was nothing to back up: the step had not been started.'));
    next(npmRun('step', n));
    return 0;
  },
};

export default command;
