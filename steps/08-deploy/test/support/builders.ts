/**
 * Small builders: each test makes the users, articles and comments it asserts on, in a line or
 * two, and says only what matters to it. Everything else gets a default.
 */
import { expect } from 'vitest';
import type { TestApp } from './app.js';

export interface TestUser {
  username: string;
  email: string;
  password: string;
  token: string;
  /** The Authorization header, ready for supertest's .set(). */
  auth: { Authorization: string };
}

let counter = 0;
/** A name no other builder call in this process has used: tests never clash on a username. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

export const authOf = (token: string) => ({ Authorization: `Token ${token}` });

/**
 * Registers a user and returns their token. Each call hashes a password with bcrypt (cost 10):
 * register only the users a test needs. The app allows 20 registrations per address in 15 minutes.
 */
export async function registerUser(t: TestApp, name = 'user'): Promise<TestUser> {
  const username = unique(name);
  const email = `${username}@example.com`;
  const password = 'correct horse battery';
  const res = await t.http().post('/api/users').send({ user: { username, email, password } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const token: string = res.body.user.token;
  return { username, email, password, token, auth: authOf(token) };
}

export interface ArticleInput {
  title?: string;
  description?: string;
  body?: string;
  tagList?: string[];
}

export interface CreatedArticle {
  slug: string;
  title: string;
  tagList: string[];
  createdAt: string;
}

/** Creates an article by `author`, with default texts for whatever the test does not care about. */
export async function createArticle(t: TestApp, author: TestUser, input: ArticleInput = {}): Promise<CreatedArticle> {
  const article = { title: unique('Article '), description: 'A description', body: 'A body', ...input };
  const res = await t.http().post('/api/articles').set(author.auth).send({ article });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.article as CreatedArticle;
}

/** Creates `count` articles by `author`, one second apart (the clock moves, nobody waits): oldest first. */
export async function createArticles(t: TestApp, author: TestUser, count: number, input: ArticleInput = {}): Promise<CreatedArticle[]> {
  const created: CreatedArticle[] = [];
  for (let i = 0; i < count; i++) {
    t.clock.advance(1000);
    created.push(await createArticle(t, author, input));
  }
  return created;
}

export async function follow(t: TestApp, follower: TestUser, followed: TestUser): Promise<void> {
  const res = await t.http().post(`/api/profiles/${followed.username}/follow`).set(follower.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export async function favorite(t: TestApp, user: TestUser, slug: string): Promise<void> {
  const res = await t.http().post(`/api/articles/${slug}/favorite`).set(user.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export async function addComment(t: TestApp, author: TestUser, slug: string, body = 'A comment'): Promise<{ id: number; body: string }> {
  const res = await t.http().post(`/api/articles/${slug}/comments`).set(author.auth).send({ comment: { body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.comment as { id: number; body: string };
}

/** The slugs of a list answer, in order. */
export const slugsOf = (body: { articles: { slug: string }[] }): string[] => body.articles.map((a) => a.slug);
