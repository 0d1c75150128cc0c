/**
 * Step 04 · Security. Users register and log in; JWTs identify them; only authors change their
 * work and admins may delete anyone's; logins are throttled; headers, SQL and config are safe.
 *
 * Every check builds its users through the API (register, login) and talks HTTP, except where the
 * database is the point: the stored password hash is read from the users table, and an admin is
 * made the way the lesson's script makes one, by setting the `role` column.
 *
 * One guard runs over the whole file: every answer any check receives is inspected for a password
 * that a check sent, anything that looks like a bcrypt hash, or a password field. A leak fails
 * whichever check saw it, naming the request.
 */
import bcrypt from 'bcrypt';
import { createHmac } from 'node:crypto';
import { freePort } from '../runner/lib/processes.js';
import jwt from 'jsonwebtoken';
import { describe } from 'vitest';
import { api, countRows, describeResponse, loadApp, ensure, TEST_CONFIG, expectErrorEnvelope, expectJson, expectStartupRefusal, expectStatus, fail, fileDatabase, requirement, serverDatabase, tableNames, type Response } from './support/index.js';
import {
  addComment, expectConduitUser, expectRefusedSecret, b64url, guarded, BCRYPT_HASH, showRow, claimsOf, createArticle, dir, expect401, expect403, expect422For, expectResignedAccepted, freshApp, L, login, makeAdmin, nowSeconds, person, register, SECRET, secrets, shortValue, tokenAuth, userOf, userRow,
} from './04-security.shared.js';
// ── Registering ────────────────────────────────────────────────────────────────────────────

