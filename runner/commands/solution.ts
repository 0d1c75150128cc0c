import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../lib/command.js';
import { UsageError } from '../lib/errors.js';
import { shortPath } from '../lib/paths.js';
import { freePort, isPortFree, killTree, startTsProcess } from '../lib/processes.js';
import { findAvailableStep } from '../lib/steps.js';
import { c, npmRun, out } from '../lib/ui.js';
import { solutionDir } from '../lib/workspace.js';
import { runDbTask, usesDatabase } from '../lib/db-tasks.js';

const command: Command = {
  async run({ positionals }) {
    if (positionals.length !== 1) throw new UsageError(`which step? e.g. ${npmRun('solution', '1')}`);
    const step = findAvailableStep(positionals[0]);
    const dir = solutionDir(step);
    if (!fs.existsSync(path.join(dir, 'src', 'server.ts'))) throw new UsageError(`${shortPath(dir)} has no src/server.ts to run`);

    if (usesDatabase(dir)) {
      // The reference needs its tables, and is more fun to explore with some data in them.
      const seeded = await runDbTask(dir, 'seed');
      if (!seeded.ok) throw new UsageError(`could not prepare the reference's database (${seeded.database ?? '?'}): ${seeded.error}`);
      out(c.dim(`Database ready with demo data: ${seeded.database}`));
    }

    const wanted = Number(process.env.PORT ?? 3000) || 3000;
    const port = (await isPortFree(wanted)) ? wanted : await freePort();
    if (port !== wanted) out(c.yellow(`Port ${wanted} is busy (your own server?), so the reference runs on ${port}.`));
    out(`${c.bold(`Reference solution of ${step.slug}`)} at ${c.bold(`http://localhost:${port}`)}  ${c.dim(`(${shortPath(dir)}; Ctrl-C to stop)`)}`);

    const proc = startTsProcess({
      cwd: dir,
      env: { PORT: String(port), NODE_ENV: process.env.NODE_ENV ?? 'development' },
      group: true,
      leash: true,
      onOutput: (chunk, stream) => (stream === 'stderr' ? process.stderr : process.stdout).write(chunk),
    });
    const stop = () => void proc.stop(1500);
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('exit', () => killTree(proc.child, 'SIGKILL', true));
    const code = await proc.exited;
    return typeof code === 'number' ? code : 0;
  },
};

export default command;
