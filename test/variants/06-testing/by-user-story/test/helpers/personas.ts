/**
 * Personas and their things: a person who signed up (with a client signed in as them), and an
 * article or comment made through the API. Every name is fresh, so tests never collide.
 */
import crypto from 'node:crypto';
import type { Response } from 'supertest';
import type { ArticleFields, ConduitClient } from './client.js';
import type { Stage } from './stage.js';

export const fresh = (label: string): string => `${label}${crypto.randomBytes(4).toString('hex')}`;

export interface Persona {
  username: string;
  email: string;
  password: string;
  token: string;
  api: ConduitClient;
}

/** Fails with the answer in the message: a setup step that goes wrong says why. */
export function expectStatus(res: Response, status: number): Response {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

/** Signs a persona up (one bcrypt hash each: sign up only who the story needs). */
export async function signUp(stage: Stage, label = 'person'): Promise<Persona> {
  const username = fresh(label);
  const email = `${username}@story.test`;
  const password = 'a long enough password';
  const res = expectStatus(await stage.anonymous.register({ username, email, password }), 201);
  const token: string = res.body.user.token;
  return { username, email, password, token, api: stage.anonymous.signedInAs(token) };
}

export interface Written {
  slug: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export async function writes(author: Persona, fields: ArticleFields = {}): Promise<Written> {
  const res = expectStatus(await author.api.write({ title: fresh('A story '), description: 'about things', body: 'Once upon a time.', ...fields }), 201);
  return res.body.article as Written;
}

/** `count` articles by `author` with one tag of their own, one second apart; returned newest first. */
export async function series(stage: Stage, author: Persona, count: number, tag = fresh('series')): Promise<{ tag: string; newestFirst: string[] }> {
  const slugs: string[] = [];
  for (let i = 0; i < count; i++) {
    stage.clock.tick();
    slugs.push((await writes(author, { tagList: [tag] })).slug);
  }
  return { tag, newestFirst: slugs.reverse() };
}

export async function comments(author: Persona, slug: string, body = 'Nice one'): Promise<number> {
  return expectStatus(await author.api.comment(slug, body), 201).body.comment.id as number;
}

export const slugs = (res: Response): string[] => (res.body.articles as { slug: string }[]).map((a) => a.slug);
