/**
 * Makes an existing user an admin. Roles never come from a request, so the first admin is made
 * here, by someone who can already reach the database:
 *
 *   npx tsx src/scripts/make-admin.ts ada@example.com
 *
 * Run it from the step folder: it reads .env and the environment exactly like the server does,
 * so it changes the database the server uses. `--revoke` turns an admin back into a user.
 */
import 'dotenv/config';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/index.js';
import type { Models, Role } from '../db/models.js';

async function main(args: string[]): Promise<number> {
  const revoke = args.includes('--revoke');
  const emails = args.filter((a) => !a.startsWith('--'));
  if (emails.length !== 1) {
    console.error('usage: npx tsx src/scripts/make-admin.ts <email> [--revoke]');
    return 1;
  }
  const email = emails[0].trim().toLowerCase();
  const role: Role = revoke ? 'user' : 'admin';

  const config = loadConfig(process.env);
  const db = await openDatabase(config.database);
  try {
    const { User } = db.models as unknown as Models;
    // A bound parameter, like every query the ORM writes: the email is data, never SQL.
    const [changed] = await User.update({ role }, { where: { email } });
    if (changed === 0) {
      console.error(`no user has the email ${email}: register first (POST /api/users), then run this again`);
      return 1;
    }
    console.log(`${email} is now ${revoke ? 'a user (no longer an admin)' : 'an admin'}`);
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // A user mistake (bad config, no database, migrations not run) is one line, not a stack trace.
    console.error(err instanceof ConfigError ? err.message : `make-admin failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
