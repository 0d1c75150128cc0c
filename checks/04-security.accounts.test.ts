/**
 * Step 04 · Security: accounts at their edges. Usernames unique whatever the case, text no
 * database keeps as sent, the limits of bio and image, what a password change does to tokens, and
 * the limit on registrations per client.
 */
import { describe } from 'vitest';
import { countRows, describeResponse, ensure, expectStatus, fileDatabase, manualClock, requirement } from './support/index.js';
import { dir, expect401, expect422For, freshApp, L, login, person, register, secrets, tokenAuth, userOf, type Http } from './04-security.shared.js';

const BAD_TEXT = { nul: 'a\u0000b', high: 'a\uD800b', low: 'a\uDC00b' };

describe('usernames', () => {
  requirement('usernames are unique whatever the case: once "ada" exists, "Ada" answers 422 for username, at registration and in PUT /api/user', { lesson: L.register, covers: ['username-taken-any-case'] , timeout: 20_000 }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    await register(http, ada);
    const upper = ada.username.toUpperCase();
    const capital = ada.username[0].toUpperCase() + ada.username.slice(1);
    for (const name of [capital, upper]) {
      const res = await http.post('/api/users', { json: { user: { ...person('other'), username: name } } });
      expect422For(res, 'username', `registering "${name}" once "${ada.username}" exists`, L.register);
    }
    const bob = person('bob');
    const bobToken = await register(http, bob);
    const res = await http.put('/api/user', { json: { user: { username: upper } }, headers: tokenAuth(bobToken) });
    expect422For(res, 'username', `bob renaming himself "${upper}" while "${ada.username}" exists`, L.current);
    // Their own name in another case is no one else's: bob may change the case of his own.
    const own = await http.put('/api/user', { json: { user: { username: bob.username.toUpperCase() } }, headers: tokenAuth(bobToken) });
    expectStatus(own, 200, L.current, `bob changing his own username to "${bob.username.toUpperCase()}" (only the case differs): his own name is not "taken"`);
    const { db } = await fileDatabase(dir);
    const users = await countRows(db, 'users');
    ensure(users === 2, { expected: '2 users in the table (ada and bob)', got: `${users} users`, lesson: L.register });
  });
});

describe('text no database keeps', () => {
  requirement('a NUL character or broken Unicode in a username, email or password answers 422 naming the field: registering, logging in and PUT /api/user', { lesson: L.register, covers: ['user-text-unstorable'] , timeout: 20_000 }, async () => {
    const http = await freshApp();
    // All three bad at once: each is named.
    const all = await http.post('/api/users', { json: { user: { username: `ada${BAD_TEXT.nul}`, email: `ada${BAD_TEXT.high}@example.com`, password: `Long-enough-${BAD_TEXT.low}` } } });
    for (const key of ['username', 'email', 'password']) expect422For(all, key, 'registering with a NUL in the username, a lone surrogate in the email and in the password', L.register);
    // One bad beside two good ones: nothing is created.
    for (const [field, value] of [
      ['username', `ada${BAD_TEXT.low}`],
      ['email', `ada${BAD_TEXT.nul}@example.com`],
      ['password', `Long-enough-${BAD_TEXT.nul}-password`],
      ['password', `Long-enough-${BAD_TEXT.high}-password`],
    ] as const) {
      const res = await http.post('/api/users', { json: { user: { ...person('valid'), [field]: value } } });
      expect422For(res, field, `registering with ${JSON.stringify(value)} as ${field} (the other fields valid)`, L.register);
    }
    const { db } = await fileDatabase(dir);
    const none = await countRows(db, 'users');
    ensure(none === 0, { expected: 'no user created by any of those registrations', got: `${none} users in the table`, lesson: L.register });

    const ada = person('ada');
    const token = await register(http, ada);
    for (const [field, value] of [
      ['email', `${ada.email}${BAD_TEXT.nul}`],
      ['email', `${BAD_TEXT.high}${ada.email}`],
      ['password', `${ada.password}${BAD_TEXT.nul}`],
      ['password', `${ada.password}${BAD_TEXT.low}`],
    ] as const) {
      const credentials = { email: ada.email, password: ada.password, [field]: value };
      expect422For(await http.post('/api/users/login', { json: { user: credentials } }), field, `logging in with ${JSON.stringify(value)} as ${field}`, L.login);
    }
    for (const [field, value] of [
      ['username', `ada${BAD_TEXT.nul}`],
      ['email', `ada${BAD_TEXT.low}@example.com`],
      ['password', `Long-enough-${BAD_TEXT.nul}-password`],
    ] as const) {
      const res = await http.put('/api/user', { json: { user: { bio: 'Changed?', [field]: value } }, headers: tokenAuth(token) });
      expect422For(res, field, `PUT /api/user with ${JSON.stringify(value)} as ${field} (and a valid bio)`, L.current);
    }
    const me = await http.get('/api/user', { headers: tokenAuth(token) });
    ensure(userOf(me)?.bio === null && userOf(me)?.username === ada.username && userOf(me)?.email === ada.email, {
      expected: 'after the refused updates, ada unchanged: the same username and email, and bio still null (a 422 changes nothing, not even the valid field)',
      got: describeResponse(me),
      lesson: L.current,
    });
    await login(http, ada);
  });
});

