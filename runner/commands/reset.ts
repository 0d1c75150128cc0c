import fs from 'node:fs';
import type { Command } from '../lib/command.js';
import { UsageError } from '../lib/errors.js';
import { shortPath } from '../lib/paths.js';
import { findAvailableStep } from '../lib/steps.js';
import { c, next, npmRun, out } from '../lib/ui.js';
import { resetWorkspace, workspaceDir } from '../lib/workspace.js';

const command: Command = {
  options: {},
  async run({ positionals }) {
    if (positionals.length !== 1) throw new UsageError(`which step? e.g. ${npmRun('reset', '1')}`);
    const step = findAvailableStep(positionals[0]);
    const dir = workspaceDir(step);
    const existed = fs.existsSync(dir);
    const backup = resetWorkspace(step);
    out(c.green(`${shortPath(dir)} is the pristine starter again.`));
    if (backup) out(`Your previous files are saved in ${c.bold(shortPath(backup))} (copy back anything you want to keep).`);
    else if (!existed) out(c.dim('There was nothing to back up: the step had not been started.'));
    next(npmRun('step', String(step.number)));
    return 0;
  },
};

export default command;
