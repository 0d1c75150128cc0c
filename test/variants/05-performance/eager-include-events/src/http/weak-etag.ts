import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

/** True when an If-None-Match header names this ETag (weak comparison: W/ is ignored), or is `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const mine = opaque(etag);
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === mine);
}

/**
 * Our own HTTP validators instead of Express's (which the app turns off): every 200 answer of a GET
 * or HEAD that goes out through res.json carries a weak ETag, W/"<SHA-256 of the JSON text,
 * base64url>", and a request whose If-None-Match names it gets 304 with no body. The hash covers
 * every byte of the answer, so a favorite, a follow or an edit (anything that changes the body)
 * changes the ETag, and two readers who see different answers get different ETags
 * (docs/05-performance.md#http-validators). Errors go out as they are, without one.
 */
export function weakEtag(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const json = res.json.bind(res);
    res.json = ((body: unknown) => {
      if (res.statusCode !== 200) return json(body);
      const text = JSON.stringify(body);
      const etag = `W/"${createHash('sha256').update(text).digest('base64url')}"`;
      res.setHeader('ETag', etag);
      if (matches(req.get('If-None-Match'), etag)) return res.status(304).end();
      // What res.json does, without serialising the body a second time: send() adds the charset.
      if (!res.get('Content-Type')) res.set('Content-Type', 'application/json');
      return res.send(text);
    }) as typeof res.json;
    next();
  };
}
