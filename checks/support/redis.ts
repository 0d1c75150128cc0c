/**
 * Redis for the checks of step 08 (limits shared by several instances, readiness). The checks
 * use the Redis server at WORKSHOP_REDIS_URL (default redis://127.0.0.1:6379): the workshop's
 * `docker compose up -d redis`, or the one the operating system's package runs.
 *
 * Each check gets a logical database of its own choosing at random (1..15) and unique names
 * (emails) in it; it deletes only the keys that hold its own names, never FLUSHALL/FLUSHDB: the
 * Redis may be the learner's, with their own data in it.
 *
 * A tiny client of the Redis protocol (RESP2) is enough for that, and keeps the checks free of
 * the learner's choice of client library.
 */
import net from 'node:net';
import { randomInt } from 'node:crypto';
import { BlockedFailure } from './expect.js';
import { budget } from './budget.js';

export const redisServerUrl = (): string => process.env.WORKSHOP_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface RedisAddress {
  host: string;
  port: number;
  password?: string;
  username?: string;
}

export function redisAddress(url = redisServerUrl()): RedisAddress {
  const u = new URL(url);
  return {
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(u.username && { username: decodeURIComponent(u.username) }),
  };
}

/** A REDIS_URL for the app: the server's credentials, the given host and port (a proxy) and logical database. */
export function redisUrlFor(db: number, via?: { host: string; port: number }): string {
  const a = redisAddress();
  const auth = a.password ? `${a.username ? encodeURIComponent(a.username) : ''}:${encodeURIComponent(a.password)}@` : '';
  const host = via?.host ?? a.host;
  return `redis://${auth}${host.includes(':') ? `[${host}]` : host}:${via?.port ?? a.port}/${db}`;
}

/** A logical database for one check: 1..15 (0 is where a learner's own data most likely lives). */
export const checkRedisDb = (): number => randomInt(1, 16);

/**
 * A logical database that no other check claiming one uses until `release()`: for a check whose
 * keys are the app's own fixed names (a cache's), which two apps on two databases must not share.
 * The claims are keys in database 0 that expire by themselves, so a crashed check frees its claim.
 */
