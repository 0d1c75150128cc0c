import type { WrongSubmission } from '../types.js';

export default {
  description: 'the no-token case is tested on GET /api/user and on the feed, routes that only read; no test writes an article without a token',
  caughtBy: 'your tests notice when POST /api/articles lets a request without a token through (500 instead of 401)',
  edits: [
    {
      file: 'test/articles.test.ts',
      find: `  it('answers 401 without a token', async () => {
    const res = await t.http().post('/api/articles').send({ article: { title: 't', description: 'd', body: 'b' } });
    expect(res.status).toBe(401);
    expect(res.body.errors.token).toEqual(expect.any(Array));
  });
`,
      replace: ``,
    },
  ],
} satisfies WrongSubmission;
