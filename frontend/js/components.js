// @ts-check
/** Pieces several screens share: error lists, article previews, pagination, buttons. */
import { ApiError, NetworkError, api } from './api.js';
import { formatDate, h, replace } from './dom.js';

/**
 * What went wrong, as a list a person can read. The API's envelope
 * `{ "errors": { "email": ["has already been taken"] } }` becomes "email has already been taken".
 * @param {unknown} err
 */
export function errorList(err) {
  /** @type {string[]} */
  let lines;
  if (err instanceof ApiError) {
    lines = Object.entries(err.errors).flatMap(([field, messages]) => (Array.isArray(messages) ? messages : [String(messages)]).map((m) => `${field} ${m}`));
    if (err.status === 401) lines.push('Sign in again if your session has expired.');
  } else if (err instanceof NetworkError) {
    lines = [err.message, 'A CORS refusal looks like this from JavaScript: the browser console (F12) names the cause.'];
  } else {
    lines = [err instanceof Error ? err.message : String(err)];
  }
  return h('ul', { class: 'error-messages', role: 'alert' }, lines.map((line) => h('li', {}, line)));
}

/** A form's error area: `show(err)` fills it, `clear()` empties it. */
export function errorArea() {
  const el = h('div', { class: 'form-errors' });
  return { el, show: (/** @type {unknown} */ err) => replace(el, errorList(err)), clear: () => replace(el) };
}

/** @param {string | null | undefined} src @param {string} [alt] */
export const avatar = (src, alt = '') => (src ? h('img', { class: 'avatar', src, alt, referrerpolicy: 'no-referrer' }) : h('span', { class: 'avatar avatar-none', 'aria-hidden': 'true' }));

/** The author's picture, name and the date, as at the top of a preview or an article. */
/** @param {{ username: string, image: string | null }} author @param {string} date */
export function authorLine(author, date) {
  return h(
    'div',
    { class: 'article-meta' },
    h('a', { href: `#/profile/${encodeURIComponent(author.username)}` }, avatar(author.image)),
    h('div', { class: 'info' }, h('a', { class: 'author', href: `#/profile/${encodeURIComponent(author.username)}` }, author.username), h('span', { class: 'date' }, formatDate(date))),
  );
}

/** @param {string[]} tags */
export const tagList = (tags) => h('ul', { class: 'tag-list' }, tags.map((t) => h('li', { class: 'tag' }, t)));

/**
 * The heart button with the count. Signed out, it sends the reader to sign in.
 * @param {{ slug: string, favorited: boolean, favoritesCount: number }} article
 * @param {boolean} signedIn
 * @param {(article: any) => void} [onChange] gets the article the API sends back
 * @param {boolean} [long] "Favorite article (3)" rather than "♥ 3"
 */
export function favoriteButton(article, signedIn, onChange, long = false) {
  const label = () => (long ? `${article.favorited ? 'Unfavorite' : 'Favorite'} article (${article.favoritesCount})` : `♥ ${article.favoritesCount}`);
  const button = h('button', { type: 'button', class: 'btn-favorite', 'aria-pressed': String(article.favorited), title: article.favorited ? 'Unfavorite' : 'Favorite' }, label());
  button.addEventListener('click', async () => {
    if (!signedIn) return void (location.hash = '#/login');
    button.disabled = true;
    try {
      const { article: updated } = await api.favorite(article.slug, !article.favorited);
      Object.assign(article, { favorited: updated.favorited, favoritesCount: updated.favoritesCount });
      button.textContent = label();
      button.setAttribute('aria-pressed', String(article.favorited));
      button.title = article.favorited ? 'Unfavorite' : 'Favorite';
      onChange?.(updated);
    } catch (err) {
      button.after(errorList(err));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/**
 * Follow / Unfollow someone. Signed out, it sends the reader to sign in.
 * @param {{ username: string, following: boolean }} profile
 * @param {boolean} signedIn
 */
export function followButton(profile, signedIn) {
  const label = () => `${profile.following ? 'Unfollow' : 'Follow'} ${profile.username}`;
  const button = h('button', { type: 'button', class: 'btn-follow', 'aria-pressed': String(profile.following) }, label());
  button.addEventListener('click', async () => {
    if (!signedIn) return void (location.hash = '#/login');
    button.disabled = true;
    try {
      const { profile: updated } = await api.follow(profile.username, !profile.following);
      profile.following = updated.following;
      button.textContent = label();
      button.setAttribute('aria-pressed', String(profile.following));
    } catch (err) {
      button.after(errorList(err));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/**
 * One article in a list: author, date, favorite count, title, description, tags.
 * @param {any} article an item of `{ articles: [...] }`
 * @param {boolean} signedIn
 */
export function articlePreview(article, signedIn) {
  return h(
    'article',
    { class: 'article-preview' },
    h('div', { class: 'preview-top' }, authorLine(article.author, article.createdAt), favoriteButton(article, signedIn)),
    h(
      'a',
      { class: 'preview-link', href: `#/article/${encodeURIComponent(article.slug)}` },
      h('h2', {}, article.title),
      h('p', {}, article.description),
      h('span', { class: 'read-more' }, 'Read more…'),
    ),
    tagList(article.tagList),
  );
}

export const PAGE_SIZE = 10;

/**
 * A list of articles with page links, from `{ articles, articlesCount }`. The API counts items,
 * not pages: page n asks for `limit=10&offset=(n-1)*10`, and articlesCount says how many pages exist.
 * @param {{ articles: any[], articlesCount: number }} result
 * @param {number} page the current page, from 1
 * @param {(page: number) => string} hrefOf the link to another page
 * @param {boolean} signedIn
 */
export function articleList(result, page, hrefOf, signedIn) {
  if (result.articles.length === 0) return h('p', { class: 'empty' }, 'No articles are here... yet.');
  const pages = Math.ceil(result.articlesCount / PAGE_SIZE);
  return h(
    'div',
    { class: 'article-list' },
    result.articles.map((a) => articlePreview(a, signedIn)),
    pages > 1 &&
      h(
        'nav',
        { class: 'pagination', 'aria-label': 'Pages' },
        h('ul', {}, Array.from({ length: pages }, (_, i) => i + 1).map((n) => h('li', {}, h('a', { href: hrefOf(n), 'aria-current': n === page ? 'page' : undefined }, n)))),
      ),
  );
}
