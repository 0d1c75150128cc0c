// @ts-check
/** Someone's profile: picture, bio, follow button, and their articles or the ones they favorited. */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { PAGE_SIZE, articleList, avatar, errorList, followButton } from '../components.js';

/** @type {import('../main.js').Page} */
export async function profilePage(view, params, query, ctx) {
  const [username, tab] = params;
  const favorites = tab === 'favorites';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const base = `#/profile/${encodeURIComponent(username)}`;
  const here = favorites ? `${base}/favorites` : base;
  const { profile } = await api.profile(username);
  const mine = ctx.user?.username === profile.username;

  const list = h('div', { class: 'feed' }, h('p', { class: 'loading' }, 'Loading articles…'));
  /** @param {string} href @param {string} text @param {boolean} active */
  const tabLink = (href, text, active) => h('li', {}, h('a', { href, class: 'tab', 'aria-current': active ? 'page' : undefined }, text));
  replace(
    view,
    h(
      'section',
      { class: 'profile-banner' },
      avatar(profile.image, profile.username),
      h('h1', {}, profile.username),
      profile.bio && h('p', {}, profile.bio),
      mine ? h('a', { class: 'btn', href: '#/settings' }, 'Edit profile settings') : followButton(profile, Boolean(ctx.user)),
    ),
    h('nav', { 'aria-label': 'Articles' }, h('ul', { class: 'tabs' }, tabLink(base, mine ? 'My articles' : 'Articles', !favorites), tabLink(`${base}/favorites`, 'Favorited articles', favorites))),
    list,
  );
  try {
    const filter = favorites ? { favorited: profile.username } : { author: profile.username };
    const result = await api.articles({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    replace(list, articleList(result, page, (n) => `${here}?page=${n}`, Boolean(ctx.user)));
  } catch (err) {
    replace(list, errorList(err));
  }
}
