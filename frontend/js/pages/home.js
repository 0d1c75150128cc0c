// @ts-check
/** The home page: your feed or the global feed or one tag's articles, pages of 10, popular tags. */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { PAGE_SIZE, articleList, errorList } from '../components.js';

/** @type {import('../main.js').Page} */
export async function homePage(view, params, query, ctx) {
  const path = location.hash.slice(1).split('?')[0] || '/';
  const tag = params[0];
  const feed = path === '/feed';
  if (feed && !ctx.user) return ctx.go('#/login');
  const page = Math.max(1, Number(query.get('page')) || 1);
  const here = feed ? '#/feed' : tag ? `#/tag/${encodeURIComponent(tag)}` : '#/';

  /** @param {string} href @param {string} text @param {boolean} active */
  const tab = (href, text, active) => h('li', {}, h('a', { href, class: 'tab', 'aria-current': active ? 'page' : undefined }, text));
  const list = h('div', { class: 'feed' }, h('p', { class: 'loading' }, 'Loading articles…'));
  const tags = h('div', { class: 'tag-cloud' }, h('p', { class: 'loading' }, 'Loading tags…'));
  replace(
    view,
    h('section', { class: 'hero' }, h('h1', {}, 'conduit'), h('p', {}, 'A place to share your knowledge.')),
    h(
      'div',
      { class: 'columns' },
      h(
        'div',
        { class: 'main-column' },
        h('nav', { 'aria-label': 'Feeds' }, h('ul', { class: 'tabs' }, ctx.user && tab('#/feed', 'Your feed', feed), tab('#/', 'Global feed', !feed && !tag), tag && tab(here, `# ${tag}`, true))),
        list,
      ),
      h('aside', { class: 'sidebar', 'aria-labelledby': 'popular-tags' }, h('h2', { id: 'popular-tags' }, 'Popular tags'), tags),
    ),
  );

  const paging = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const articles = feed ? api.feed(paging) : api.articles({ ...paging, tag });
  await Promise.all([
    articles.then(
      (result) => replace(list, articleList(result, page, (n) => `${here}?page=${n}`, Boolean(ctx.user))),
      (err) => replace(list, errorList(err)),
    ),
    api.tags().then(
      (result) => replace(tags, result.tags.length ? h('ul', { class: 'tag-list' }, result.tags.map((/** @type {string} */ t) => h('li', {}, h('a', { class: 'tag', href: `#/tag/${encodeURIComponent(t)}` }, t)))) : h('p', {}, 'No tags yet.')),
      (err) => replace(tags, errorList(err)),
    ),
  ]);
}
