/**
 * Errors the app means to send. Handlers and services throw them; the one error handler turns
 * them into a status code and the Conduit error envelope: { "errors": { "<key>": ["message"] } }.
 */
export type ErrorMessages = Record<string, string[]>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorMessages,
    /** Response headers that belong to this error (WWW-Authenticate, Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(Object.entries(errors).map(([k, v]) => `${k} ${v.join(', ')}`).join('; '));
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(errors: ErrorMessages = { body: ['is not valid JSON'] }) {
    super(400, errors);
  }
}

export class NotFoundError extends HttpError {
  constructor(what = 'resource') {
    super(404, { [what]: ['not found'] });
  }
}

/** 401: no valid credentials came with the request (no token, a bad token, a wrong password). */
export class UnauthorizedError extends HttpError {
  constructor(errors: ErrorMessages = { token: ['is missing'] }) {
    // RFC 9110: a 401 says which scheme would work.
    super(401, errors, { 'WWW-Authenticate': 'Token' });
  }
}

/** 403: we know who you are, and you may not do this. */
export class ForbiddenError extends HttpError {
  constructor(errors: ErrorMessages) {
    super(403, errors);
  }
}

/** 429: too many attempts; Retry-After says how many seconds to wait. */
export class TooManyRequestsError extends HttpError {
  constructor(retryAfterSeconds: number, errors: ErrorMessages = { login: ['too many failed attempts; try again later'] }) {
    super(429, errors, { 'Retry-After': String(retryAfterSeconds) });
  }
}

/** 503: not the client's fault, and not for long: Retry-After says when to try again. */
export class ServiceUnavailableError extends HttpError {
  constructor(errors: ErrorMessages, retryAfterSeconds = 1) {
    super(503, errors, { 'Retry-After': String(retryAfterSeconds) });
  }
}

/** 422: the request was understood but its content is invalid. */
export class ValidationError extends HttpError {
  constructor(errors: ErrorMessages) {
    super(422, errors);
  }
}

/** 501: the starter's answer where the work is still to do. The message names the TODO. */
export class NotImplementedError extends HttpError {
  constructor(todo: string) {
    super(501, { todo: [`not implemented: ${todo}`] });
  }
}
