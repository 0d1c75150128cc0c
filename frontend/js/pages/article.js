// @ts-check
/** One article: its text, tags, author (follow), favorite, edit/delete for its author, comments. */
import { api } from '../api.js';
import { formatDate, h, replace } from '../dom.js';
import { authorLine, avatar, errorArea, errorList, favoriteButton, followButton, tagList } from '../components.js';

/** The body as paragraphs of plain text: blank lines split them, single newlines stay. @param {string} text */
const paragraphs = (text) =>
  text
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => h('p', {}, p));

/** @type {import('../main.js').Page} */
export async function articlePage(view, params, _query, ctx) {
  const [{ article }, { comments }] = await Promise.all([api.article(params[0]), api.comments(params[0])]);
  const mine = ctx.user?.username === article.author.username;
  const signedIn = Boolean(ctx.user);

  const actions = () => {
    if (!mine) return [followButton(article.author, signedIn), favoriteButton(article, signedIn, undefined, true)];
    const remove = h('button', { type: 'button', class: 'btn-danger' }, 'Delete article');
    remove.addEventListener('click', async () => {
      if (!confirm('Delete this article?')) return;
      try {
        await api.deleteArticle(article.slug);
        ctx.go('#/');
      } catch (err) {
        remove.after(errorList(err));
      }
    });
    return [h('a', { class: 'btn', href: `#/editor/${encodeURIComponent(article.slug)}` }, 'Edit article'), remove];
  };

  const list = h('ul', { class: 'comments' });
  /** @param {any} comment */
  const commentCard = (comment) => {
    const item = h(
      'li',
      { class: 'comment' },
      h('div', { class: 'comment-body' }, paragraphs(comment.body)),
      h(
        'div',
        { class: 'comment-footer' },
        h('a', { href: `#/profile/${encodeURIComponent(comment.author.username)}` }, avatar(comment.author.image), comment.author.username),
        h('span', { class: 'date' }, formatDate(comment.createdAt)),
      ),
    );
    if (ctx.user?.username === comment.author.username) {
      const del = h('button', { type: 'button', class: 'btn-small', 'aria-label': 'Delete comment' }, 'Delete');
      del.addEventListener('click', async () => {
        try {
          await api.deleteComment(article.slug, comment.id);
          item.remove();
        } catch (err) {
          item.append(errorList(err));
        }
      });
      item.lastElementChild?.append(del);
    }
    return item;
  };
  list.append(...comments.map(commentCard));

  let commentForm;
  if (ctx.user) {
    const errors = errorArea();
    const text = h('textarea', { name: 'comment', rows: 3, placeholder: 'Write a comment...', 'aria-label': 'Write a comment' });
    commentForm = h('form', { class: 'comment-form' }, errors.el, text, h('button', { type: 'submit', class: 'btn-primary' }, 'Post comment'));
    commentForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      errors.clear();
      try {
        const { comment } = await api.addComment(article.slug, text.value);
        list.prepend(commentCard(comment));
        text.value = '';
      } catch (err) {
        errors.show(err);
      }
    });
  } else {
    commentForm = h('p', {}, h('a', { href: '#/login' }, 'Sign in'), ' or ', h('a', { href: '#/register' }, 'sign up'), ' to add comments on this article.');
  }

  replace(
    view,
    h('section', { class: 'article-banner' }, h('h1', {}, article.title), h('div', { class: 'meta-row' }, authorLine(article.author, article.createdAt), h('div', { class: 'actions' }, actions()))),
    h('div', { class: 'article-content' }, paragraphs(article.body), tagList(article.tagList)),
    h('section', { class: 'comments-section', 'aria-labelledby': 'comments-title' }, h('h2', { id: 'comments-title' }, 'Comments'), commentForm, list),
  );
}
