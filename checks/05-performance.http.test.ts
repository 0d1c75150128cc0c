/**
 * Step 05 · Performance, over the wire: HTTP validators (ETag, If-None-Match, 304) that never
 * hide a change, and gzip above 1 KB.
 */
import { afterAll, describe } from 'vitest';
import { describeResponse, ensure, requirement, type Response } from './support/index.js';
import { as, closeOracle, favorite, follow, freshWorld, insertArticles, L, label, sameAnswer, writeArticle, type Person, type World } from './05-performance.shared.js';

afterAll(closeOracle);

const etagOf = (res: Response): string => String(res.headers.etag ?? '');

/** The ETag of a GET, then the same GET with If-None-Match: 304 and no body. */
async function expect304(w: World, path: string, who?: Person): Promise<string> {
  const { res } = await sameAnswer(w, path, who, L.etag);
  const etag = etagOf(res);
  ensure(etag !== '', { expected: `${label(path, who)} answers with an ETag header`, got: `no ETag: ${describeResponse(res)}`, hint: 'Express sends one for every GET unless the app turns it off', lesson: L.etag });
  const again = await w.http.get(path, { headers: { ...as(who).headers, 'If-None-Match': etag } });
  ensure(again.status === 304 && (again.text ?? '') === '', {
    expected: `${label(path, who)} with If-None-Match: ${etag}: 304 Not Modified, no body`,
    got: describeResponse(again),
    lesson: L.etag,
  });
  return etag;
}

/** After a write that changed the answer, the old ETag gets the new answer (200) and a new ETag. */
async function expectFresh(w: World, path: string, oldEtag: string, after: string, who?: Person): Promise<void> {
  const res = await w.http.get(path, { headers: { ...as(who).headers, 'If-None-Match': oldEtag } });
  ensure(res.status === 200 && etagOf(res) !== oldEtag, {
    expected: `${label(path, who)} with the ETag from before ${after}: 200 with the new answer and a new ETag (the answer changed)`,
    got: res.status === 304 ? `304 Not Modified: the client keeps the answer from before ${after}` : `${describeResponse(res)}, ETag ${etagOf(res) || 'none'}`,
    hint: 'an ETag must change whenever any byte of the answer changes (favoritesCount and following too): a hash of the body does, updatedAt does not',
    lesson: L.etag,
  });
  await sameAnswer(w, path, who, L.etag);
}