describe('field limits', () => {
  requirement('bio holds at most 1,000 characters and image at most 2,048: exactly the maximum is kept, one more answers 422 naming the field and changes nothing', { lesson: L.current, covers: ['user-field-limits'] , timeout: 20_000 }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const token = await register(http, ada);
    const headers = tokenAuth(token);
    const bio = 'b'.repeat(1000);
    const image = `https://example.com/${'i'.repeat(2048 - 'https://example.com/'.length)}`;
    const ok = await http.put('/api/user', { json: { user: { bio, image } }, headers });
    expectStatus(ok, 200, L.current, 'a bio of exactly 1,000 characters and an image of exactly 2,048 are accepted');
    const me = await http.get('/api/user', { headers });
    ensure(userOf(me)?.bio === bio && userOf(me)?.image === image, {
      expected: 'the bio (1,000 characters) and the image (2,048) kept whole',
      got: `bio of ${String(userOf(me)?.bio ?? '').length} characters, image of ${String(userOf(me)?.image ?? '').length}`,
      hint: 'the columns must hold them: a TEXT for bio, a VARCHAR(2048) for image',
      lesson: L.current,
    });
    // Characters, not bytes: 1,000 "é" are 2,000 bytes of UTF-8, and still 1,000 characters.
    const accented = 'é'.repeat(1000);
    const wide = await http.put('/api/user', { json: { user: { bio: accented } }, headers });
    expectStatus(wide, 200, L.current, 'a bio of 1,000 "é" (1,000 characters, 2,000 bytes in UTF-8) is accepted: the limit counts characters');
    const kept = await http.get('/api/user', { headers });
    ensure(userOf(kept)?.bio === accented, {
      expected: 'the bio of 1,000 "é" kept whole',
      got: `a bio of ${String(userOf(kept)?.bio ?? '').length} characters`,
      hint: 'count characters ([...value].length), not bytes (Buffer.byteLength)',
      lesson: L.current,
    });
    expectStatus(await http.put('/api/user', { json: { user: { bio } }, headers }), 200, L.current, 'a bio of exactly 1,000 characters is accepted');
    const both = await http.put('/api/user', { json: { user: { bio: `${bio}b`, image: `${image}i` } }, headers });
    expect422For(both, 'bio', 'a bio of 1,001 characters and an image of 2,049, at once', L.current);
    expect422For(both, 'image', 'a bio of 1,001 characters and an image of 2,049, at once', L.current);
    for (const [field, value] of [['bio', `${bio}b`], ['image', `${image}i`]] as const) {
      const res = await http.put('/api/user', { json: { user: { username: `${ada.username}_renamed`, [field]: value } }, headers });
      expect422For(res, field, `a ${field} one character too long, beside a valid new username`, L.current);
    }
    const after = await http.get('/api/user', { headers });
    ensure(userOf(after)?.username === ada.username && userOf(after)?.bio === bio, {
      expected: 'after the refused updates, the same username and bio: a 422 changes nothing',
      got: describeResponse(after),
      lesson: L.current,
    });
  });
});

