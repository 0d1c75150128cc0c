// @ts-check
/**
 * Talking to the Conduit API: one `request` function, the stored token, and the two kinds of
 * failure a screen has to show.
 *
 * The API lives on another origin than this page (http://localhost:3000 vs :4100), so every call
 * is a cross-origin fetch: the browser asks the API first (a preflight, for JSON bodies and the
 * Authorization header) and only hands the answer to this code when the API's CORS allow-list
 * names this page's origin.
 */
import { API_URL } from '/config.js';

/** The API root every path is relative to, e.g. http://localhost:3000/api */
export const apiRoot = API_URL;

const TOKEN_KEY = 'conduit.jwt';

/** The JWT from sign-in or sign-up, kept across reloads. */
export const token = {
  get: () => localStorage.getItem(TOKEN_KEY),
  /** @param {string} jwt */
  set: (jwt) => localStorage.setItem(TOKEN_KEY, jwt),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/** The API answered with an error status. `errors` is its envelope: { field: ["message", …] }. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {Record<string, string[]>} errors
   */
  constructor(status, errors) {
    super(`The API answered ${status}`);
    this.status = status;
    this.errors = errors;
  }
}

/**
 * The request never got an answer this page may read: the API is down, the URL is wrong, or its
 * CORS allow-list does not name this page's origin. JavaScript cannot tell these apart (fetch
 * throws a TypeError for each); the browser's console says which.
 */
export class NetworkError extends Error {
  constructor() {
    super(`Could not reach the API at ${apiRoot}. Is it running? Does its CORS_ORIGINS include ${location.origin}?`);
  }
}

/**
 * Calls the API and returns the parsed JSON body (undefined for 204 No Content).
 * @param {'GET' | 'POST' | 'PUT' | 'DELETE'} method
 * @param {string} path e.g. `/articles?limit=10`
 * @param {unknown} [body] sent as JSON
 * @returns {Promise<any>}
 */
export async function request(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const jwt = token.get();
  if (jwt) headers.Authorization = `Token ${jwt}`;

  let response;
  try {
    response = await fetch(`${apiRoot}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    if (err instanceof TypeError) throw new NetworkError();
    throw err;
  }

  const text = await response.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const errors = data && typeof data.errors === 'object' && data.errors !== null ? data.errors : { response: [`${response.status} ${response.statusText}`.trim()] };
    throw new ApiError(response.status, errors);
  }
  return data;
}

/** `?tag=a&limit=10` from an object, leaving out empty values. */
/** @param {Record<string, string | number | undefined>} params */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// One function per endpoint the screens use, named after what they do.
const enc = encodeURIComponent;
export const api = {
  /** @param {{ email: string, password: string }} user */
  login: (user) => request('POST', '/users/login', { user }),
  /** @param {{ username: string, email: string, password: string }} user */
  register: (user) => request('POST', '/users', { user }),
  currentUser: () => request('GET', '/user'),
  /** @param {Record<string, string | null>} user */
  updateUser: (user) => request('PUT', '/user', { user }),

  /** @param {string} username */
  profile: (username) => request('GET', `/profiles/${enc(username)}`),
  /** @param {string} username @param {boolean} on */
  follow: (username, on) => request(on ? 'POST' : 'DELETE', `/profiles/${enc(username)}/follow`),

  /** @param {Record<string, string | number | undefined>} params tag, author, favorited, limit, offset */
  articles: (params) => request('GET', `/articles${query(params)}`),
  /** @param {Record<string, string | number | undefined>} params limit, offset */
  feed: (params) => request('GET', `/articles/feed${query(params)}`),
  /** @param {string} slug */
  article: (slug) => request('GET', `/articles/${enc(slug)}`),
  /** @param {object} article */
  createArticle: (article) => request('POST', '/articles', { article }),
  /** @param {string} slug @param {object} article */
  updateArticle: (slug, article) => request('PUT', `/articles/${enc(slug)}`, { article }),
  /** @param {string} slug */
  deleteArticle: (slug) => request('DELETE', `/articles/${enc(slug)}`),
  /** @param {string} slug @param {boolean} on */
  favorite: (slug, on) => request(on ? 'POST' : 'DELETE', `/articles/${enc(slug)}/favorite`),

  /** @param {string} slug */
  comments: (slug) => request('GET', `/articles/${enc(slug)}/comments`),
  /** @param {string} slug @param {string} body */
  addComment: (slug, body) => request('POST', `/articles/${enc(slug)}/comments`, { comment: { body } }),
  /** @param {string} slug @param {number} id */
  deleteComment: (slug, id) => request('DELETE', `/articles/${enc(slug)}/comments/${id}`),

  tags: () => request('GET', '/tags'),
};
