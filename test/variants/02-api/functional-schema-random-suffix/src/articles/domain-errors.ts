/** What can go wrong with articles, in the domain's words. domainErrors() turns them into HTTP. */
import type { ErrorRequestHandler } from 'express';
import { NotFoundError, ValidationError } from '../http/errors.js';

export class UnknownArticle extends Error {
  constructor(readonly slug: string) {
    super(`no article has the slug ${slug}`);
  }
}

export class InvalidInput extends Error {
  constructor(readonly problems: Record<string, string[]>) {
    super(`invalid input: ${Object.keys(problems).join(', ')}`);
  }
}

export const domainErrors = (): ErrorRequestHandler => (err, _req, _res, next) => {
  if (err instanceof UnknownArticle) return next(new NotFoundError('article'));
  if (err instanceof InvalidInput) return next(new ValidationError(err.problems));
  next(err);
};
