// @ts-check
/** Your settings: picture, username, bio, email, a new password; and signing out. */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { errorArea } from '../components.js';
import { field } from './auth.js';

/** @type {import('../main.js').Page} */
export function settingsPage(view, _params, _query, ctx) {
  const user = ctx.user;
  if (!user) return ctx.go('#/login');
  const errors = errorArea();
  const saved = h('p', { class: 'saved', role: 'status' });
  const bio = h('textarea', { name: 'bio', rows: 6 });
  bio.value = user.bio ?? '';
  const form = h(
    'form',
    { class: 'settings-form', novalidate: true },
    errors.el,
    field('URL of profile picture', 'image', 'url', { value: user.image ?? '' }),
    field('Username', 'username', 'text', { value: user.username, autocomplete: 'username' }),
    h('label', { class: 'field' }, h('span', {}, 'Short bio about you'), bio),
    field('Email', 'email', 'email', { value: user.email, autocomplete: 'email' }),
    field('New password (leave empty to keep yours)', 'password', 'password', { autocomplete: 'new-password' }),
    h('button', { type: 'submit', class: 'btn-primary' }, 'Update settings'),
    saved,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    saved.textContent = '';
    const data = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
    /** @type {Record<string, string | null>} */
    const changes = { username: data.username, email: data.email, bio: data.bio || null, image: data.image || null };
    if (data.password) changes.password = data.password;
    try {
      const { user: updated } = await api.updateUser(changes);
      ctx.setUser(updated);
      saved.textContent = 'Saved.';
    } catch (err) {
      errors.show(err);
    }
  });
  const logout = h('button', { type: 'button', class: 'btn-danger' }, 'Or click here to log out.');
  logout.addEventListener('click', () => {
    ctx.setUser(null);
    ctx.go('#/');
  });
  replace(view, h('section', { class: 'narrow' }, h('h1', {}, 'Your settings'), form, h('hr'), logout));
}
