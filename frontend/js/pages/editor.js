// @ts-check
/** Writing an article, or editing one of yours: title, description, body, tags. */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { errorArea } from '../components.js';
import { field } from './auth.js';

/** "dragons, training" or "dragons training" → ["dragons", "training"], without repeats. @param {string} text */
export const parseTags = (text) => [...new Set(text.split(/[\s,]+/).filter(Boolean))];

/** @type {import('../main.js').Page} */
export async function editorPage(view, params, _query, ctx) {
  const user = ctx.user;
  if (!user) return ctx.go('#/login');
  const slug = params[0];
  const article = slug ? (await api.article(slug)).article : undefined;
  if (article && article.author.username !== user.username) {
    return replace(view, h('p', { class: 'error-messages', role: 'alert' }, 'Only its author can edit this article.'));
  }

  const errors = errorArea();
  const body = h('textarea', { name: 'body', rows: 10 });
  body.value = article?.body ?? '';
  const button = h('button', { type: 'submit', class: 'btn-primary' }, 'Publish article');
  const form = h(
    'form',
    { class: 'editor-form', novalidate: true },
    errors.el,
    field('Title', 'title', 'text', { value: article?.title ?? '' }),
    field("What's this article about?", 'description', 'text', { value: article?.description ?? '' }),
    h('label', { class: 'field' }, h('span', {}, 'Write your article (blank lines separate paragraphs)'), body),
    field('Tags (separated by commas or spaces)', 'tags', 'text', { value: (article?.tagList ?? []).join(', ') }),
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    button.disabled = true;
    const data = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
    const fields = { title: data.title, description: data.description, body: data.body, tagList: parseTags(data.tags) };
    try {
      // Changing the title changes the slug: follow the one the API sends back.
      const { article: saved } = article ? await api.updateArticle(article.slug, fields) : await api.createArticle(fields);
      ctx.go(`#/article/${encodeURIComponent(saved.slug)}`);
    } catch (err) {
      errors.show(err);
    } finally {
      button.disabled = false;
    }
  });
  replace(view, h('section', { class: 'narrow wide' }, h('h1', {}, article ? 'Edit article' : 'New article'), form));
}
