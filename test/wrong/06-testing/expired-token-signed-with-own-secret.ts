import type { WrongSubmission } from '../types.js';

// The lesson allows handing the app "a token you made already expired". This one is signed with
// a secret of the test's own, so the app refuses it for its signature, expired or not, and the
// test checks only the status: it passes as well when expiry is not checked at all.
export default {
  description: 'the expired-token test signs its own expired token with a made-up secret and checks only the 401: the app refuses it for its signature, not its age',
  caughtBy: 'your tests notice when an expired token is still accepted',
  edits: [
    // (jsonwebtoken is imported by the reference's users.test.ts already: its forged-token test.)
    {
      file: 'test/users.test.ts',
      find: `    const ada = await registerUser(t, 'ada');
    // jsonwebtoken reads Date.now(): move it, never wait. Only Date is faked; timers run as usual.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61 * 60 * 1000);
    const res = await t.http().get('/api/user').set(ada.auth);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: { token: ['has expired'] } });`,
      replace: `    await registerUser(t, 'ada');
    // An hour-old token, made by hand: no clock to move.
    const expired = jwt.sign({ ver: 0, exp: Math.floor(Date.now() / 1000) - 60 }, 'any-secret-will-do-for-an-expired-token', { subject: '1' });
    const res = await t.http().get('/api/user').set(authOf(expired));
    expect(res.status).toBe(401);`,
    },
  ],
} satisfies WrongSubmission;