describe('changing the password', () => {
  requirement("a new password ends every token issued before it, the one that made the change included, and the answer's new token works", { lesson: L.current, covers: ['password-change-ends-tokens', 'password-change-new-token', 'same-token-back'] , timeout: 20_000 }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const fromRegister = await register(http, ada);
    const fromLogin = await login(http, ada);
    // A change that is not the password ends nothing.
    const bioChange = await http.put('/api/user', { json: { user: { bio: 'Still me.' } }, headers: tokenAuth(fromLogin) });
    expectStatus(bioChange, 200, L.current);
    expectStatus(await http.get('/api/user', { headers: tokenAuth(fromRegister) }), 200, L.current, 'changing the bio ends no token');
    const renewed = `${ada.password}-renewed`;
    secrets.add(renewed);
    const change = await http.put('/api/user', { json: { user: { password: renewed } }, headers: tokenAuth(fromLogin) });
    expectStatus(change, 200, L.current);
    const fresh = userOf(change)?.token;
    ensure(typeof fresh === 'string' && fresh !== fromLogin && fresh !== fromRegister, {
      expected: 'the answer to a password change carries a new token (the old ones end with the change)',
      got: describeResponse(change),
      hint: 'issue a token for the updated user when the password changed',
      lesson: L.current,
    });
    for (const [what, token] of [['the token from registering', fromRegister], ['the token that made the change', fromLogin]] as const) {
      expect401(await http.get('/api/user', { headers: tokenAuth(token) }), `GET /api/user with ${what}, after the password changed`, L.current, "keep a version per user (users.token_version), put it in the token, add one on a password change, and refuse a token whose version is not the user's");
      expect401(await http.post('/api/articles', { json: { article: { title: 'Stolen', description: 'x', body: 'y' } }, headers: tokenAuth(token) }), `POST /api/articles with ${what}, after the password changed`, L.current);
    }
    const me = await http.get('/api/user', { headers: tokenAuth(fresh) });
    ensure(me.status === 200 && userOf(me)?.username === ada.username, {
      expected: 'GET /api/user with the token from the password change answers 200 with ada',
      got: describeResponse(me),
      lesson: L.current,
    });
    const again = await login(http, { ...ada, password: renewed });
    expectStatus(await http.get('/api/user', { headers: tokenAuth(again) }), 200, L.current, 'a token from logging in with the new password works');
    expectStatus(await http.get('/api/user', { headers: tokenAuth(fresh) }), 200, L.current, 'logging in again does not end the token of the password change');
  });
});

/**
 * Registers `count` people, one after another; returns their statuses. Each names another address
 * in X-Forwarded-For, which changes nothing: the client address is the connection's.
 */
async function registerMany(http: Http, people: { username: string; email: string; password: string }[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const [i, who] of people.entries()) statuses.push((await http.post('/api/users', { json: { user: who }, headers: { 'X-Forwarded-For': `198.51.100.${i + 1}` } })).status);
  return statuses;
}

