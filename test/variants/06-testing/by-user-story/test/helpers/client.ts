/**
 * A tiny Conduit client over supertest: one method per route, signed in or not. Every method
 * returns supertest's response, so tests assert on status and body themselves.
 */
import type { Express } from 'express';
import request, { type Response } from 'supertest';

export interface ArticleFields {
  title?: string;
  description?: string;
  body?: string;
  tagList?: string[];
}

export class ConduitClient {
  constructor(
    private readonly app: Express,
    readonly token?: string,
  ) {}

  /** The same app, with this token in every request. */
  signedInAs(token: string): ConduitClient {
    return new ConduitClient(this.app, token);
  }

  private async send(method: 'get' | 'post' | 'put' | 'delete', url: string, body?: object): Promise<Response> {
    let req = request(this.app)[method](url);
    if (this.token) req = req.set('Authorization', `Token ${this.token}`);
    return body === undefined ? await req : await req.send(body);
  }

  health() {
    return this.send('get', '/health');
  }

  // users
  register(user: { username?: string; email?: string; password?: string }) {
    return this.send('post', '/api/users', { user });
  }
  login(email: string, password: string) {
    return this.send('post', '/api/users/login', { user: { email, password } });
  }
  me() {
    return this.send('get', '/api/user');
  }
  updateMe(user: Record<string, unknown>) {
    return this.send('put', '/api/user', { user });
  }

  // profiles
  profile(username: string) {
    return this.send('get', `/api/profiles/${encodeURIComponent(username)}`);
  }
  follow(username: string) {
    return this.send('post', `/api/profiles/${encodeURIComponent(username)}/follow`);
  }
  unfollow(username: string) {
    return this.send('delete', `/api/profiles/${encodeURIComponent(username)}/follow`);
  }

  // articles
  articles(query: Record<string, string | number> = {}) {
    return this.send('get', `/api/articles?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
  }
  feed(query: Record<string, string | number> = {}) {
    return this.send('get', `/api/articles/feed?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
  }
  article(slug: string) {
    return this.send('get', `/api/articles/${slug}`);
  }
  write(article: ArticleFields) {
    return this.send('post', '/api/articles', { article });
  }
  edit(slug: string, article: ArticleFields) {
    return this.send('put', `/api/articles/${slug}`, { article });
  }
  remove(slug: string) {
    return this.send('delete', `/api/articles/${slug}`);
  }
  favorite(slug: string) {
    return this.send('post', `/api/articles/${slug}/favorite`);
  }
  unfavorite(slug: string) {
    return this.send('delete', `/api/articles/${slug}/favorite`);
  }

  // comments and tags
  comments(slug: string) {
    return this.send('get', `/api/articles/${slug}/comments`);
  }
  comment(slug: string, body: string) {
    return this.send('post', `/api/articles/${slug}/comments`, { comment: { body } });
  }
  uncomment(slug: string, id: number) {
    return this.send('delete', `/api/articles/${slug}/comments/${id}`);
  }
  tags() {
    return this.send('get', '/api/tags');
  }
}
