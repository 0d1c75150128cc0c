// @ts-check
/** Sign in and sign up: one form each; the API's answer carries the user and their token. */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { errorArea } from '../components.js';

/**
 * A labelled input. @param {string} label @param {string} name @param {string} [type]
 * @param {Record<string, string | boolean>} [extra]
 */
export const field = (label, name, type = 'text', extra = {}) =>
  h('label', { class: 'field' }, h('span', {}, label), h('input', { name, type, ...extra }));

/**
 * @param {HTMLElement} view
 * @param {import('../main.js').Context} ctx
 * @param {{ title: string, other: [string, string], fields: HTMLElement[], submit: string, send: (data: Record<string, string>) => Promise<any> }} form
 */
function authForm(view, ctx, form) {
  const errors = errorArea();
  const button = h('button', { type: 'submit', class: 'btn-primary' }, form.submit);
  const el = h('form', { class: 'auth-form', novalidate: true }, errors.el, form.fields, button);
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    button.disabled = true;
    try {
      const data = Object.fromEntries([...new FormData(el)].map(([k, v]) => [k, String(v)]));
      const { user } = await form.send(data);
      ctx.setUser(user);
      ctx.go('#/');
    } catch (err) {
      errors.show(err);
    } finally {
      button.disabled = false;
    }
  });
  replace(view, h('section', { class: 'narrow' }, h('h1', {}, form.title), h('p', {}, h('a', { href: form.other[0] }, form.other[1])), el));
}

/** @type {import('../main.js').Page} */
export function signInPage(view, _params, _query, ctx) {
  authForm(view, ctx, {
    title: 'Sign in',
    other: ['#/register', 'Need an account?'],
    fields: [field('Email', 'email', 'email', { autocomplete: 'email' }), field('Password', 'password', 'password', { autocomplete: 'current-password' })],
    submit: 'Sign in',
    send: ({ email, password }) => api.login({ email, password }),
  });
}

/** @type {import('../main.js').Page} */
export function signUpPage(view, _params, _query, ctx) {
  authForm(view, ctx, {
    title: 'Sign up',
    other: ['#/login', 'Have an account?'],
    fields: [
      field('Username', 'username', 'text', { autocomplete: 'username' }),
      field('Email', 'email', 'email', { autocomplete: 'email' }),
      field('Password', 'password', 'password', { autocomplete: 'new-password' }),
    ],
    submit: 'Sign up',
    send: ({ username, email, password }) => api.register({ username, email, password }),
  });
}
