/**
 * Who writes articles in the project under test. Until step 04 a stand-in middleware makes
 * every request's author "demo"; from step 04 writing needs a token. The step-02 and step-03
 * checks keep running in later steps ("still working from earlier steps"), so they get their
 * author from here: the same check then holds the API of step 02, 03 and 04 to the same rules.
 */
import { BlockedFailure, describeResponse } from './expect.js';
import type { api } from './http.js';
import { stepAtLeast } from './steps.js';

export interface ActingAuthor {
  username: string;
  /** Headers every write (and, from step 04, every read that may personalise) carries. */
  headers: Record<string, string>;
}

let serial = 0;

/**
 * The author of the articles a check creates: "demo" before step 04; from step 04 a user
 * registered for this check through POST /api/users, with its token.
 */
export async function actingAuthor(http: ReturnType<typeof api>, name = 'author'): Promise<ActingAuthor> {
  if (!stepAtLeast('04-security')) return { username: 'demo', headers: {} };
  serial += 1;
  const suffix = `${process.pid}_${serial}_${Math.random().toString(36).slice(2, 6)}`;
  const user = { username: `${name}_${suffix}`, email: `${name}_${suffix}@example.com`, password: `Pw-${suffix}-Tr0ub4dor&3` };
  const res = await http.post('/api/users', { json: { user } });
  const body = res.body as { user?: { token?: unknown; username?: unknown } } | undefined;
  const token = body?.user?.token;
  if (res.status < 200 || res.status > 299 || typeof token !== 'string' || token === '') {
    throw new BlockedFailure(
      `POST /api/users {"user": {"username": "${user.username}", …}} to register an author (201 with a token): from step 04 this earlier check writes as a registered user`,
      describeResponse(res),
      'docs/04-security.md#registering',
      'this check needs registration to work first',
    );
  }
  return { username: typeof body?.user?.username === 'string' ? body.user.username : user.username, headers: { Authorization: `Token ${token}` } };
}
