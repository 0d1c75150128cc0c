import type { ErrorRequestHandler, RequestHandler } from 'express';
import { BaseError, ForeignKeyConstraintError, UniqueConstraintError, ValidationError as SequelizeValidationError } from 'sequelize';
import type { Logger } from '../logger.js';
import { DatabaseBusyError } from '../db/index.js';
import { BadRequestError, HttpError, NotFoundError, ServiceUnavailableError, ValidationError } from './errors.js';

export function notFound(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`${req.method} ${req.path}`));
}

/** Each translator recognises one family of errors and says what the client gets; the first match wins. */
type Translator = (err: unknown) => HttpError | undefined;

/** The field a constraint error is about: from its fields, else from the index or column in its message. */
function fieldOf(err: UniqueConstraintError | ForeignKeyConstraintError): string {
  const text = `${JSON.stringify(err.fields ?? {})} ${err.message} ${String((err.parent as { message?: string } | undefined)?.message ?? '')}`;
  for (const [pattern, field] of [
    [/slug/i, 'slug'],
    [/username/i, 'username'],
    [/email/i, 'email'],
    [/tags?[._]name|ux_tags/i, 'tag'],
    [/article_id|articleId/i, 'article'],
    [/author_id|authorId/i, 'author'],
  ] as const) {
    if (pattern.test(text)) return field;
  }
  return 'record';
}

const translators: Translator[] = [
  (err) => (err instanceof HttpError ? err : undefined),
  (err) => {
    const e = err as { type?: string; status?: number; expose?: boolean };
    if (err instanceof URIError && e.status === 400) return new BadRequestError({ url: ['could not be decoded'] });
    if (e?.type === 'entity.parse.failed') return new BadRequestError({ body: ['is not valid JSON'] });
    if (e?.type === 'entity.too.large') return new HttpError(413, { body: ['is too large'] });
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && (typeof e.type === 'string' || e.expose === true)) return new HttpError(e.status, { body: ['could not be read'] });
    return undefined;
  },
  (err) => (err instanceof DatabaseBusyError ? new ServiceUnavailableError({ database: ['is busy: try again in a moment'] }) : undefined),
  (err) => (err instanceof UniqueConstraintError ? new ValidationError({ [fieldOf(err)]: ['has already been taken'] }) : undefined),
  (err) => (err instanceof ForeignKeyConstraintError ? new ValidationError({ [fieldOf(err)]: ['refers to something that does not exist'] }) : undefined),
  (err) => {
    if (!(err instanceof SequelizeValidationError)) return undefined;
    const errors: Record<string, string[]> = {};
    for (const item of err.errors) (errors[item.path ?? 'record'] ??= []).push(item.message);
    return new ValidationError(errors);
  },
];

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    let known: HttpError | undefined;
    for (const translate of translators) if ((known = translate(err))) break;
    if (known) {
      res.set(known.headers).status(known.status).json({ errors: known.errors });
      return;
    }
    logger.error('unhandled error', {
      requestId: req.id,
      method: req.method,
      path: req.originalUrl,
      database: err instanceof BaseError,
      error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
    });
    res.status(500).json({ errors: { server: [`something went wrong (request ${req.id})`] } });
  };
}
