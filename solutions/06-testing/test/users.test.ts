import jwt from 'jsonwebtoken';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp, type TestApp } from './support/app.js';
import { authOf, registerUser, unique } from './support/builders.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.drop());
afterEach(() => {
  vi.useRealTimers();
});

const USER_KEYS = ['bio', 'email', 'image', 'token', 'username'];

describe('POST /api/users (register)', () => {
  it('answers 201 with the user and a token, and nothing else', async () => {
    const username = unique('ada');
    const res = await t.http().post('/api/users').send({ user: { username, email: `${username}@example.com`, password: 'correct horse battery' } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.user).sort()).toEqual(USER_KEYS);
    expect(res.body.user).toMatchObject({ username, email: `${username}@example.com`, bio: null, image: null });
    expect(res.body.user.token).toEqual(expect.any(String));
  });

  it('refuses an email that differs from a taken one only in letter case', async () => {
    const ada = await registerUser(t, 'ada');
    const res = await t.http().post('/api/users').send({ user: { username: unique('other'), email: ada.email.toUpperCase(), password: 'correct horse battery' } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { email: ['has already been taken'] } });
  });
  it('refuses a username someone already has, naming the field', async () => {
    const ada = await registerUser(t, 'ada');
    const res = await t.http().post('/api/users').send({ user: { username: ada.username, email: `${unique('other')}@example.com`, password: 'correct horse battery' } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { username: ['has already been taken'] } });
  });
});

describe('POST /api/users/login', () => {
  it('answers the user and a token, never the password hash', async () => {
    const ada = await registerUser(t, 'ada');
    const res = await t.http().post('/api/users/login').send({ user: { email: ada.email, password: ada.password } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.user).sort()).toEqual(USER_KEYS);
    expect(res.body.user).toMatchObject({ username: ada.username, email: ada.email });
    expect(JSON.stringify(res.body)).not.toMatch(/\$2[aby]\$/);
  });

  it('answers 401 to a wrong password, without a token', async () => {
    const ada = await registerUser(t, 'ada');
    const res = await t.http().post('/api/users/login').send({ user: { email: ada.email, password: `${ada.password}!` } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: expect.any(Object) });
    expect(JSON.stringify(res.body)).not.toContain('token');
  });

  it('answers 429 with Retry-After to a sixth wrong password in a row for one email, even when it is right', async () => {
    const ada = await registerUser(t, 'ada');
    for (let i = 0; i < 5; i++) {
      const wrong = await t.http().post('/api/users/login').send({ user: { email: ada.email, password: `not it ${i}` } });
      expect(wrong.status).toBe(401);
    }
    const sixth = await t.http().post('/api/users/login').send({ user: { email: ada.email, password: ada.password } });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('GET /api/user', () => {
  it('answers the current user for a valid token', async () => {
    const ada = await registerUser(t, 'ada');
    const res = await t.http().get('/api/user').set(ada.auth);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: ada.username, email: ada.email, token: ada.token });
  });

  it('answers 401 without a token', async () => {
    const res = await t.http().get('/api/user');
    expect(res.status).toBe(401);
    expect(res.body.errors.token).toEqual(expect.any(Array));
  });

  it('answers 401 for a token that has expired (the clock is moved past its hour)', async () => {
    const ada = await registerUser(t, 'ada');
    // jsonwebtoken reads Date.now(): move it, never wait. Only Date is faked; timers run as usual.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61 * 60 * 1000);
    const res = await t.http().get('/api/user').set(ada.auth);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: { token: ['has expired'] } });
  });

  it('answers 401 for a token signed with another secret, whatever its claims', async () => {
    const ada = await registerUser(t, 'ada');
    const claims = jwt.decode(ada.token) as jwt.JwtPayload;
    const forged = jwt.sign({ ver: claims.ver }, 'not-the-app-secret-but-just-as-long-0123456789', { algorithm: 'HS256', subject: claims.sub, expiresIn: '1h' });
    const res = await t.http().get('/api/user').set(authOf(forged));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: { token: ['is invalid'] } });
  });

  it('answers 401 for the token of a user who has been deleted, on public routes too', async () => {
    const gone = await registerUser(t, 'gone');
    await t.db.models.User.destroy({ where: { username: gone.username } });
    const own = await t.http().get('/api/user').set(gone.auth);
    expect(own.status).toBe(401);
    const list = await t.http().get('/api/articles').set(gone.auth);
    expect(list.status).toBe(401);
    expect(list.body).toEqual({ errors: { token: ['is invalid'] } });
  });
});

describe('PUT /api/user', () => {
  it('accepts the user sending back their own username and email unchanged', async () => {
    const ada = await registerUser(t, 'ada');
    const res = await t.http().put('/api/user').set(ada.auth).send({ user: { username: ada.username, email: ada.email, bio: 'I write code' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: ada.username, email: ada.email, bio: 'I write code' });
  });

  it('ends the tokens issued before a password change, and the answer carries a new one', async () => {
    const ada = await registerUser(t, 'ada');
    const res = await t.http().put('/api/user').set(ada.auth).send({ user: { password: 'a brand new password' } });
    expect(res.status).toBe(200);
    const fresh: string = res.body.user.token;
    expect(fresh).not.toBe(ada.token);
    const old = await t.http().get('/api/user').set(ada.auth);
    expect(old.status).toBe(401);
    const now = await t.http().get('/api/user').set(authOf(fresh));
    expect(now.status).toBe(200);
    expect(now.body.user.username).toBe(ada.username);
  });
});