describe('registrations', () => {
  requirement('the 21st registration from one client within 15 minutes answers 429 with a Retry-After header, whether or not it would have succeeded', { lesson: L.register, covers: ['registrations-throttled', 'throttle-address-not-chosen'], timeout: 30_000 }, async () => {
    const time = manualClock();
    const http = await freshApp({ clock: time.clock });
    const first = person('first');
    const people = [first, ...Array.from({ length: 14 }, (_, i) => person(`reg${i}`))];
    // 15 that succeed and 5 that would not (the email is taken): 20 in all, none refused.
    const taken = Array.from({ length: 5 }, (_, i) => ({ ...person(`dup${i}`), email: first.email }));
    const statuses = await registerMany(http, [...people, ...taken]);
    const refused = statuses.map((s, i) => [i + 1, s] as const).filter(([, s]) => s === 429);
    ensure(refused.length === 0, {
      expected: '20 registrations from one client within 15 minutes all answered (none 429)',
      got: `registration #${refused[0]?.[0]} answered 429`,
      hint: 'the limit is 20 per client address in 15 minutes: the 21st is the first refused',
      lesson: L.register,
    });
    // Ten minutes on, the window has five left: Retry-After says so.
    time.tick(10 * 60 * 1000);
    for (const [what, who] of [['ten minutes later, a 21st registration that would succeed (each of the 21 named another address in X-Forwarded-For)', person('late')], ['a 22nd that would not (the email is taken)', { ...person('late'), email: first.email }]] as const) {
      const res = await http.post('/api/users', { json: { user: who }, headers: { 'X-Forwarded-For': '198.51.100.99' } });
      ensure(res.status === 429, {
        expected: `${what}: 429 Too Many Requests`,
        got: describeResponse(res),
        hint: "count every registration per client address (req.ip, with 'trust proxy' left unset: no proxy stands in front), before checking whether the email is taken",
        lesson: L.register,
      });
      const retryAfter = String(res.headers['retry-after'] ?? '');
      ensure(/^\d+$/.test(retryAfter) && Number(retryAfter) > 0 && Number(retryAfter) <= 301, {
        expected: `${what}: a Retry-After header, the seconds to wait (more than 0; the 20 registrations came 10 minutes ago, so at most the 5 minutes left of the 15)`,
        got: retryAfter ? `Retry-After: ${retryAfter}` : 'no Retry-After header',
        hint: 'answer the seconds until the window ends (its end minus deps.clock(), rounded up), not the length of the window',
        lesson: L.register,
      });
    }
    const { db } = await fileDatabase(dir);
    const users = await countRows(db, 'users');
    ensure(users === 15, { expected: '15 users: the refused registration created nobody', got: `${users} users`, lesson: L.register });
    time.tick(5 * 60 * 1000 + 1000);
    const later = await http.post('/api/users', { json: { user: person('later') } });
    expectStatus(later, 201, L.register, '15 minutes later (the app\'s clock moved on), registering works again');
    // At the same moment too. Each of these 30 would answer 422 (the first account's email is taken),
    // so none hashes a password or creates a row, and the count is all that is checked.
    const burst = await freshApp();
    const owner = person('owner');
    await register(burst, owner);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => burst.post('/api/users', { json: { user: { ...person(`burst${i}`), email: owner.email } } })));
    const count = (status: number) => answers.filter((r) => r.status === status).length;
    const others = answers.filter((r) => r.status !== 422 && r.status !== 429);
    if (others.length > 0) ensure(false, { expected: `one registration, then 30 more from the same client sent at once with its email (${owner.email}, taken): each answered 422 or 429`, got: describeResponse(others[0]), lesson: L.register });
    ensure(count(422) <= 19, {
      expected: 'one registration, then 30 more from the same client sent at the same moment (each with the email of the first, so each would answer 422): at most 19 of them answered 422 (20 registrations in all, the limit), 429 for the rest',
      got: `${count(422)} answers 422 and ${count(429)} answers 429: ${count(422) + 1} registrations were let through where 20 were allowed`,
      hint: 'count the registration in the same synchronous step that checks the limit (a take, as for logins), before any await: checking first and counting after a query lets every request sent at once pass the check',
      lesson: L.register,
    });
  });
});
