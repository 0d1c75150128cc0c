/**
 * Step 04 · Security: the login limits at their edges. Attempts sent at the same moment, the key
 * (client and email), what a success does, the limit per client whatever the emails, and the end
 * of the window, seen by moving the app's clock (never by waiting).
 */
import { describe } from 'vitest';
import { describeResponse, ensure, manualClock, requirement, type Response } from './support/index.js';
import { ownLoopbackAddress } from './support/raw-http.js';
import { expect401, freshApp, L, login, person, register, type Http, type Person } from './04-security.shared.js';

const wrongFor = (who: Person) => ({ json: { user: { email: who.email, password: `${who.password}-guess` } } });
const rightFor = (who: Person) => ({ json: { user: { email: who.email, password: who.password } } });

/** `n` failed logins for `who`, one after another: each must be a 401. `forwardedFor(i)`: an X-Forwarded-For to send with attempt i. */
async function failTimes(http: Http, who: Person, n: number, what: string, forwardedFor?: (i: number) => string): Promise<void> {
  for (let i = 1; i <= n; i += 1) {
    const headers: Record<string, string> = forwardedFor ? { 'X-Forwarded-For': forwardedFor(i) } : {};
    const sent = forwardedFor ? `, sent with X-Forwarded-For: ${forwardedFor(i)}` : '';
    expect401(await http.post('/api/users/login', { ...wrongFor(who), headers }), `${what}: failed login #${i} of ${n} (under the limit of 5)${sent}`, L.throttle, 'count failures per client address and email: 5 failures answer 401, the 6th attempt 429');
  }
}

function expect429(res: Response, what: string, hint?: string): void {
  ensure(res.status === 429, { expected: `${what}: 429 Too Many Requests`, got: describeResponse(res), hint, lesson: L.throttle });
  const retryAfter = String(res.headers['retry-after'] ?? '');
  ensure(/^\d+$/.test(retryAfter) && Number(retryAfter) > 0 && Number(retryAfter) <= 900, {
    expected: `${what}: a Retry-After header with the seconds to wait (a whole number, more than 0, at most 15 minutes)`,
    got: retryAfter ? `Retry-After: ${retryAfter}` : 'no Retry-After header',
    hint: "res.set('Retry-After', String(seconds)), rounded up so that it is never 0",
    lesson: L.throttle,
  });
}

