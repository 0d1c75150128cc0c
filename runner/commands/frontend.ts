import type { Command } from '../lib/command.js';
import { str } from '../lib/args.js';
import { UsageError } from '../lib/errors.js';
import { parseApiOrigin, probeCors, startFrontendServer } from '../lib/frontend-server.js';
import { freePort } from '../lib/processes.js';
import { c, next, out, sym } from '../lib/ui.js';

const command: Command = {
  async run({ flags }) {
    const api = parseApiOrigin(str(flags.api) ?? 'http://localhost:3000');
    if ('error' in api) throw new UsageError(api.error);
    const wanted = Number(str(flags.port) ?? 4100);
    if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${str(flags.port)}")`);

    const server = await startFrontendServer({ apiOrigin: api.origin, port: wanted, fallbackPort: freePort });
    const origin = `http://localhost:${server.port}`;
    if (wanted !== 0 && server.port !== wanted) out(c.yellow(`Port ${wanted} is busy, so the client runs on ${server.port}: that origin is the one your API must allow.`));
    out(
      `${c.bold('Conduit web client')}  ${c.bold(`${origin}/`)}  ${c.dim('(Ctrl-C to stop)')}`,
      `It calls the API at ${c.bold(`${api.origin}/api`)}${c.dim(' (another one: -- --api <url>)')}`,
      `Your API's .env must allow this origin (comma-separate several):`,
      `  CORS_ORIGINS=${origin}`,
    );
    const cors = await probeCors(api.origin, origin);
    if (cors === 'allowed') out(c.green(`${sym.pass} The API answers and allows ${origin}.`));
    else if (cors === 'refused') out(c.yellow(`${sym.fail} The API answers but does not allow ${origin} yet: add it to CORS_ORIGINS and restart the API.`));
    else out(c.yellow(`${sym.fail} Nothing answers at ${api.origin} yet: start your API (npm run step 7), or pass -- --api <url>.`));
    next(`open ${origin}/ in your browser and sign up.`);

    await new Promise<void>((resolve) => {
      const stop = () => void server.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    out(c.dim('Web client stopped.'));
    return 0;
  },
};

export default command;
