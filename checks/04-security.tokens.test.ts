/**
 * Step 04 · Security: tokens at their edges. The scheme's case, the query string, the second a
 * token expires, a user deleted or changed after the token was issued, optionalAuth on the routes
 * that read, and a role that comes from the database only.
 */
import jwt from 'jsonwebtoken';
import { describe } from 'vitest';
import { describeResponse, ensure, expectStatus, fileDatabase, requirement } from './support/index.js';
import {
  addComment,
  claimsOf,
  createArticle,
  dir,
  expect401,
  expect403,
  expectResignedAccepted,
  freshApp,
  L,
  login,
  nowSeconds,
  person,
  register,
  SECRET,
  secrets,
  setRole,
  tokenAuth,
  userOf,
} from './04-security.shared.js';

describe('the Authorization header', () => {
  requirement('the scheme is read whatever its case ("token", "BEARER"), and a token in the query string is not accepted', { lesson: L.current, covers: ['scheme-any-case', 'no-token-in-query'] , timeout: 20_000 }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const token = await register(http, ada);
    for (const scheme of ['token', 'TOKEN', 'bearer', 'BEARER', 'Bearer']) {
      const res = await http.get('/api/user', { headers: { Authorization: `${scheme} ${token}` } });
      ensure(res.status === 200 && userOf(res)?.username === ada.username, {
        expected: `GET /api/user with Authorization: ${scheme} <ada's token> answers 200 with ada (an HTTP scheme's case does not matter)`,
        got: describeResponse(res),
        hint: 'compare the scheme without regard to case: /^(token|bearer) (.+)$/i',
        lesson: L.current,
      });
    }
    for (const param of ['token', 'access_token']) {
      expect401(await http.get(`/api/user?${param}=${token}`), `GET /api/user?${param}=<a valid token> without an Authorization header`, L.current, 'read the token from the Authorization header only');
      expect401(
        await http.post(`/api/articles?${param}=${token}`, { json: { article: { title: 'Via URL', description: 'x', body: 'y' } } }),
        `POST /api/articles?${param}=<a valid token> without an Authorization header`,
        L.current,
      );
    }
  });
});

describe('token lifetimes', () => {
  requirement('a token that expired one second ago answers 401, and the same claims expiring in a minute are accepted', { lesson: L.checking, covers: ['token-refused-401'] , timeout: 20_000 }, async () => {
    const http = await freshApp();
    const token = await register(http, person('ada'));
    const claims = claimsOf(token, L.checking);
    const soon = jwt.sign({ ...claims, iat: nowSeconds() - 3599, exp: nowSeconds() + 60 }, SECRET, { algorithm: 'HS256' });
    expectStatus(await http.get('/api/user', { headers: tokenAuth(soon) }), 200, L.checking, 'a token issued 59 minutes ago that expires in a minute is still good');
    const justExpired = jwt.sign({ ...claims, iat: nowSeconds() - 3601, exp: nowSeconds() - 1 }, SECRET, { algorithm: 'HS256' });
    expect401(await http.get('/api/user', { headers: tokenAuth(justExpired) }), 'GET /api/user with a token that expired one second ago', L.checking, 'jwt.verify checks exp by itself (no clockTolerance)');
    const { exp: _exp, ...withoutExp } = claims;
    const noExp = jwt.sign({ ...withoutExp, iat: nowSeconds() - 60 }, SECRET, { algorithm: 'HS256' });
    expect401(await http.get('/api/user', { headers: tokenAuth(noExp) }), 'GET /api/user with a well-signed token that has no exp claim', L.checking, 'a token without exp would work forever: refuse it (every token you issue has one)');
  });
});

describe("the token's user", () => {
  requirement("a good token's user is read from the database on every request: deleted, the token answers 401; renamed, GET /api/user shows the new name", { lesson: L.checking, covers: ['token-user-from-db', 'token-refused-401'] , timeout: 20_000 }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const bob = person('bob');
    const [adaToken, bobToken] = await Promise.all([register(http, ada), register(http, bob)]);
    const { db } = await fileDatabase(dir);
    await db.query('UPDATE users SET bio = ? WHERE username = ?', { replacements: ['Changed in the database.', ada.username] });
    const me = await http.get('/api/user', { headers: tokenAuth(adaToken) });
    ensure(userOf(me)?.bio === 'Changed in the database.', {
      expected: "GET /api/user shows ada's row as it is now (bio changed in the database after the token was issued)",
      got: describeResponse(me),
      hint: 'load the user by the id in the token on every request; never take the user from the token',
      lesson: L.checking,
    });
    const renamed = `${ada.username}_renamed`;
    expectStatus(await http.put('/api/user', { json: { user: { username: renamed } }, headers: tokenAuth(adaToken) }), 200, L.current);
    const after = await http.get('/api/user', { headers: tokenAuth(adaToken) });
    ensure(userOf(after)?.username === renamed, { expected: `GET /api/user with the same token answers the new username, ${renamed}`, got: describeResponse(after), lesson: L.checking });
    await db.query('DELETE FROM users WHERE username = ?', { replacements: [bob.username] });
    expect401(await http.get('/api/user', { headers: tokenAuth(bobToken) }), 'GET /api/user with the token of a user deleted since', L.checking, 'findUser(id) finds nobody: that is a 401, not a 500 and not a 404');
    expect401(await http.post('/api/articles', { json: { article: { title: 'Ghost', description: 'x', body: 'y' } }, headers: tokenAuth(bobToken) }), 'POST /api/articles with the token of a user deleted since', L.checking);
  });
});