export async function claimRedisDb(purpose: string, { holdMs = 300_000, waitMs = budget(60_000) } = {}): Promise<{ db: number; release: () => Promise<void> }> {
  const me = `${process.pid}-${randomInt(1e9)}`;
  const until = Date.now() + waitMs;
  for (;;) {
    const order = Array.from({ length: 15 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    for (const db of order) {
      const key = `workshop:checks:claim:${db}`;
      const [, got] = await redisCommands([['SELECT', 0], ['SET', key, `${purpose} ${me}`, 'NX', 'PX', holdMs]]);
      if (got === 'OK') {
        return {
          db,
          release: async () => {
            const [, held] = await redisCommands([['SELECT', 0], ['GET', key]]).catch(() => [null, null]);
            if (held === `${purpose} ${me}`) await redisCommands([['SELECT', 0], ['DEL', key]]).catch(() => undefined);
          },
        };
      }
    }
    if (Date.now() > until) return { db: checkRedisDb(), release: async () => undefined };
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The keys of a logical database whose names match a glob pattern (SCAN, never KEYS). */
export async function keysMatching(db: number, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  for (let i = 0; i < 500; i++) {
    const [, reply] = await redisCommands([['SELECT', db], ['SCAN', cursor, 'MATCH', pattern, 'COUNT', 1000]]);
    if (!Array.isArray(reply)) break;
    cursor = String(reply[0]);
    for (const key of (reply[1] as Reply[]) ?? []) if (typeof key === 'string') keys.push(key);
    if (cursor === '0') break;
  }
  return keys;
}

type Reply = string | number | null | Reply[] | Error;

function encode(args: (string | number)[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join('')}`;
}

/** Parses one reply from the start of `buf`: the reply and where it ends, or undefined when incomplete. */
function parse(buf: Buffer, at = 0): { reply: Reply; end: number } | undefined {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[at]);
  const line = buf.toString('utf8', at + 1, eol);
  if (type === '+') return { reply: line, end: eol + 2 };
  if (type === '-') return { reply: new Error(line), end: eol + 2 };
  if (type === ':') return { reply: Number(line), end: eol + 2 };
  if (type === '$') {
    const n = Number(line);
    if (n < 0) return { reply: null, end: eol + 2 };
    if (buf.length < eol + 2 + n + 2) return undefined;
    return { reply: buf.toString('utf8', eol + 2, eol + 2 + n), end: eol + 2 + n + 2 };
  }
  if (type === '*') {
    const n = Number(line);
    if (n < 0) return { reply: null, end: eol + 2 };
    const items: Reply[] = [];
    let pos = eol + 2;
    for (let i = 0; i < n; i++) {
      const item = parse(buf, pos);
      if (!item) return undefined;
      items.push(item.reply);
      pos = item.end;
    }
    return { reply: items, end: pos };
  }
  return { reply: new Error(`unexpected reply from Redis: ${buf.toString('utf8', at, Math.min(buf.length, at + 40))}`), end: buf.length };
}

/** Sends commands one after another on one connection; resolves with their replies. */
export function redisCommands(commands: (string | number)[][], { url = redisServerUrl(), timeoutMs = budget(3000) } = {}): Promise<Reply[]> {
  const a = redisAddress(url);
  const all: (string | number)[][] = [...(a.password ? [a.username ? ['AUTH', a.username, a.password] : ['AUTH', a.password]] : []), ...commands];
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: a.host, port: a.port });
    let buf = Buffer.alloc(0);
    const replies: Reply[] = [];
    const done = (err?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(replies.slice(all.length - commands.length));
    };
    const timer = setTimeout(() => done(new Error(`no answer from Redis at ${a.host}:${a.port}`)), timeoutMs);
    socket.once('error', (err) => done(err));
    socket.once('connect', () => socket.write(all.map(encode).join('')));
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const next = parse(buf);
        if (!next) break;
        replies.push(next.reply);
        buf = buf.subarray(next.end);
        if (replies.length === all.length) return done();
      }
    });
  });
}

/** Undefined when the Redis server answers PING; else why not. */
export async function redisProblem(): Promise<string | undefined> {
  try {
    const [pong] = await redisCommands([['PING']]);
    if (pong instanceof Error) return `it answered PING with an error: ${pong.message}`;
    return pong === 'PONG' ? undefined : `it answered PING with ${JSON.stringify(pong)}`;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return e.code ? `${e.code}: ${e.message}` : e.message;
  }
}

/**
 * Fails (blocked, never passes) when no Redis answers: the check cannot say anything about the
 * learner's code without one, and a check that passed without running would hide a broken limit.
 */
export async function requireRedis(lesson: string, what: string): Promise<void> {
  const problem = await redisProblem();
  if (problem === undefined) return;
  const where = redisServerUrl().replace(/\/\/[^@]*@/, '//***@');
  throw new BlockedFailure(
    `a Redis server at ${where} for ${what}`,
    `nothing usable answers there (${problem})`,
    lesson,
    'start one and run the checks again: `docker compose up -d redis` in the workshop folder, or the operating system\'s package (Debian/Ubuntu: sudo apt install redis-server; macOS: brew install redis && brew services start redis). If yours listens elsewhere, set WORKSHOP_REDIS_URL=redis://host:port',
    'a Redis server: docker compose up -d redis',
  );
}

/** Deletes the keys of logical database `db` whose names contain one of `parts` (a check's own names). Best effort. */
export async function deleteOwnKeys(db: number, parts: string[]): Promise<void> {
  // Only names the check made: never a shared one such as 127.0.0.1.
  const own = parts.filter((p) => p.length >= 8 && p !== '127.0.0.1');
  if (own.length === 0) return;
  try {
    const found = new Set<string>();
    for (const part of own) for (const key of await keysMatching(db, `*${part.replace(/[*?[\]\\]/g, '\\$&')}*`)) found.add(key);
    if (found.size > 0) await redisCommands([['SELECT', db], ['DEL', ...found]]);
  } catch {
    // Keys of a limit expire by themselves: nothing is lost if this fails.
  }
}