describe('POST /api/users', () => {
  requirement('POST /api/users registers a user: 201 with {"user": {email, token, username, bio, image}}', { lesson: L.register, covers: ['register-201'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const res = await http.post('/api/users', { json: { user: ada } });
    expectStatus(res, 201, L.register, 'registering creates a user: res.status(201)');
    expectJson(res, L.register);
    const user = userOf(res);
    ensure(user && typeof user === 'object', { expected: 'the user wrapped in one key: {"user": {...}}', got: describeResponse(res), lesson: L.register });
    const problems: string[] = [];
    if (user.email !== ada.email) problems.push(`email should be ${JSON.stringify(ada.email)}, got ${JSON.stringify(user.email)}`);
    if (user.username !== ada.username) problems.push(`username should be ${JSON.stringify(ada.username)}, got ${JSON.stringify(user.username)}`);
    if (typeof user.token !== 'string' || user.token === '') problems.push(`token should be a JWT string, got ${JSON.stringify(user.token)}`);
    for (const key of ['bio', 'image'] as const) {
      if (!(key in user) || (user[key] !== null && typeof user[key] !== 'string')) problems.push(`${key} should be present, null or a string, got ${JSON.stringify(user[key])}`);
    }
    ensure(problems.length === 0, { expected: 'the Conduit user: {email, token, username, bio, image}', got: problems.join('; '), lesson: L.register });
  });

  requirement('POST /api/users answers 422 naming each missing or blank field, and 201 once all three are there', { lesson: L.register, covers: ['register-blank-422'] }, async () => {
    const http = await freshApp();
    const res = await http.post('/api/users', { json: { user: {} } });
    for (const key of ['username', 'email', 'password']) expect422For(res, key, `POST /api/users {"user": {}}`, L.register);
    const blank = await http.post('/api/users', { json: { user: { username: '   ', email: 'someone@example.com', password: '' } } });
    expect422For(blank, 'username', 'a blank username', L.register);
    expect422For(blank, 'password', 'an empty password', L.register);
    const unwrapped = await http.post('/api/users', { json: person('bare') });
    expectStatus(unwrapped, 422, L.register, 'the fields must come wrapped: {"user": {...}}');
    expectErrorEnvelope(unwrapped, L.register);
    const ok = await http.post('/api/users', { json: { user: person('complete') } });
    expectStatus(ok, 201, L.register, 'with username, email and password all there, registering succeeds');
  });

  requirement('POST /api/users answers 422 when the email or the username is already taken', { lesson: L.register, covers: ['register-taken-422'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    await register(http, ada);
    const sameEmail = await http.post('/api/users', { json: { user: { ...person('other'), email: ada.email } } });
    expect422For(sameEmail, 'email', `registering again with ${ada.email}`, L.register);
    const sameName = await http.post('/api/users', { json: { user: { ...person('other'), username: ada.username } } });
    expect422For(sameName, 'username', `registering again as ${ada.username}`, L.register);
  });
});

// ── Logging in ─────────────────────────────────────────────────────────────────────────────

describe('POST /api/users/login', () => {
  requirement('POST /api/users/login answers 200 with the user and a working token, and 422 without an email or a password', { lesson: L.login, covers: ['login-200', 'login-blank-422'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    await register(http, ada);
    const res = await http.post('/api/users/login', { json: { user: { email: ada.email, password: ada.password } } });
    expectStatus(res, 200, L.login);
    expectJson(res, L.login);
    expectConduitUser(res, 'POST /api/users/login', L.login);
    const user = userOf(res);
    ensure(user?.email === ada.email && user.username === ada.username && typeof user.token === 'string' && user.token !== '', {
      expected: `{"user": {"email": "${ada.email}", "username": "${ada.username}", "token": "<jwt>", …}}`,
      got: describeResponse(res),
      lesson: L.login,
    });
    const me = await http.get('/api/user', { headers: tokenAuth(user.token as string) });
    ensure(me.status === 200 && userOf(me)?.username === ada.username, {
      expected: `GET /api/user with the token from login answers 200 with ${ada.username}`,
      got: describeResponse(me),
      lesson: L.login,
    });
    expect422For(await http.post('/api/users/login', { json: { user: { email: ada.email } } }), 'password', 'logging in without a password', L.login);
    expect422For(await http.post('/api/users/login', { json: { user: { password: ada.password } } }), 'email', 'logging in without an email', L.login);
    // The email exactly as it was registered logs in, whatever the app stores: capitals, and spaces
    // around it when registering accepted those.
    const mixed = person('mixed');
    const capitals = mixed.email.replace(/^m/, 'M').replace('example.com', 'Example.COM');
    let registeredAs = ` ${capitals} `;
    const spaced = await http.post('/api/users', { json: { user: { ...mixed, email: registeredAs } } });
    if (spaced.status !== 201) {
      registeredAs = capitals;
      await register(http, { ...mixed, email: registeredAs });
    }
    const asRegistered = await http.post('/api/users/login', { json: { user: { email: registeredAs, password: mixed.password } } });
    ensure(asRegistered.status === 200 && userOf(asRegistered)?.username === mixed.username, {
      expected: `registered with the email ${JSON.stringify(registeredAs)}, logging in with that very email (and the right password) answers 200 with ${mixed.username}`,
      got: describeResponse(asRegistered),
      hint: 'read the email at login exactly the way registering reads it (if registering trims it and stores it in lower case, so must the lookup at login)',
      lesson: L.login,
    });
  });

  requirement('a wrong password and an unknown email get the same 401 and the very same body', { lesson: L.login, covers: ['login-same-401'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    await register(http, ada);
    const wrongPassword = await http.post('/api/users/login', { json: { user: { email: ada.email, password: `${ada.password}-wrong` } } });
    const unknownEmail = await http.post('/api/users/login', { json: { user: { email: 'nobody-here@example.com', password: ada.password } } });
    expect401(wrongPassword, 'logging in with a wrong password', L.login);
    expect401(unknownEmail, 'logging in with an email nobody registered', L.login);
    ensure(JSON.stringify(wrongPassword.body) === JSON.stringify(unknownEmail.body), {
      expected: 'the same answer for both, so nobody can find out which emails have an account',
      got: `wrong password: ${JSON.stringify(wrongPassword.body)}; unknown email: ${JSON.stringify(unknownEmail.body)}`,
      hint: 'one message for both, e.g. {"errors": {"email or password": ["is invalid"]}}',
      lesson: L.login,
    });
  });
});

// ── The current user ───────────────────────────────────────────────────────────────────────

describe('GET and PUT /api/user', () => {
  requirement('GET /api/user answers the token\'s user, whether the token comes as "Token <jwt>" or "Bearer <jwt>"', { lesson: L.current, covers: ['current-user', 'scheme-any-case', 'no-token-in-query'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const bob = person('bob');
    const [adaToken] = await Promise.all([register(http, ada), register(http, bob)]);
    for (const scheme of ['Token', 'Bearer']) {
      const res = await http.get('/api/user', { headers: { Authorization: `${scheme} ${adaToken}` } });
      expectStatus(res, 200, L.current, scheme === 'Token' ? 'Conduit sends Authorization: Token <jwt>' : 'accept the Bearer scheme too: many clients send it');
      expectJson(res, L.current);
      const user = userOf(res);
      ensure(user?.username === ada.username && user.email === ada.email && typeof user.token === 'string', {
        expected: `Authorization: ${scheme} <ada's token> answers {"user": {"username": "${ada.username}", "email": "${ada.email}", "token": …}}`,
        got: describeResponse(res),
        hint: 'load the user whose id the token carries (its subject), not just any user',
        lesson: L.current,
      });
      expectConduitUser(res, `GET /api/user (${scheme})`, L.current);
    }
  });

  requirement("PUT /api/user changes the caller's fields, accepts their own current email, and answers 422 for another user's email or username", { lesson: L.current, covers: ['update-user', 'same-token-back'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const bob = person('bob');
    const [token] = await Promise.all([register(http, ada), register(http, bob)]);
    const headers = tokenAuth(token);
    const first = await http.put('/api/user', { json: { user: { username: ada.username } }, headers });
    expectStatus(first, 200, L.current, 'PUT /api/user with the caller\'s own username');
    expectConduitUser(first, 'PUT /api/user (bio and image still unset)', L.current);
    const res = await http.put('/api/user', { json: { user: { email: ada.email, bio: 'I write about engines.', image: 'https://example.com/ada.png' } }, headers });
    expectStatus(res, 200, L.current, 'the caller\'s own current email is not "taken": leave their row out of the uniqueness check');
    const user = userOf(res);
    ensure(user?.bio === 'I write about engines.' && user.image === 'https://example.com/ada.png' && user.email === ada.email, {
      expected: 'the updated user: the new bio and image, the same email',
      got: describeResponse(res),
      lesson: L.current,
    });
    const me = await http.get('/api/user', { headers });
    for (const [what, answer] of [['PUT /api/user (no new password)', res], ['GET /api/user', me]] as const) {
      ensure(userOf(answer)?.token === token, {
        expected: `${what} answers with the very token that came with the request`,
        got: `a different token: ${String(userOf(answer)?.token).slice(0, 40)}…`,
        hint: 'hand back req.token; only a new password issues a new token (a fresh one on every call lets a stolen token renew itself forever)',
        lesson: L.current,
      });
    }
    expect422For(await http.put('/api/user', { json: { user: { email: bob.email } }, headers }), 'email', "changing the email to bob's", L.current);
    expect422For(await http.put('/api/user', { json: { user: { username: bob.username } }, headers }), 'username', "changing the username to bob's", L.current);
    // A 422 changes nothing, not even a valid field sent beside the bad one: here a new password.
    const notSaved = `${ada.password}-not-saved`;
    secrets.add(notSaved);
    expect422For(await http.put('/api/user', { json: { user: { password: notSaved, email: bob.email } }, headers }), 'email', "a new password beside bob's email", L.current);
    const after = await http.get('/api/user', { headers });
    ensure(after.status === 200 && userOf(after)?.email === ada.email && userOf(after)?.bio === 'I write about engines.', {
      expected: `GET /api/user with the same token after the refused updates (422): 200, still ${ada.email}, with the new bio (the new password sent beside bob's email was not saved, so no token ended)`,
      got: describeResponse(after),
      hint: 'validate every field (uniqueness included) before saving any of them, and save them all in one update',
      lesson: L.current,
    });
    const oldPassword = await http.post('/api/users/login', { json: { user: { email: ada.email, password: ada.password } } });
    ensure(oldPassword.status === 200, {
      expected: "after PUT /api/user {password: <new>, email: <bob's>} answered 422, ada's old password still logs in: a 422 changes nothing",
      got: describeResponse(oldPassword),
      hint: 'validate every field (uniqueness included) before saving any of them, and save them all in one update',
      lesson: L.current,
    });
    // A new email is saved, and logs in exactly as it was sent.
    const newEmail = `Ada.New.${ada.username}@Example.com`;
    const changed = await http.put('/api/user', { json: { user: { email: newEmail } }, headers });
    expectStatus(changed, 200, L.current, 'PUT /api/user with a new email nobody has');
    const shown = await http.get('/api/user', { headers });
    ensure(String(userOf(changed)?.email).toLowerCase() === newEmail.toLowerCase() && String(userOf(shown)?.email).toLowerCase() === newEmail.toLowerCase(), {
      expected: `PUT /api/user {"email": "${newEmail}"} and GET /api/user afterwards both answer the new email`,
      got: `PUT answered ${JSON.stringify(userOf(changed)?.email)}, GET ${describeResponse(shown)}`,
      hint: 'save every field that was sent and passed validation: email, username, password, bio, image',
      lesson: L.current,
    });
    const withNew = await http.post('/api/users/login', { json: { user: { email: newEmail, password: ada.password } } });
    ensure(withNew.status === 200 && userOf(withNew)?.username === ada.username, {
      expected: `after changing the email to ${JSON.stringify(newEmail)}, logging in with that very email answers 200 with ${ada.username}`,
      got: describeResponse(withNew),
      hint: 'store a new email the way registering does (trimmed, in lower case if that is how login looks it up)',
      lesson: L.current,
    });
    expect401(await http.post('/api/users/login', { json: { user: { email: ada.email, password: ada.password } } }), `logging in with the old email ${ada.email} after changing it`, L.current);
  });

  requirement('PUT /api/user with a new password: the new one logs in, the old one no longer does', { lesson: L.current, covers: ['update-user'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const token = await register(http, ada);
    const renewed = { ...ada, password: `${ada.password}-renewed` };
    secrets.add(renewed.password);
    const res = await http.put('/api/user', { json: { user: { password: renewed.password } }, headers: tokenAuth(token) });
    expectStatus(res, 200, L.current);
    const withNew = await http.post('/api/users/login', { json: { user: { email: ada.email, password: renewed.password } } });
    ensure(withNew.status === 200, {
      expected: 'logging in with the new password answers 200',
      got: describeResponse(withNew),
      hint: 'hash the new password before saving it, exactly like at registration',
      lesson: L.current,
    });
    const withOld = await http.post('/api/users/login', { json: { user: { email: ada.email, password: ada.password } } });
    expect401(withOld, 'logging in with the old password after changing it', L.current);
  });
});

// ── Storing passwords ──────────────────────────────────────────────────────────────────────

describe('the users table', () => {
  requirement('the users table keeps a bcrypt hash of the password (cost 10 or more), never the password itself', { lesson: L.storing, covers: ['bcrypt-hash'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const bob = person('bob', ada.password); // the same password: the hashes must still differ
    await Promise.all([register(http, ada), register(http, bob)]);
    const row = await userRow(ada.username);
    const plain = Object.entries(row).find(([, v]) => typeof v === 'string' && v.includes(ada.password));
    ensure(!plain, {
      expected: 'the password stored only as a hash: nowhere in the row as text',
      got: `column ${plain?.[0]} holds ${shortValue(plain?.[1])}, which contains the password`,
      hint: 'store bcrypt.hash(password, 10), never the password',
      lesson: L.storing,
    });
    const hashColumn = Object.entries(row).find(([, v]) => typeof v === 'string' && v.startsWith('$2'));
    ensure(hashColumn && BCRYPT_HASH.test(String(hashColumn[1])), {
      expected: 'a column holding a bcrypt hash of the password ($2b$10$ followed by 53 characters)',
      got: `the row is ${showRow(row)}`,
      hint: 'a fast hash (sha256, md5) is not enough: use bcrypt.hash(password, 10)',
      lesson: L.storing,
    });
    const [column, hash] = hashColumn as [string, string];
    const cost = Number(BCRYPT_HASH.exec(hash)?.[1]);
    ensure(cost >= 10, {
      expected: 'a bcrypt cost of 10 or more ($2b$10$…)',
      got: `column ${column} holds a hash of cost ${cost}: ${hash.slice(0, 7)}…`,
      hint: 'the cost is the second argument of bcrypt.hash: each step down halves an attacker\'s work',
      lesson: L.storing,
    });
    ensure(await bcrypt.compare(ada.password, hash), {
      expected: `column ${column} holds the hash of the password sent at registration`,
      got: 'bcrypt.compare(password, stored hash) is false',
      lesson: L.storing,
    });
    const bobHash = (await userRow(bob.username))[column];
    ensure(bobHash !== hash, {
      expected: 'two users with the same password get different hashes (each hash has its own random salt)',
      got: `both rows hold ${hash.slice(0, 29)}…`,
      hint: 'let bcrypt make the salt: bcrypt.hash(password, cost), not bcrypt.hash(password, aFixedSalt)',
      lesson: L.storing,
    });
  });
});

// ── Tokens ─────────────────────────────────────────────────────────────────────────────────

describe('tokens', () => {
  requirement('tokens are JWTs signed with config.jwtSecret (HS256) that name their user in sub and expire: an exp claim within the configured hour', { lesson: L.issuing, covers: ['token-issued'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const fromRegister = await register(http, ada);
    const fromLogin = await login(http, ada);
    for (const [where, token] of [['register', fromRegister], ['login', fromLogin]] as const) {
      let payload: string | jwt.JwtPayload;
      try {
        payload = jwt.verify(token, SECRET, { algorithms: ['HS256'] });
      } catch (err) {
        fail({
          expected: `the token from ${where} verifies with config.jwtSecret and HS256`,
          got: `jwt.verify says: ${(err as Error).message}`,
          hint: 'sign with the secret createApp receives (config.jwtSecret), never one written in the code',
          lesson: L.issuing,
        });
      }
      const exp = typeof payload === 'object' ? payload.exp : undefined;
      ensure(typeof exp === 'number', {
        expected: `the token from ${where} carries an exp claim: a token that never expires is valid forever once stolen`,
        got: `claims ${JSON.stringify(payload)}`,
        hint: "jwt.sign(claims, secret, { expiresIn: config.jwtExpiresIn }) (the checks set it to '1h')",
        lesson: L.issuing,
      });
      const now = nowSeconds();
      ensure(exp > now && exp <= now + 3600 + 60, {
        expected: `exp between now and one hour from now (config.jwtExpiresIn is '1h' in the checks)`,
        got: `exp is ${new Date(exp * 1000).toISOString()}, now is ${new Date(now * 1000).toISOString()}`,
        hint: 'take expiresIn from config.jwtExpiresIn',
        lesson: L.issuing,
      });
      // The lesson names the claim: the user's id is the token's subject (sub), a string as JWT has it.
      const { id } = await userRow(ada.username);
      const sub = typeof payload === 'object' ? payload.sub : undefined;
      ensure(sub !== undefined && String(sub) === String(id), {
        expected: `the token from ${where} carries the user's id as its subject: "sub": "${String(id)}" (ada's id in the users table)`,
        got: sub === undefined ? `no sub claim: claims ${JSON.stringify(payload)}` : `"sub": ${JSON.stringify(sub)}`,
        hint: "jwt.sign({ ... }, secret, { subject: String(user.id), ... }), and read payload.sub back in requireAuth: the lesson prescribes sub, not a claim of your own",
        lesson: L.issuing,
      });
    }
    // Another lifetime in the config: the tokens follow it.
    const { test } = await fileDatabase(dir);
    const { app: shortLived } = await loadApp(dir, { config: { ...TEST_CONFIG, database: test.config, jwtExpiresIn: '15m' } });
    const short = await register(guarded(shortLived), person('brief'));
    const shortExp = (jwt.decode(short) as jwt.JwtPayload | null)?.exp;
    const now = nowSeconds();
    ensure(typeof shortExp === 'number' && shortExp > now && shortExp <= now + 15 * 60 + 60, {
      expected: "with config.jwtExpiresIn set to '15m' (JWT_EXPIRES_IN=15m), a token from register expires within 15 minutes",
      got: typeof shortExp === 'number' ? `exp is ${shortExp - now} seconds from now` : `no exp claim: ${JSON.stringify(jwt.decode(short))}`,
      hint: 'pass config.jwtExpiresIn (from deps.config) to jwt.sign; never a lifetime written in the code',
      lesson: L.issuing,
    });
  });

  requirement('GET /api/user without a token, or with a malformed Authorization header, answers 401 in the error envelope', { lesson: L.checking, covers: ['token-refused-401'] }, async () => {
    const http = await freshApp();
    expect401(await http.get('/api/user'), 'GET /api/user without an Authorization header', L.checking, 'requireAuth answers 401 when no token came');
    for (const value of ['Token', 'Token not-a-jwt', 'Token a.b.c', 'Basic YWRhOnNlY3JldA==', 'Bearer', 'eyJhbGciOiJIUzI1NiJ9.e30.x']) {
      expect401(
        await http.get('/api/user', { headers: { Authorization: value } }),
        `GET /api/user with Authorization: ${value}`,
        L.checking,
        'a header that is not "Token <valid jwt>" or "Bearer <valid jwt>" is a 401, never a 500: catch what jwt.verify throws',
      );
    }
    // The control: a good token is accepted, so the refusals above mean something.
    const token = await register(http, person('ada'));
    expectStatus(await http.get('/api/user', { headers: tokenAuth(token) }), 200, L.checking, 'a valid token must still be accepted');
  });

  requirement('GET /api/user refuses an expired token with 401', { lesson: L.checking, covers: ['token-refused-401'] }, async () => {
    const http = await freshApp();
    const token = await register(http, person('ada'));
    const claims = claimsOf(token, L.checking);
    await expectResignedAccepted(http, claims, L.checking);
    const expired = jwt.sign({ ...claims, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }, SECRET, { algorithm: 'HS256' });
    expect401(await http.get('/api/user', { headers: tokenAuth(expired) }), 'GET /api/user with a token that expired an hour ago', L.checking, 'jwt.verify refuses expired tokens by itself: use it (not jwt.decode) and turn its error into a 401');
  });

  requirement('GET /api/user refuses a forged token with 401: another secret, "alg": "none", or an edited payload', { lesson: L.checking, covers: ['token-refused-401', 'token-hs256-only'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const bob = person('bob');
    const [adaToken, bobToken] = await Promise.all([register(http, ada), register(http, bob)]);
    const claims = claimsOf(adaToken, L.checking);
    await expectResignedAccepted(http, claims, L.checking);
    const fresh = { ...claims, iat: nowSeconds() - 60, exp: nowSeconds() + 600 };
    const [header, adaPayload, signature] = adaToken.split('.');
    // Bob's claims under ada's signature; should both carry the same claims, ada's with one more.
    const bobPayload = bobToken.split('.')[1];
    const edited = bobPayload !== adaPayload ? bobPayload : b64url({ ...claims, edited: true });
    const forged = {
      'signed with another secret': jwt.sign(fresh, 'not-the-secret-of-this-app-0123456789abcdef', { algorithm: 'HS256' }),
      'with "alg": "none" and no signature': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(fresh)}.`,
      "whose payload was edited (bob's claims under ada's signature)": `${header}.${edited}.${signature}`,
      'signed with HS512 and the right secret': jwt.sign(fresh, SECRET, { algorithm: 'HS512' }),
      'with an "alg": "RS256" header (and an HMAC signature)': (() => {
        const head = b64url({ alg: 'RS256', typ: 'JWT' });
        const body = b64url(fresh);
        return `${head}.${body}.${createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url')}`;
      })(),
    };
    for (const [how, token] of Object.entries(forged)) {
      expect401(
        await http.get('/api/user', { headers: tokenAuth(token) }),
        `GET /api/user with a token ${how}`,
        L.checking,
        "jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] }): never jwt.decode, which trusts anything",
      );
    }
  });
});

// ── Authorisation ──────────────────────────────────────────────────────────────────────────

describe('who may write what', () => {
  requirement("articles and comments are written by the token's user, and writing without a token answers 401", { lesson: L.writes, covers: ['author-from-token', 'writes-need-token'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const token = await register(http, ada);
    const created = await http.post('/api/articles', { json: { article: { title: 'Engines', description: 'Analytical', body: 'Cogs.' } }, headers: tokenAuth(token) });
    expectStatus(created, 201, L.writes);
    const article = (created.body as { article?: { slug?: string; author?: { username?: unknown } } }).article;
    ensure(article?.author?.username === ada.username, {
      expected: `the new article's author is the token's user, ${ada.username}`,
      got: describeResponse(created),
      hint: 'take the author from req.user, which requireAuth sets; the demo author is gone',
      lesson: L.writes,
    });
    const slug = String(article.slug);
    const commentId = await addComment(http, token, slug);
    const anonymous: [string, Promise<Response>][] = [
      ['POST /api/articles', http.post('/api/articles', { json: { article: { title: 'x', description: 'y', body: 'z' } } })],
      [`PUT /api/articles/${slug}`, http.put(`/api/articles/${slug}`, { json: { article: { body: 'Rewritten.' } } })],
      [`DELETE /api/articles/${slug}`, http.delete(`/api/articles/${slug}`)],
      [`POST /api/articles/${slug}/comments`, http.post(`/api/articles/${slug}/comments`, { json: { comment: { body: 'Anonymous.' } } })],
      [`DELETE /api/articles/${slug}/comments/${commentId}`, http.delete(`/api/articles/${slug}/comments/${commentId}`)],
      ['PUT /api/user', http.put('/api/user', { json: { user: { bio: 'Anonymous.' } } })],
    ];
    for (const [what, pending] of anonymous) {
      expect401(await pending, `${what} without a token`, L.writes, 'put requireAuth on every route that writes');
    }
    const still = await http.get(`/api/articles/${slug}`);
    ensure(still.status === 200 && (still.body as { article?: { body?: unknown } }).article?.body === 'Cogs.', {
      expected: 'the article unchanged after the anonymous attempts',
      got: describeResponse(still),
      lesson: L.writes,
    });
  });

  requirement('only its author may update or delete an article: another user gets 403 and the article stays as it was', { lesson: L.owner, covers: ['owner-403', 'owner-order'] }, async () => {
    const http = await freshApp();
    const [adaToken, bobToken] = await Promise.all([register(http, person('ada')), register(http, person('bob'))]);
    const slug = await createArticle(http, adaToken, { body: 'The original.' });
    expect403(await http.put(`/api/articles/${slug}`, { json: { article: { body: 'Hacked.' } }, headers: tokenAuth(bobToken) }), "bob updating ada's article", L.owner, 'compare the article\'s author with req.user before changing anything');
    expect403(await http.delete(`/api/articles/${slug}`, { headers: tokenAuth(bobToken) }), "bob deleting ada's article", L.owner);
    const still = await http.get(`/api/articles/${slug}`);
    ensure(still.status === 200 && (still.body as { article?: { body?: unknown } }).article?.body === 'The original.', {
      expected: "ada's article still there, unchanged",
      got: describeResponse(still),
      lesson: L.owner,
    });
    // The order: 404 for no such article, then 403, and only then 422 for bad input.
    expect403(
      await http.put(`/api/articles/${slug}`, { json: { article: { title: '', body: 'Hacked.' } }, headers: tokenAuth(bobToken) }),
      "bob updating ada's article with an invalid (blank) title",
      L.owner,
      'check who may edit before validating the input: 404, then 403, then 422',
    );
    for (const [what, pending] of [
      ['PUT', http.put('/api/articles/no-such-article-here', { json: { article: { body: 'x' } }, headers: tokenAuth(bobToken) })],
      ['DELETE', http.delete('/api/articles/no-such-article-here', { headers: tokenAuth(bobToken) })],
    ] as const) {
      expectStatus(await pending, 404, L.owner, `${what} /api/articles/no-such-article-here with a valid token: 404 comes before 403`);
    }
    const unchanged = await http.get(`/api/articles/${slug}`);
    ensure((unchanged.body as { article?: { body?: unknown; title?: unknown } }).article?.body === 'The original.', {
      expected: "ada's article unchanged after every refused attempt",
      got: describeResponse(unchanged),
      lesson: L.owner,
    });
    expectStatus(await http.put(`/api/articles/${slug}`, { json: { article: { body: 'Revised.' } }, headers: tokenAuth(adaToken) }), 200, L.owner, 'the author may still update it');
    expectStatus(await http.delete(`/api/articles/${slug}`, { headers: tokenAuth(adaToken) }), 204, L.owner, 'the author may still delete it');
  });

  requirement('only its author may delete a comment: another user gets 403 and the comment stays', { lesson: L.owner, covers: ['owner-403'] }, async () => {
    const http = await freshApp();
    const [adaToken, bobToken] = await Promise.all([register(http, person('ada')), register(http, person('bob'))]);
    const slug = await createArticle(http, adaToken);
    const bobsComment = await addComment(http, bobToken, slug);
    expect403(
      await http.delete(`/api/articles/${slug}/comments/${bobsComment}`, { headers: tokenAuth(adaToken) }),
      "ada (the article's author) deleting bob's comment",
      L.owner,
      "only the comment's author (or an admin) may delete it",
    );
    const list = await http.get(`/api/articles/${slug}/comments`);
    const ids = ((list.body as { comments?: { id?: unknown }[] }).comments ?? []).map((c) => c.id);
    ensure(ids.includes(bobsComment), { expected: "bob's comment still listed", got: describeResponse(list), lesson: L.owner });
    expectStatus(await http.delete(`/api/articles/${slug}/comments/${bobsComment}`, { headers: tokenAuth(bobToken) }), 204, L.owner, 'its author may still delete it');
  });

  requirement("a user with role admin may delete anyone's article and comment, but not edit someone else's article", { lesson: L.admins, covers: ['admin-deletes'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const root = person('root');
    const [adaToken] = await Promise.all([register(http, ada), register(http, root)]);
    const slug = await createArticle(http, adaToken);
    const commentId = await addComment(http, adaToken, slug);
    await makeAdmin(root.username);
    const rootToken = await login(http, root);
    expectStatus(
      await http.delete(`/api/articles/${slug}/comments/${commentId}`, { headers: tokenAuth(rootToken) }),
      204,
      L.admins,
      "an admin may delete any comment: read the role from the user's row (users.role), not from the request",
    );
    expect403(await http.put(`/api/articles/${slug}`, { json: { article: { body: 'Edited by an admin.' } }, headers: tokenAuth(rootToken) }), "an admin editing ada's article", L.admins, 'admins moderate (delete); only the author edits');
    expectStatus(await http.delete(`/api/articles/${slug}`, { headers: tokenAuth(rootToken) }), 204, L.admins, 'an admin may delete any article');
    expectStatus(await http.get(`/api/articles/${slug}`), 404, L.admins, 'the deleted article is gone');
  });

  requirement('sending "role": "admin" when registering or updating does not make anyone an admin', { lesson: L.admins, covers: ['role-never-from-body'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const mallory = person('mallory');
    const adaToken = await register(http, ada);
    const slug = await createArticle(http, adaToken);
    const asAdmin = await http.post('/api/users', { json: { user: { ...mallory, role: 'admin' } } });
    // Refusing the unknown field is as good as ignoring it.
    if (asAdmin.status >= 400 && asAdmin.status < 500) await register(http, mallory);
    else ensure(asAdmin.status < 300, { expected: 'POST /api/users with an extra "role" field: registered (the field ignored) or a 4xx', got: describeResponse(asAdmin), lesson: L.admins });
    let token = await login(http, mallory);
    const update = await http.put('/api/user', { json: { user: { bio: 'Just a user.', role: 'admin' } }, headers: tokenAuth(token) });
    ensure(update.status < 500, { expected: 'PUT /api/user with a "role" field answers without a server error', got: describeResponse(update), lesson: L.admins });
    token = await login(http, mallory);
    expect403(
      await http.delete(`/api/articles/${slug}`, { headers: tokenAuth(token) }),
      `mallory (who sent "role": "admin") deleting ada's article`,
      L.admins,
      'copy only the fields a user may set (username, email, password, bio, image); the role never comes from a request',
    );
    const role = (await userRow(mallory.username)).role;
    ensure(role !== 'admin', { expected: "mallory's row keeps role 'user'", got: `role ${JSON.stringify(role)}`, lesson: L.admins });
  });
});

// ── Throttling ─────────────────────────────────────────────────────────────────────────────

describe('login throttling', () => {
  requirement('repeated failed logins get 429 with a Retry-After header, even for the right password', { lesson: L.throttle, covers: ['login-throttled'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    await register(http, ada);
    const wrong = { user: { email: ada.email, password: `${ada.password}-guess` } };
    let limited: Response | undefined;
    let attempts = 0;
    while (attempts < 20 && !limited) {
      attempts += 1;
      const res = await http.post('/api/users/login', { json: wrong });
      if (res.status === 429) limited = res;
      else expect401(res, `failed login #${attempts} (before any limit)`, L.throttle);
    }
    ensure(limited && attempts < 20, {
      expected: 'a 429 Too Many Requests before the 20th failed login for the same email from the same client',
      got: `${attempts} failed logins, every one answered 401`,
      hint: 'count failures per IP and email (5 per 15 minutes), answer 429 while over the limit',
      lesson: L.throttle,
    });
    const retryAfter = String(limited.headers['retry-after'] ?? '');
    ensure(/^\d+$/.test(retryAfter) ? Number(retryAfter) > 0 : Date.parse(retryAfter) > Date.now(), {
      expected: 'a Retry-After header: the seconds to wait (or a date in the future)',
      got: retryAfter ? `Retry-After: ${retryAfter}` : 'no Retry-After header',
      hint: "res.set('Retry-After', String(seconds))",
      lesson: L.throttle,
    });
    expectErrorEnvelope(limited, L.throttle);
    const right = await http.post('/api/users/login', { json: { user: { email: ada.email, password: ada.password } } });
    ensure(right.status === 429, {
      expected: 'while limited, even the right password gets 429: otherwise the limit tells a guesser when they got it right',
      got: describeResponse(right),
      hint: 'check the limit before checking the password',
      lesson: L.throttle,
    });
  });
});

// ── Headers ────────────────────────────────────────────────────────────────────────────────

describe('security headers', () => {
  requirement("every answer carries helmet's security headers: X-Content-Type-Options: nosniff, and a Content-Security-Policy or X-Frame-Options", { lesson: L.headers, covers: ['helmet-headers'] }, async () => {
    const http = await freshApp();
    const answers: [string, Response][] = [];
    for (const path of ['/api/tags', '/api/no-such-thing', '/api/user']) answers.push([`GET ${path}`, await http.get(path)]);
    answers.push(['POST /api/users with malformed JSON', await http.post('/api/users', { raw: '{"user": {', headers: { 'Content-Type': 'application/json' } })]);
    answers.push(['POST /api/users {"user": {}}', await http.post('/api/users', { json: { user: {} } })]);
    // A 500: an app whose clock throws cannot register anyone.
    const { app: broken } = await loadApp(dir, {
      clock: () => {
        throw new Error('the clock broke (on purpose, to see a 500)');
      },
    });
    answers.push(['POST /api/users when something breaks inside', await api(broken).post('/api/users', { json: { user: person('crash') } })]);
    for (const [what, res] of answers) {
      const label = `${what} (${res.status})`;
      ensure(String(res.headers['x-content-type-options'] ?? '').toLowerCase() === 'nosniff', {
        expected: `${label} sends X-Content-Type-Options: nosniff`,
        got: `X-Content-Type-Options: ${res.headers['x-content-type-options'] ?? '(none)'}`,
        hint: 'app.use(helmet()) before the routes',
        lesson: L.headers,
      });
      ensure(res.headers['content-security-policy'] || res.headers['x-frame-options'], {
        expected: `${label} sends a Content-Security-Policy or an X-Frame-Options header`,
        got: 'neither',
        hint: 'app.use(helmet()) before the routes',
        lesson: L.headers,
      });
    }
  });
});

// ── SQL injection ──────────────────────────────────────────────────────────────────────────

const PAYLOADS = [
  "' OR '1'='1",
  "' OR 1=1 -- ",
  '" OR ""="',
  "'; DROP TABLE users; -- ",
  '"; DROP TABLE users; --',
  '1; DROP TABLE articles',
  "%' OR '%'='",
  "') OR ('1'='1",
  "\\' OR 1=1 #",
];

describe('SQL injection', () => {
  requirement('SQL injection payloads in the login, ?tag=, ?author= and slugs never log anyone in, never list anything, never crash, and every table survives', { lesson: L.sql, covers: ['sql-injection'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const token = await register(http, ada);
    const slug = await createArticle(http, token, { tagList: ['dragons'] });
    const notIn = (res: Response, what: string) => {
      ensure(res.status !== 200 && res.status < 500, {
        expected: `${what}: refused (401 or 422), neither logged in nor a server error`,
        got: describeResponse(res),
        hint: 'never build SQL from input: use the ORM (User.findOne({ where: { email } })) or bound parameters',
        lesson: L.sql,
      });
    };
    // The revealing attempts first, before any rate limit kicks in.
    notIn(
      await http.post('/api/users/login', { json: { user: { email: `nobody@example.com' OR email = '${ada.email}`, password: ada.password } } }),
      "logging in as \"nobody@example.com' OR email = '<ada's email>\" with ada's password",
    );
    notIn(await http.post('/api/users/login', { json: { user: { email: `${ada.email}'`, password: ada.password } } }), "logging in as \"<ada's email>'\"");
    for (const payload of PAYLOADS) {
      notIn(await http.post('/api/users/login', { json: { user: { email: payload, password: payload } } }), `logging in with ${JSON.stringify(payload)} as email and password`);
      notIn(await http.post('/api/users/login', { json: { user: { email: ada.email, password: payload } } }), `logging in as ada with the password ${JSON.stringify(payload)}`);
    }
    for (const payload of PAYLOADS) {
      for (const param of ['tag', 'author']) {
        const path = `/api/articles?${param}=${encodeURIComponent(payload)}`;
        const res = await http.get(path);
        ensure(res.status < 500, { expected: `GET ${path} answers without a server error`, got: describeResponse(res), hint: 'a query string value is data: pass it to the ORM, never into SQL text', lesson: L.sql });
        const listed = (res.body as { articles?: unknown[] } | undefined)?.articles;
        ensure(res.status !== 200 || (Array.isArray(listed) && listed.length === 0), {
          expected: `GET ${path} lists nothing: no article has that ${param}`,
          got: describeResponse(res),
          hint: 'the filter value ended up inside the SQL and changed the query',
          lesson: L.sql,
        });
      }
      const encoded = encodeURIComponent(payload);
      for (const [what, pending] of [
        [`GET /api/articles/${encoded}`, http.get(`/api/articles/${encoded}`)],
        [`GET /api/articles/${encoded}/comments`, http.get(`/api/articles/${encoded}/comments`)],
        [`DELETE /api/articles/${encoded}`, http.delete(`/api/articles/${encoded}`, { headers: tokenAuth(token) })],
      ] as const) {
        const res = await pending;
        ensure(res.status >= 400 && res.status < 500, { expected: `${what} answers 404 (no such article)`, got: describeResponse(res), lesson: L.sql });
      }
    }
    const { db } = await fileDatabase(dir);
    const tables = await tableNames(db);
    const missing = ['users', 'articles', 'tags', 'article_tags', 'comments'].filter((t) => !tables.includes(t));
    ensure(missing.length === 0, { expected: 'every table still there', got: `missing: ${missing.join(', ')}`, lesson: L.sql });
    const [users, articles] = [await countRows(db, 'users'), await countRows(db, 'articles')];
    ensure(users === 1 && articles === 1, { expected: 'still 1 user and 1 article', got: `${users} users, ${articles} articles`, lesson: L.sql });
    expectStatus(await http.get(`/api/articles/${slug}`), 200, L.sql, "ada's article is still readable");
  });
});

// ── Leaks ──────────────────────────────────────────────────────────────────────────────────

describe('leaks', () => {
  requirement('no answer ever contains a password, a password hash or a password field: users, articles, comments, errors', { lesson: L.leak, covers: ['no-password-leak'] }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    await register(http, ada);
    const token = await login(http, ada);
    const headers = tokenAuth(token);
    await http.get('/api/user', { headers });
    await http.put('/api/user', { json: { user: { bio: 'Engines.' } }, headers });
    const slug = await createArticle(http, token, { tagList: ['engines'] });
    await http.get(`/api/articles/${slug}`, { headers });
    await http.get('/api/articles');
    await http.get(`/api/articles?author=${ada.username}`);
    await http.put(`/api/articles/${slug}`, { json: { article: { body: 'More cogs.' } }, headers });
    await addComment(http, token, slug);
    await http.get(`/api/articles/${slug}/comments`);
    await http.get('/api/tags');
    // Errors too: a failed registration or login must not echo what was sent.
    await http.post('/api/users', { json: { user: { username: ada.username, email: ada.email, password: ada.password } } });
    await http.post('/api/users/login', { json: { user: { email: ada.email, password: `${ada.password}!` } } });
    // The guard has inspected every answer above; reaching this line means none leaked.
  });
});

// ── Configuration ──────────────────────────────────────────────────────────────────────────

describe('the server process', () => {
  requirement('with NODE_ENV=production and no JWT_SECRET, the server stops at start-up with a message naming JWT_SECRET, not a stack trace', { lesson: L.secret, covers: ['jwt-secret-required'], concurrent: true, timeout: 20_000 }, async () => {
    await expectRefusedSecret({ JWT_SECRET: '' }, 'NODE_ENV=production and no JWT_SECRET');
  });
});
