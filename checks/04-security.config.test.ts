/**
 * Step 04 · Security: the JWT secret at start-up, at its edges. The length boundary (31 refused,
 * 32 enough) and NODE_ENV left unset (it runs as production: no public secret).
 */
import { describe } from 'vitest';
import { freePort } from '../runner/lib/processes.js';
import { requirement, scratchCopy, serverDatabase, startServer } from './support/index.js';
import { dir, expectRefusedSecret, L } from './04-security.shared.js';

describe('the server process', () => {
  requirement('with NODE_ENV=production, a JWT_SECRET of 31 characters stops the server at start-up, and one of exactly 32 starts it', { lesson: L.secret, covers: ['jwt-secret-required'], concurrent: true, timeout: 30_000 }, async () => {
    await expectRefusedSecret({ JWT_SECRET: 's'.repeat(31) }, 'NODE_ENV=production and a JWT_SECRET of 31 characters (one short of 32)');
    const db = await serverDatabase(dir);
    try {
      const server = await startServer(dir, { env: { ...db.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: 'S'.repeat(32), PORT: String(await freePort()) }, lesson: L.secret });
      await server.stop();
    } finally {
      await db.drop();
    }
  });

  requirement('with no NODE_ENV and no JWT_SECRET (and no .env), the server stops at start-up naming JWT_SECRET: unset runs as production', { lesson: L.secret, covers: ['node-env-unset-fails-closed'], concurrent: true, timeout: 20_000 }, async () => {
    const { copy, cleanUp } = scratchCopy(dir, { name: '04-security-no-node-env' });
    try {
      await expectRefusedSecret({ NODE_ENV: undefined, JWT_SECRET: undefined }, 'NODE_ENV and JWT_SECRET both unset (no .env)', copy);
    } finally {
      cleanUp();
    }
  });
});