describe('the login limit', () => {
  requirement('50 wrong passwords for one email sent at the same moment get at most 5 answers 401, and 429 for all the others', { lesson: L.throttle, covers: ['throttle-holds-in-parallel'], timeout: 30_000 }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    await register(http, ada);
    const answers = await Promise.all(Array.from({ length: 50 }, () => http.post('/api/users/login', wrongFor(ada))));
    const count = (status: number) => answers.filter((r) => r.status === status).length;
    const others = answers.filter((r) => r.status !== 401 && r.status !== 429);
    if (others.length > 0) ensure(false, { expected: 'every one of the 50 answered 401 or 429', got: describeResponse(others[0]), lesson: L.throttle });
    ensure(count(401) <= 5 && count(401) >= 1, {
      expected: '50 wrong passwords sent at once: at most 5 answers 401 (the limit), 429 for the rest',
      got: `${count(401)} answers 401 and ${count(429)} answers 429: ${count(401) > 5 ? `${count(401)} passwords were checked where 5 were allowed` : 'none was even tried'}`,
      hint: 'take the attempt before the password check, in the same synchronous step that checks the count (no await in between), and give it back when the password is right',
      lesson: L.throttle,
    });
    expect429(await http.post('/api/users/login', rightFor(ada)), 'then the right password');
  });

  requirement('after 5 failed logins for one email, the 6th attempt answers 429, while another email from the same client still logs in and fails with 401', { lesson: L.throttle, covers: ['throttle-keyed-ip-email', 'throttle-every-email', 'login-throttled', 'throttle-address-not-chosen'] , timeout: 20_000 }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const bob = person('bob');
    await Promise.all([register(http, ada), register(http, bob)]);
    await failTimes(http, ada, 5, 'ada');
    expect429(await http.post('/api/users/login', wrongFor(ada)), "ada's 6th attempt (wrong password)", 'after 5 failures for the same email and client, answer 429');
    expect429(await http.post('/api/users/login', rightFor(ada)), "ada's 7th attempt, with the right password", 'check the limit before the password: otherwise the limit tells a guesser when they got it right');
    expect401(await http.post('/api/users/login', wrongFor(bob)), "bob's wrong password from the same client, once ada is limited", L.throttle, 'key the count by client address and email, not by address alone: one email failing must not lock the others out');
    await login(http, bob);
    // Bob's success forgets bob's failures, not ada's: her email stays limited from this client.
    expect429(
      await http.post('/api/users/login', rightFor(ada)),
      "ada's right password again, just after bob logged in from the same client (ada's 5 failures are still within the 15 minutes)",
      "a successful login forgets the failures of its own client address and email only (reset that one key): forgetting every email of the client lets anyone with an account log in after every 5 guesses at someone else's password",
    );
    // From another client address, ada's email is not locked: the count is per client address and email.
    const elsewhere = await ownLoopbackAddress();
    if (elsewhere !== '127.0.0.1') {
      const res = await http.post('/api/users/login', { ...rightFor(ada), localAddress: elsewhere });
      ensure(res.status === 200, {
        expected: `ada's right password from another client address (${elsewhere}), while her email is limited from 127.0.0.1: 200, she logs in`,
        got: describeResponse(res),
        hint: "key the count by client address and email (`${req.ip}|${email}`), not by the email alone: otherwise anyone failing 5 times on purpose locks ada out from everywhere",
        lesson: L.throttle,
      });
    }
    await failTimes(http, bob, 4, 'bob, after his successful login');
    // The address is the connection's: a client that names another one in X-Forwarded-For
    // on every attempt (no proxy stands in front here) gets no extra guesses.
    const dave = person('dave');
    await register(http, dave);
    await failTimes(http, dave, 5, 'dave', (i) => `203.0.113.${i}`);
    expect429(
      await http.post('/api/users/login', { ...wrongFor(dave), headers: { 'X-Forwarded-For': '203.0.113.6' } }),
      "dave's 6th attempt from the same connection's address, with X-Forwarded-For: 203.0.113.6",
      "the client address is the connection's (req.ip with Express's default): leave 'trust proxy' unset unless a proxy you run stands in front, or any client picks a new address for every guess",
    );
    // An email with no account is counted like any other: a 429 for registered emails only would tell who has one.
    const nobody = person('nobody');
    await failTimes(http, nobody, 5, `${nobody.email}, which nobody registered`);
    expect429(await http.post('/api/users/login', wrongFor(nobody)), `a 6th failed login for ${nobody.email}, which nobody registered`, 'count the failures of every email, registered or not: otherwise the 6th answer (429 or 401) tells whether the email has an account');
    // Every spelling the login takes for carol's account (capitals, spaces around it) is carol's email.
    const carol = person('carol');
    await register(http, carol);
    const spellings = [carol.email.toUpperCase(), ` ${carol.email} `, carol.email[0].toUpperCase() + carol.email.slice(1)];
    const hers: string[] = [];
    for (const spelling of spellings) {
      const res = await http.post('/api/users/login', { json: { user: { email: spelling, password: carol.password } } });
      if (res.status === 200) hers.push(spelling);
    }
    if (hers.length > 0) {
      for (let i = 0; i < 5; i += 1) {
        const spelling = hers[i % hers.length];
        expect401(await http.post('/api/users/login', { json: { user: { email: spelling, password: `${carol.password}-guess` } } }), `failed login #${i + 1} of 5 for carol's email written ${JSON.stringify(spelling)} (which logs her in with her password)`, L.throttle);
      }
      expect429(
        await http.post('/api/users/login', rightFor(carol)),
        `carol's email as registered, with the right password, after 5 failures for it written ${hers.map((h) => JSON.stringify(h)).join(' and ')} (spellings your login takes for her account)`,
        'key the count by the email as the account is looked up (trimmed, lower case), not as it was sent: otherwise every spelling gets 5 more guesses',
      );
    }
  });

  requirement('a successful login forgets the failures: after 4 failures and a success, 5 more failures answer 401 before the limit', { lesson: L.throttle, covers: ['login-success-resets'] , timeout: 20_000 }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    await register(http, ada);
    await failTimes(http, ada, 4, 'before the success');
    await login(http, ada);
    await failTimes(http, ada, 5, 'after the success');
    expect429(await http.post('/api/users/login', wrongFor(ada)), 'the 6th failure after the success');
  });

  requirement('the limit ends with its 15 minutes: still 429 after 14 minutes, the right password logs in after 15 (the app\'s clock, moved by the check)', { lesson: L.throttle, covers: ['throttle-window'] , timeout: 20_000 }, async () => {
    const time = manualClock();
    const http = await freshApp({ clock: time.clock });
    const ada = person('ada');
    await register(http, ada);
    await failTimes(http, ada, 5, 'ada');
    expect429(await http.post('/api/users/login', wrongFor(ada)), 'the 6th attempt');
    time.tick(14 * 60 * 1000);
    const late = await http.post('/api/users/login', rightFor(ada));
    expect429(late, '14 minutes later (deps.clock moved on), the right password', 'the window is 15 minutes, not less');
    const retryAfter = Number(late.headers['retry-after']);
    ensure(retryAfter <= 61, {
      expected: '14 minutes into the 15, Retry-After says the seconds left: about 60, not more',
      got: `Retry-After: ${late.headers['retry-after']}`,
      hint: 'answer the seconds until the window ends (its end minus deps.clock(), rounded up), not the length of the window',
      lesson: L.throttle,
    });
    time.tick(60 * 1000 + 1000);
    const res = await http.post('/api/users/login', rightFor(ada));
    ensure(res.status === 200, {
      expected: '15 minutes and 1 second after the failures (deps.clock moved on), the right password logs in: 200',
      got: describeResponse(res),
      hint: 'read the time from deps.clock in the limiter (createAttemptLimiter(limits, clock)), not from Date.now()',
      lesson: L.throttle,
    });
    // The limit is 5 failures *within* 15 minutes: failures 7 minutes apart never have more than 3
    // of them in any 15 minutes, so they never lock the email out, however many there are.
    const spread = manualClock();
    const apart = await freshApp({ clock: spread.clock });
    const bea = person('bea');
    await register(apart, bea);
    for (let i = 1; i <= 5; i += 1) {
      if (i > 1) spread.tick(7 * 60 * 1000);
      expect401(
        await apart.post('/api/users/login', wrongFor(bea)),
        `bea's failed login #${i}, ${7 * (i - 1)} minutes after her first (7 minutes apart: never more than 3 within 15 minutes)`,
        L.throttle,
        'the limit counts the failures within 15 minutes of each other, not every failure since the first',
      );
    }
    spread.tick(7 * 60 * 1000);
    const later = await apart.post('/api/users/login', rightFor(bea));
    ensure(later.status === 200, {
      expected: "bea's right password 35 minutes after her first failure, her 5 failures having come 7 minutes apart (never more than 3 within 15 minutes, the lesson's 5 within 15 never reached): 200",
      got: describeResponse(later),
      hint: "end a key's window 15 minutes after it began (or count only the failures of the last 15 minutes); do not move its end to 15 minutes after each new failure, which lets failures spread over hours add up to a lock",
      lesson: L.throttle,
    });
  });
});

