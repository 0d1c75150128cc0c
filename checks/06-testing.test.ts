/**
 * Step 06 · Testing and debugging: the bug of the report is fixed in the learner's code. Their
 * own test suite is checked in 06-testing.suite.test.ts.
 */
import { ensure, lessonLink, manualClock, requirement } from './support/index.js';
import { createArticle, freshApp, person, register, tokenAuth } from './04-security.shared.js';

const lesson = lessonLink('06-testing');
const L = lesson('the-bug-report');

interface ArticleJson {
  createdAt?: unknown;
  updatedAt?: unknown;
  favoritesCount?: unknown;
}
const articleOf = (body: unknown) => (body as { article?: ArticleJson } | undefined)?.article ?? {};
const articlesOf = (body: unknown) => (body as { articles?: (ArticleJson & { slug?: unknown })[] } | undefined)?.articles ?? [];

requirement(
  'the reported bug is fixed: liking an article does not make it look edited',
  { lesson: L, covers: ['bug-fixed'], timeout: 30_000 },
  async () => {
    const time = manualClock('2026-05-04T08:00:00.000Z');
    const http = await freshApp({ clock: time.clock });
    const [author, reader, other] = [person('writer'), person('reader'), person('other')];
    const tokens = await Promise.all([author, reader, other].map((p) => register(http, p)));
    const slug = await createArticle(http, tokens[0], { tagList: ['likes'] });
    const written = time.iso();
    const seen: string[] = [];
    const look = async (what: string) => {
      const one = articleOf((await http.get(`/api/articles/${slug}`)).body);
      const listed = articlesOf((await http.get('/api/articles?tag=likes')).body).find((a) => a.slug === slug) ?? {};
      for (const [where, a] of [
        ['GET /api/articles/:slug', one],
        ['GET /api/articles', listed],
      ] as const) {
        if (a.updatedAt !== written || a.createdAt !== written) seen.push(`after ${what}, ${where} shows createdAt ${String(a.createdAt)} and updatedAt ${String(a.updatedAt)}`);
      }
    };
    // Likes and unlikes come later than the writing, by other people, as in the report.
    const steps = [
      { label: 'a like', hours: 1, send: () => http.post(`/api/articles/${slug}/favorite`, { headers: tokenAuth(tokens[1]) }) },
      { label: 'a second like', hours: 24, send: () => http.post(`/api/articles/${slug}/favorite`, { headers: tokenAuth(tokens[2]) }) },
      { label: 'an unlike', hours: 24, send: () => http.delete(`/api/articles/${slug}/favorite`, { headers: tokenAuth(tokens[1]) }) },
    ];
    for (const { label, hours, send } of steps) {
      time.tick(hours * 60 * 60 * 1000);
      const answered = articleOf((await send()).body);
      if (answered.updatedAt !== written) seen.push(`${label} answered the article with updatedAt ${String(answered.updatedAt)}`);
      await look(label);
    }
    ensure(seen.length === 0, {
      expected: `an article written at ${written} and never edited keeps updatedAt = createdAt = ${written}, however many people like or unlike it later`,
      got: seen[0] ?? '',
      hint: 'reproduce the report in a test first: write an article, move the clock, like it, read it again',
      lesson: L,
    });
  },
);