describe('HTTP validators', () => {
  requirement(
    "GET answers carry an ETag; the same request with If-None-Match answers 304 with no body, and after a favorite, a follow, an edit, the author's new bio, a comment or a new tag it answers 200 with the new answer",
    { lesson: L.etag, covers: ['etag-304'], timeout: 40_000 },
    async () => {
      const w = await freshWorld(['ada', 'bob']);
      const { ada, bob } = w.users;
      await follow(w, ada, bob);
      const slug = await writeArticle(w, bob, ['rivers']);
      // bob's own comment: ada, who follows him, reads it with following true, a stranger false.
      const own = await w.http.post(`/api/articles/${slug}/comments`, { ...as(bob), json: { comment: { body: 'Ask me anything' } } });
      ensure(own.status === 201 || own.status === 200, { expected: 'POST /api/articles/:slug/comments adds a comment', got: describeResponse(own), lesson: L.etag });
      const paths: [string, Person | undefined][] = [
        ['/api/articles', undefined],
        ['/api/articles', ada],
        [`/api/articles/${slug}`, ada],
        ['/api/articles/feed', ada],
        [`/api/profiles/${bob.username}`, undefined],
        [`/api/articles/${slug}/comments`, undefined],
        [`/api/articles/${slug}/comments`, ada],
        ['/api/tags', undefined],
      ];
      const etags = new Map<string, string>();
      for (const [path, who] of paths) etags.set(`${path}|${who?.username ?? ''}`, await expect304(w, path, who));
      const tag = (path: string, who?: Person) => etags.get(`${path}|${who?.username ?? ''}`) ?? '';

      // An ETag names one answer: ada follows bob, so her list, bob's article and his comment read differently
      // from a stranger's, and a client that signs in (or out) must not be told to keep the other.
      const crossed: [string, Person | undefined, Person | undefined][] = [
        ['/api/articles', undefined, ada],
        ['/api/articles', ada, undefined],
        [`/api/articles/${slug}`, ada, undefined],
        [`/api/articles/${slug}/comments`, undefined, ada],
        [`/api/articles/${slug}/comments`, ada, undefined],
      ];
      for (const [path, from, to] of crossed) {
        const res = await w.http.get(path, { headers: { ...as(to).headers, 'If-None-Match': tag(path, from) } });
        ensure(res.status === 200 && etagOf(res) !== tag(path, from), {
          expected: `${label(path, to)} with the ETag of ${label(path, from)} (a different answer: following differs): 200 with its own answer and its own ETag`,
          got: res.status === 304 ? `304 Not Modified: the client keeps the answer meant for ${from ? from.username : 'a reader without a token'}` : `${describeResponse(res)}, ETag ${etagOf(res) || 'none'}`,
          hint: 'an ETag must name the bytes of the answer: derived from the body (what Express does), never from the URL or a version alone, which every reader shares',
          lesson: L.etag,
        });
      }

      // A favorite changes favoritesCount and favorited, and nothing else: no updatedAt moves.
      await favorite(w, ada, slug);
      await expectFresh(w, '/api/articles', tag('/api/articles'), "ada's favorite");
      await expectFresh(w, '/api/articles', tag('/api/articles', ada), "ada's favorite", ada);
      await expectFresh(w, `/api/articles/${slug}`, tag(`/api/articles/${slug}`, ada), "ada's favorite", ada);
      await expectFresh(w, '/api/articles/feed', tag('/api/articles/feed', ada), "ada's favorite", ada);

      // A follow changes author.following wherever bob's articles and comments show, and moves no
      // updatedAt and no favoritesCount: an ETag made of those (and of the reader) keeps the old answer.
      const profileEtag = await expect304(w, `/api/profiles/${bob.username}`, ada);
      const articleEtag = await expect304(w, `/api/articles/${slug}`, ada);
      const listEtag = await expect304(w, '/api/articles', ada);
      const commentsEtag = await expect304(w, `/api/articles/${slug}/comments`, ada);
      const unfollow = await w.http.delete(`/api/profiles/${bob.username}/follow`, as(ada));
      ensure(unfollow.status === 200, { expected: 'DELETE /api/profiles/:username/follow answers 200', got: describeResponse(unfollow), lesson: L.etag });
      await expectFresh(w, `/api/profiles/${bob.username}`, profileEtag, 'ada unfollowed bob', ada);
      await expectFresh(w, `/api/articles/${slug}`, articleEtag, 'ada unfollowed bob', ada);
      await expectFresh(w, '/api/articles', listEtag, 'ada unfollowed bob', ada);
      await expectFresh(w, `/api/articles/${slug}/comments`, commentsEtag, 'ada unfollowed bob', ada);

      const comment = await w.http.post(`/api/articles/${slug}/comments`, { ...as(ada), json: { comment: { body: 'Fast now' } } });
      ensure(comment.status === 201 || comment.status === 200, { expected: 'POST /api/articles/:slug/comments adds a comment', got: describeResponse(comment), lesson: L.etag });
      await expectFresh(w, `/api/articles/${slug}/comments`, tag(`/api/articles/${slug}/comments`), "ada's comment");

      const before = await expect304(w, `/api/articles/${slug}`, undefined);
      const edit = await w.http.put(`/api/articles/${slug}`, { ...as(bob), json: { article: { body: 'Edited for speed' } } });
      ensure(edit.status === 200, { expected: 'PUT /api/articles/:slug answers 200', got: describeResponse(edit), lesson: L.etag });
      await expectFresh(w, `/api/articles/${slug}`, before, "bob's edit");

      // The author's new bio shows in the article, the list, the profile and his comment, and
      // touches no article.
      const authorEtags: [string, string][] = [];
      for (const path of [`/api/articles/${slug}`, '/api/articles', `/api/profiles/${bob.username}`, `/api/articles/${slug}/comments`]) authorEtags.push([path, await expect304(w, path, undefined)]);
      const bio = await w.http.put('/api/user', { ...as(bob), json: { user: { bio: 'Writes about rivers' } } });
      ensure(bio.status === 200, { expected: 'PUT /api/user with a new bio answers 200', got: describeResponse(bio), lesson: L.etag });
      for (const [path, etag] of authorEtags) await expectFresh(w, path, etag, "bob's new bio");

      await writeArticle(w, bob, ['lakes']);
      await expectFresh(w, '/api/tags', tag('/api/tags'), 'an article with a new tag');
    },
  );
});

