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
    // What the article should say: written once, then edited once by its author, in the middle
    // of the likes. Likes before the edit must not look like one; likes after it must keep it.
    let edited = written;
    const seen: string[] = [];
    const shows = (a: ArticleJson) => `createdAt ${String(a.createdAt)} and updatedAt ${String(a.updatedAt)}`;
    const look = async (what: string) => {
      const one = articleOf((await http.get(`/api/articles/${slug}`)).body);
      const listed = articlesOf((await http.get('/api/articles?tag=likes')).body).find((a) => a.slug === slug) ?? {};
      for (const [where, a] of [
        ['GET /api/articles/:slug', one],
        ['GET /api/articles', listed],
      ] as const) {
        if (a.updatedAt !== edited || a.createdAt !== written) seen.push(`after ${what}, ${where} shows ${shows(a)}`);
      }
    };
    // Likes and unlikes come later than the writing, by other people, as in the report; the
    // author edits the article once, between them.
    const steps = [
      { label: 'a like', hours: 1, send: () => http.post(`/api/articles/${slug}/favorite`, { headers: tokenAuth(tokens[1]) }) },
      { label: 'the author’s edit of the body', hours: 2, edit: true, send: () => http.put(`/api/articles/${slug}`, { json: { article: { body: 'Rivers run to the sea, and back as rain.' } }, headers: tokenAuth(tokens[0]) }) },
      { label: 'a second like', hours: 24, send: () => http.post(`/api/articles/${slug}/favorite`, { headers: tokenAuth(tokens[2]) }) },
      { label: 'an unlike', hours: 24, send: () => http.delete(`/api/articles/${slug}/favorite`, { headers: tokenAuth(tokens[1]) }) },
    ];
    for (const { label, hours, edit, send } of steps) {
      time.tick(hours * 60 * 60 * 1000);
      if (edit) edited = time.iso();
      const answered = articleOf((await send()).body);
      if (answered.updatedAt !== edited || answered.createdAt !== written) seen.push(`${label} answered the article with ${shows(answered)}`);
      await look(label);
    }
    ensure(seen.length === 0, {
      expected: `an article written at ${written} keeps createdAt = ${written}, and updatedAt = the time of its author's last edit, however many people like or unlike it before or after: ${written} until the edit, ${edited} from then on`,
      got: seen[0] ?? '',
      hint: 'reproduce the report in a test first: write an article, move the clock, like it, read it again; then edit it, move the clock, like it again: a fix that hides updatedAt, or writes createdAt into it, loses the real edit',
      lesson: L,
    });
  },
);