describe('optionalAuth', () => {
  requirement('the routes that read let a request without a token through, and answer 401 to a bad token', { lesson: L.checking, covers: ['optional-auth'] , timeout: 20_000 }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const token = await register(http, ada);
    const slug = await createArticle(http, token);
    await addComment(http, token, slug);
    const claims = claimsOf(token, L.checking);
    await expectResignedAccepted(http, claims, L.checking);
    const bad = {
      'Token not-a-jwt': 'Token not-a-jwt',
      'a token signed with another secret': `Token ${jwt.sign({ ...claims, iat: nowSeconds() - 60, exp: nowSeconds() + 600 }, 'not-the-secret-of-this-app-0123456789abcdef', { algorithm: 'HS256' })}`,
      'an expired token': `Token ${jwt.sign({ ...claims, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }, SECRET, { algorithm: 'HS256' })}`,
      'Basic YWRhOnNlY3JldA==': 'Basic YWRhOnNlY3JldA==',
    };
    for (const path of ['/api/articles', `/api/articles/${slug}`, `/api/articles/${slug}/comments`]) {
      expectStatus(await http.get(path), 200, L.checking, `GET ${path} without any Authorization header: anonymous readers are welcome (optionalAuth)`);
      expectStatus(await http.get(path, { headers: tokenAuth(token) }), 200, L.checking, `GET ${path} with a valid token`);
      for (const [what, value] of Object.entries(bad)) {
        expect401(await http.get(path, { headers: { Authorization: value } }), `GET ${path} with ${what}`, L.checking, 'optionalAuth lets a request without a header through, but a header with a bad token is still a 401');
      }
    }
    // Well signed but no longer good: the token of a user deleted since, and a token issued before a password change.
    const bob = person('bob');
    const bobToken = await register(http, bob);
    const { db } = await fileDatabase(dir);
    await db.query('DELETE FROM users WHERE username = ?', { replacements: [bob.username] });
    const renewed = `${ada.password}-renewed`;
    secrets.add(renewed);
    const change = await http.put('/api/user', { json: { user: { password: renewed } }, headers: tokenAuth(token) });
    expectStatus(change, 200, L.current, 'PUT /api/user with a new password');
    const fresh = String(userOf(change)?.token);
    for (const path of ['/api/articles', `/api/articles/${slug}`, `/api/articles/${slug}/comments`]) {
      expect401(await http.get(path, { headers: tokenAuth(bobToken) }), `GET ${path} with the token of a user deleted since`, L.checking, 'optionalAuth refuses every token requireAuth refuses: check in one place (one function both use) that the user exists');
      expect401(await http.get(path, { headers: tokenAuth(token) }), `GET ${path} with a token issued before its user changed the password`, L.checking, "optionalAuth refuses every token requireAuth refuses: compare the token's version with the user's there too");
      expectStatus(await http.get(path, { headers: tokenAuth(fresh) }), 200, L.checking, `GET ${path} with the token from the password change`);
    }
  });
});

describe('roles', () => {
  requirement('the role is read from the database on every request: a promotion or a demotion counts at once, and a role in a token or a header makes nobody an admin', { lesson: L.admins, covers: ['role-from-db'] , timeout: 20_000 }, async () => {
    const http = await freshApp();
    const ada = person('ada');
    const root = person('root');
    const bob = person('bob');
    const [adaToken, rootToken, bobToken] = await Promise.all([register(http, ada), register(http, root), register(http, bob)]);
    const slug = await createArticle(http, adaToken);
    const first = await addComment(http, adaToken, slug);
    const second = await addComment(http, adaToken, slug);
    // Promoted after the token was issued: the same token is an admin's now.
    await setRole(root.username, 'admin');
    expectStatus(await http.delete(`/api/articles/${slug}/comments/${first}`, { headers: tokenAuth(rootToken) }), 204, L.admins, "root, promoted after logging in, deletes ada's comment with the token from before: the role comes from the database on every request");
    await setRole(root.username, 'user');
    expect403(await http.delete(`/api/articles/${slug}/comments/${second}`, { headers: tokenAuth(rootToken) }), 'root, demoted again, deleting a comment of ada', L.admins, 'read the role from the users row on every request, never from the token');
    const claims = claimsOf(bobToken, L.admins);
    const forged = jwt.sign({ ...claims, role: 'admin', admin: true, isAdmin: true, iat: nowSeconds() - 60, exp: nowSeconds() + 600 }, SECRET, { algorithm: 'HS256' });
    await expectResignedAccepted(http, claims, L.admins);
    expect403(await http.delete(`/api/articles/${slug}`, { headers: tokenAuth(forged) }), 'bob, with a token that says "role": "admin", deleting ada\'s article', L.admins, 'the role comes from the database, never from the token');
    for (const [name, value] of [['X-Role', 'admin'], ['X-User-Role', 'admin'], ['Role', 'admin']]) {
      expect403(await http.delete(`/api/articles/${slug}`, { headers: { ...tokenAuth(bobToken), [name]: value } }), `bob, sending ${name}: ${value}, deleting ada's article`, L.admins);
    }
    expectStatus(await http.get(`/api/articles/${slug}`), 200, L.admins, "ada's article is still there");
    await login(http, ada);
  });
});
