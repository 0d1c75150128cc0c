import { createHash } from 'node:crypto';

/**
 * Express's "etag fn": a strong ETag, the SHA-1 of every byte of the body, so any change in the
 * answer (a favoritesCount, a following flag) is a new ETag, and the same bytes are always the
 * same one. Express calls it from res.send for each answer with a body, and answers 304 itself
 * when the request's If-None-Match matches.
 */
export function strongEtag(body: Buffer | string, encoding?: BufferEncoding): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, encoding) : body;
  return `"${createHash('sha1').update(bytes).digest('base64url')}"`;
}
