// @ts-check
/**
 * The client's entry: who is signed in, the navigation bar, and the router. Routes live in the
 * URL's hash (`#/article/how-to-train-your-dragon`), so the server only ever serves index.html
 * and a reload keeps the screen.
 */
import { ApiError, NetworkError, api, apiRoot, token } from './api.js';
import { h, replace } from './dom.js';
import { errorList } from './components.js';
import { homePage } from './pages/home.js';
import { signInPage, signUpPage } from './pages/auth.js';
import { settingsPage } from './pages/settings.js';
import { editorPage } from './pages/editor.js';
import { articlePage } from './pages/article.js';
import { profilePage } from './pages/profile.js';

/**
 * @typedef {{ username: string, email: string, bio: string | null, image: string | null, token: string }} User
 * @typedef {{ user: User | null, setUser(user: User | null): void, go(hash: string): void }} Context
 * @typedef {(view: HTMLElement, params: string[], query: URLSearchParams, ctx: Context) => Promise<void> | void} Page
 */

/** The routes, first match wins. Each pattern's groups are the page's params. */
/** @type {[RegExp, Page][]} */
const routes = [
  [/^\/$/, homePage],
  [/^\/feed$/, homePage],
  [/^\/tag\/([^/]+)$/, homePage],
  [/^\/login$/, signInPage],
  [/^\/register$/, signUpPage],
  [/^\/settings$/, settingsPage],
  [/^\/editor$/, editorPage],
  [/^\/editor\/([^/]+)$/, editorPage],
  [/^\/article\/([^/]+)$/, articlePage],
  [/^\/profile\/([^/]+)$/, profilePage],
  [/^\/profile\/([^/]+)\/(favorites)$/, profilePage],
];

const app = /** @type {HTMLElement} */ (document.getElementById('app'));
const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
const banner = /** @type {HTMLElement} */ (document.getElementById('banner'));

/** @type {Context} */
const ctx = {
  user: null,
  setUser(user) {
    ctx.user = user;
    if (user) token.set(user.token);
    else token.clear();
    renderNav();
  },
  go(hash) {
    if (location.hash === hash) void route();
    else location.hash = hash;
  },
};

function renderNav() {
  const path = currentPath();
  /** @param {string} href @param {string} text */
  const link = (href, text) => h('li', {}, h('a', { href, 'aria-current': `#${path}` === href ? 'page' : undefined }, text));
  replace(
    nav,
    link('#/', 'Home'),
    ctx.user
      ? [link('#/editor', 'New Article'), link('#/settings', 'Settings'), link(`#/profile/${encodeURIComponent(ctx.user.username)}`, ctx.user.username)]
      : [link('#/login', 'Sign in'), link('#/register', 'Sign up')],
  );
}

const currentPath = () => (location.hash.slice(1) || '/').split('?')[0];

/** Shows the screen the hash names. A newer navigation wins over one still loading. */
let current = 0;
async function route() {
  const [path, search = ''] = (location.hash.slice(1) || '/').split('?');
  renderNav();
  const view = h('div', { class: 'view' });
  replace(app, view);
  const mine = ++current;
  for (const [pattern, page] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    try {
      await page(view, match.slice(1).map(decodeURIComponent), new URLSearchParams(search), ctx);
    } catch (err) {
      if (mine === current) replace(view, errorList(err));
    }
    return;
  }
  replace(view, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the home page')));
}

/** Who is signed in: the stored token, checked with the API once at start. */
async function restoreUser() {
  if (!token.get()) return;
  try {
    const { user } = await api.currentUser();
    ctx.user = user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) token.clear(); // Expired or from another server.
    if (err instanceof NetworkError) showBanner(err.message);
  }
}

/** @param {string} text */
function showBanner(text) {
  banner.textContent = text;
  banner.hidden = false;
}

/** @type {HTMLElement} */ (document.getElementById('api-url')).textContent = apiRoot;
window.addEventListener('hashchange', () => void route());
// A link to the screen already shown changes no hash: load it again, as a person clicking expects.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  if (link && link.getAttribute('href') === location.hash && !event.defaultPrevented) void route();
});
await restoreUser();
await route();
