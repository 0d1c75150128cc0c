/**
 * Errors the app means to send. Handlers and services throw them; the one error handler turns
 * them into a status code and the Conduit error envelope: { "errors": { "<key>": ["message"] } }.
 */
export type ErrorMessages = Record<string, string[]>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorMessages,
    /** Response headers that belong to this error (Retry-After). */
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
