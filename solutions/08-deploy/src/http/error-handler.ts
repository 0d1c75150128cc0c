import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ForeignKeyConstraintError, TimeoutError, UniqueConstraintError, ValidationError as ModelValidationError } from 'sequelize';
import { childLogger, type Logger } from '../logger.js';
import { DatabaseBusyError } from '../db/index.js';
import { loggableUrl } from './request-logger.js';
import { BadRequestError, HttpError, NotFoundError, ServiceUnavailableError, ValidationError } from './errors.js';

/** Registered after every route: nothing matched, so answer 404 in the Conduit envelope. */
export function notFound(): RequestHandler {
  return (req, _res, next) => {
    next(new NotFoundError(`${req.method} ${req.path}`));
  };
}

/** express.json() flags bad bodies with a status and a type; the client sent them, so 4xx. */
function fromBodyParser(err: unknown): HttpError | undefined {
  const e = err as { type?: string; status?: number };
  // The router flags a URL it cannot decode (/api/articles/%E0%A4%A) the same way: status 400.
  if (err instanceof URIError && e.status === 400) return new BadRequestError({ url: ['could not be decoded'] });
  if (e?.type === 'entity.parse.failed') return new BadRequestError({ body: ['is not valid JSON'] });
  if (e?.type === 'entity.too.large') return new HttpError(413, { body: ['is too large'] });
  if (typeof e?.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new HttpError(e.status, { body: ['could not be read'] });
  }
  // A body that does not decompress (Content-Encoding: gzip on bytes that are not gzip): the parser
  // marks zlib's error as a 400 the client may see (expose), but gives it no type.
  const stream = err as { expose?: unknown };
  if (e?.status === 400 && e.type === undefined && stream.expose === true) return new BadRequestError({ body: ['could not be decompressed'] });
  return undefined;
}

/**
 * A write waited too long for its turn (src/db/concurrency.ts), or a statement outside a transaction
 * still found SQLite's file locked after busy_timeout (Sequelize's TimeoutError, SQLITE_BUSY): the
 * server is busy, not broken.
 */
function fromBusyDatabase(err: unknown): HttpError | undefined {
  return err instanceof DatabaseBusyError || err instanceof TimeoutError ? new ServiceUnavailableError({ database: ['is busy: try again in a moment'] }) : undefined;
}

const camel = (column: string): string => column.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());

/**
 * The database refused a write because of the data in it: a clash with an existing row or a
 * reference to a missing one. That is the client's input meeting the rules, so 422, not 500.
 */
function fromDatabase(err: unknown): HttpError | undefined {
  if (err instanceof UniqueConstraintError) {
    // MySQL reports the fields as { column: value }, SQLite as [column].
    const fields = (Array.isArray(err.fields) ? err.fields : Object.keys(err.fields ?? {})).map(String).map(camel);
    return new ValidationError(Object.fromEntries((fields.length ? fields : ['record']).map((f) => [f, ['has already been taken']])));
  }
  if (err instanceof ForeignKeyConstraintError) {
    const fields = (Array.isArray(err.fields) ? err.fields : Object.keys(err.fields ?? {})).map(String).map(camel);
    return new ValidationError(Object.fromEntries((fields.length ? fields : ['record']).map((f) => [f, ['refers to something that does not exist']])));
  }
  if (err instanceof ModelValidationError) {
    const errors: Record<string, string[]> = {};
    for (const item of err.errors) (errors[item.path ?? 'record'] ??= []).push(item.message);
    return new ValidationError(errors);
  }
  return undefined;
}

/**
 * Any other 4xx that Express's own middleware raised with http-errors and marked for the client
 * (expose): express.static's 416 for a Range past the end of a file (GET /api/docs/favicon-16x16.png
 * with Range: bytes=5-1), say. The client's mistake keeps its status, in the envelope, with the
 * headers that go with it (the 416's Content-Range, with the file's size), never a 500.
 */
function fromHttpErrors(err: unknown): HttpError | undefined {
  const e = err as { status?: unknown; expose?: unknown; message?: unknown; headers?: unknown } | undefined;
  if (typeof e?.status !== 'number' || e.status < 400 || e.status > 499 || e.expose !== true) return undefined;
  const headers = Object.fromEntries(Object.entries((e.headers ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return new HttpError(e.status, { request: [String(e.message ?? 'could not be served').toLowerCase()] }, headers);
}

/**
 * The one place errors become responses. Known errors keep their status and messages; anything
 * else is a bug: it is logged in full, and the client gets a generic 500 without details.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = err instanceof HttpError ? err : (fromBodyParser(err) ?? fromBusyDatabase(err) ?? fromDatabase(err) ?? fromHttpErrors(err));
    if (known) {
      res.set(known.headers).status(known.status).json({ errors: known.errors });
      return;
    }
    // req.log carries the request id (reqId); an error before the request logger ran has none yet.
    const log = req.log ?? childLogger(logger, { reqId: req.id });
    log.error('unhandled error', {
      method: req.method,
      url: loggableUrl(req.originalUrl),
      error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
    });
    res.status(500).json({ errors: { server: ['something went wrong; the request id is ' + req.id] } });
  };
}
