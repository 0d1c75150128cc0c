/**
 * What the database must hold, built only from the server's successful answers: every 201 of a
 * registration is a user, every 201 of an article an article (until its 204), every 201 of a
 * comment a comment (until its 204, or its article's). The integrity pass compares the tables
 * with this, so a write answered as done but lost, or done twice, shows.
 */
export interface UserModel {
  username: string;
  email: string;
  password: string;
  token: string;
  /** The address it registered from (its own logins come from there). */
  client: string;
}

export interface ArticleModel {
  slug: string;
  author: string;
  /** The tags the last successful write gave it; several when concurrent updates raced (any one may have won). */
  tagCandidates: string[][];
  comments: Set<number>;
}

export class Model {
  readonly users: UserModel[] = [];
  readonly articles = new Map<string, ArticleModel>();
  /** Who wrote each comment (username). */
  readonly commentAuthors = new Map<number, string>();
  /** Registrations answered 201, in all. */
  registered = 0;

  addUser(user: UserModel): void {
    this.users.push(user);
    this.registered++;
  }

  userByUsername(username: string): UserModel | undefined {
    return this.users.find((u) => u.username === username);
  }

  /** An article the server answered 201 (or 200 to an update) with. */
  saveArticle(article: { slug: string; tagList: string[]; author: { username: string } }, previousSlug?: string, { raced = false } = {}): void {
    const old = previousSlug !== undefined ? this.articles.get(previousSlug) : this.articles.get(article.slug);
    if (previousSlug !== undefined && previousSlug !== article.slug) this.articles.delete(previousSlug);
    const tags = [...article.tagList].sort();
    const tagCandidates = raced && old ? [...old.tagCandidates, tags] : [tags];
    this.articles.set(article.slug, { slug: article.slug, author: article.author.username, tagCandidates, comments: old?.comments ?? new Set() });
  }

  removeArticle(slug: string): void {
    this.articles.delete(slug);
  }

  addComment(slug: string, id: number, author?: string): void {
    this.articles.get(slug)?.comments.add(id);
    if (author !== undefined) this.commentAuthors.set(id, author);
  }

  articleOfComment(id: number): ArticleModel | undefined {
    for (const a of this.articles.values()) if (a.comments.has(id)) return a;
    return undefined;
  }

  removeComment(slug: string, id: number): void {
    this.articles.get(slug)?.comments.delete(id);
  }

  commentIds(): Set<number> {
    const ids = new Set<number>();
    for (const a of this.articles.values()) for (const id of a.comments) ids.add(id);
    return ids;
  }

  slugs(): string[] {
    return [...this.articles.keys()];
  }
}