describe('compression', () => {
  requirement(
    'an answer over 1 KB is gzip-compressed when the request accepts gzip (with Vary: Accept-Encoding), and sent as it is when it is under 1 KB or the client does not accept gzip',
    { lesson: L.compression, covers: ['compression'], timeout: 20_000 },
    async () => {
      const w = await freshWorld(['ada']);
      const { ada } = w.users;
      await insertArticles(w, [ada], 25);
      const big = await w.http.post('/api/articles', { ...as(ada), json: { article: { title: 'A long one', description: 'Long', body: 'Long enough to compress. '.repeat(200) } } });
      const bigSlug = String((big.body as { article?: { slug?: string } }).article?.slug);
      // Its comments, a few KB of them: every answer over 1 KB, not only the articles'.
      for (let i = 0; i < 4; i++) {
        const comment = await w.http.post(`/api/articles/${bigSlug}/comments`, { ...as(ada), json: { comment: { body: `Comment ${i}, long enough to matter. `.repeat(20) } } });
        ensure(comment.status === 201 || comment.status === 200, { expected: 'POST /api/articles/:slug/comments adds a comment', got: describeResponse(comment), lesson: L.compression });
      }
      const gzip = { 'Accept-Encoding': 'gzip' };
      for (const path of ['/api/articles?limit=20', `/api/articles/${bigSlug}`, `/api/articles/${bigSlug}/comments`]) {
        for (const who of [undefined, ada]) {
          const res = await w.http.get(path, { headers: { ...as(who).headers, ...gzip } });
          ensure(res.status === 200 && res.headers['content-encoding'] === 'gzip' && /accept-encoding/i.test(String(res.headers.vary ?? '')), {
            expected: `${label(path, who)} with Accept-Encoding: gzip (an answer of several KB): 200, Content-Encoding: gzip and Vary: Accept-Encoding`,
            got: `${res.status}, Content-Encoding: ${res.headers['content-encoding'] ?? 'none'}, Vary: ${res.headers.vary ?? 'none'}`,
            hint: 'the compression middleware, before the routes',
            lesson: L.compression,
          });
        }
      }
      const plainClient = await w.http.get('/api/articles?limit=20', { headers: { 'Accept-Encoding': 'identity' } });
      ensure(plainClient.status === 200 && plainClient.headers['content-encoding'] === undefined, {
        expected: 'GET /api/articles?limit=20 with Accept-Encoding: identity (no gzip): 200, not compressed',
        got: `${plainClient.status}, Content-Encoding: ${plainClient.headers['content-encoding']}`,
        lesson: L.compression,
      });
      // Either side of 1 KB, so that a threshold of a few hundred bytes or of several KB shows too:
      // one article's answer sized by its body, measured as sent without compression.
      const sized = async (title: string, bodyLength: number): Promise<{ path: string; bytes: number }> => {
        const made = await w.http.post('/api/articles', { ...as(ada), json: { article: { title, description: 'Sized', body: 'x'.repeat(Math.max(1, bodyLength)) } } });
        const path = `/api/articles/${String((made.body as { article?: { slug?: string } }).article?.slug)}`;
        const plain = await w.http.get(path, { headers: { 'Accept-Encoding': 'identity' } });
        ensure(plain.status === 200, { expected: `GET ${path} answers 200`, got: describeResponse(plain), lesson: L.compression });
        return { path, bytes: Buffer.byteLength(plain.text ?? '') };
      };
      const probe = await sized('Size probe aaa', 1);
      const around = [await sized('Size probe bbb', 880 - probe.bytes), await sized('Size probe ccc', 1250 - probe.bytes)];
      for (const { path, bytes } of around) {
        const res = await w.http.get(path, { headers: gzip });
        const compressed = res.headers['content-encoding'] === 'gzip';
        if (bytes > 1100) {
          ensure(res.status === 200 && compressed, {
            expected: `GET ${path} with Accept-Encoding: gzip (an answer of ${bytes} bytes, over 1 KB): Content-Encoding: gzip`,
            got: `${res.status}, Content-Encoding: ${res.headers['content-encoding'] ?? 'none'}`,
            hint: 'a threshold of 1 KB (1024 bytes): every answer above it is compressed',
            lesson: L.compression,
          });
        } else if (bytes < 1000) {
          ensure(res.status === 200 && !compressed && res.headers['content-encoding'] === undefined, {
            expected: `GET ${path} with Accept-Encoding: gzip (an answer of ${bytes} bytes, under 1 KB): sent as it is`,
            got: `${res.status}, Content-Encoding: ${res.headers['content-encoding']}`,
            hint: 'a threshold of 1 KB (1024 bytes): an answer below it is sent as it is',
            lesson: L.compression,
          });
        }
      }
      for (const path of ['/api/tags', `/api/profiles/${ada.username}`, '/api/articles/no-such-article']) {
        const res = await w.http.get(path, { headers: gzip });
        ensure(res.headers['content-encoding'] === undefined, {
          expected: `GET ${path} with Accept-Encoding: gzip: an answer under 1 KB, sent as it is (compressing it costs more than it saves)`,
          got: `Content-Encoding: ${res.headers['content-encoding']} on ${describeResponse(res)}`,
          hint: 'a threshold of 1 KB (1024 bytes)',
          lesson: L.compression,
        });
      }
    },
  );
});
