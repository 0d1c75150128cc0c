import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.drop());

describe('GET /health', () => {
  it('answers 200 with the status and the app clock', async () => {
    t.clock.set('2026-03-04T05:06:07.000Z');
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', time: '2026-03-04T05:06:07.000Z' });
  });
});