describe('the limit per client', () => {
  requirement('50 failed logins from one client for 50 different emails answer 401, the 51st answers 429, and successful logins do not count', { lesson: L.throttle, covers: ['throttle-per-client', 'throttle-per-client-success', 'throttle-refused-not-counted'], timeout: 60_000 }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    await register(http, ada);
    for (let i = 0; i < 3; i += 1) await login(http, ada);
    const strangers = Array.from({ length: 50 }, (_, i) => person(`nobody${i}`));
    // Ten at a time: every email differs, so only the limit per client can refuse them.
    const statuses: number[] = [];
    for (let i = 0; i < strangers.length; i += 10) {
      // A success half-way gives back its own attempt, and no more: it does not wipe the failures.
      if (i === 30) await login(http, ada);
      const batch = await Promise.all(strangers.slice(i, i + 10).map((who) => http.post('/api/users/login', wrongFor(who))));
      statuses.push(...batch.map((r) => r.status));
    }
    const not401 = statuses.findIndex((s) => s !== 401);
    ensure(not401 < 0, {
      expected: '50 failed logins from one client, each for another email (and 3 successful ones before, 1 after the 30th): all 401',
      got: `failed login #${not401 + 1} answered ${statuses[not401]}`,
      hint: 'the limit per client is 50 failures in 15 minutes, and a successful login does not count towards it',
      lesson: L.throttle,
    });
    expect429(
      await http.post('/api/users/login', wrongFor(person('nobody-else'))),
      'a 51st failed login from the same client, for yet another email (a successful login came after the 30th)',
      'count failures per client address too (50 in 15 minutes), whatever the email; a successful login gives back its own attempt, it does not forget the failures',
    );
    // At the same moment too: 60 failed logins for 60 emails sent at once, on an app that has counted nothing yet.
    const burst = await freshApp();
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => burst.post('/api/users/login', wrongFor(person(`burst${i}`)))));
    const count = (status: number) => answers.filter((r) => r.status === status).length;
    const others = answers.filter((r) => r.status !== 401 && r.status !== 429);
    if (others.length > 0) ensure(false, { expected: 'every one of the 60 answered 401 or 429', got: describeResponse(others[0]), lesson: L.throttle });
    ensure(count(401) <= 50, {
      expected: '60 failed logins from one client for 60 different emails, sent at once: at most 50 answers 401, 429 for the rest',
      got: `${count(401)} answers 401 and ${count(429)} answers 429: ${count(401)} passwords were checked where 50 were allowed`,
      hint: 'take the attempt from the limit per client before the password check too, in the same synchronous step that checks its count, and give it back when the password is right',
      lesson: L.throttle,
    });
    // An attempt answered 429 is no failed login: 50 of them for a locked email leave the count per client where it was.
    const locked = await freshApp();
    const dora = person('dora');
    await register(locked, dora);
    await failTimes(locked, dora, 5, 'dora');
    for (let i = 1; i <= 50; i += 1) {
      const refused = await locked.post('/api/users/login', wrongFor(dora));
      if (refused.status !== 429) ensure(false, { expected: `dora's attempt #${i} after her 5 failures: 429 Too Many Requests`, got: describeResponse(refused), lesson: L.throttle });
    }
    expect401(
      await locked.post('/api/users/login', wrongFor(person('stranger'))),
      "a failed login for another email from the same client, after 5 failed logins and 50 attempts refused with 429 for dora's: 6 failed logins in all, under the 50 per client",
      L.throttle,
      'an attempt answered 429 is not a failed login: give back what it took from the limit per client when the limit per email refuses it',
    );
  });
});
