/**
 * What the database must hold, built only from the server's successful answers: every 201 of a
 * registration is a user, every 201 of an article an article (until its 204), every 201 of a
 * comment a comment (until its 204, or its article's), every 200 of a favorite or a follow a row
 * (until the 200 of its undoing, or its article's deletion). The integrity pass compares the
 * tables with this, so a write answered as done but lost, or done twice, shows. Users are held
 * by identity (a rename changes the object, not who it is), so favorites and follows survive
 * renames. A pair whose last writes raced (a favorite and an unfavorite at once) is "unsure"
 * until a later answer settles it: either state is then right.
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
  /** Who favorited it (answered 200 to a favorite, not since to an unfavorite). */
  favoritedBy: Set<UserModel>;
  /** Users whose favorite and unfavorite raced with no later answer: either state is right. */
  unsureFavorites: Set<UserModel>;
}

export class Model {
  readonly users: UserModel[] = [];
  readonly articles = new Map<string, ArticleModel>();
  /** Who wrote each comment (username). */
  readonly commentAuthors = new Map<number, string>();
  /** Registrations answered 201, in all. */
  registered = 0;
  /** Who follows whom (answered 200 to a follow, not since to an unfollow). */
  readonly follows = new Map<UserModel, Set<UserModel>>();
  /** Follower → followed pairs whose follow and unfollow raced with no later answer. */
  readonly unsureFollows = new Map<UserModel, Set<UserModel>>();

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
    this.articles.set(article.slug, {
      slug: article.slug,
      author: article.author.username,
      tagCandidates,
      comments: old?.comments ?? new Set(),
      favoritedBy: old?.favoritedBy ?? new Set(),
      unsureFavorites: old?.unsureFavorites ?? new Set(),
    });
  }

  /** A favorite (true) or an unfavorite (false) answered 200; `raced` when others of the pair ran at once. */
  setFavorite(slug: string, user: UserModel, on: boolean, { raced = false } = {}): void {
    const article = this.articles.get(slug);
    if (!article) return;
    if (on) article.favoritedBy.add(user);
    else article.favoritedBy.delete(user);
    if (raced) article.unsureFavorites.add(user);
    else article.unsureFavorites.delete(user);
  }

  /** A follow (true) or an unfollow (false) answered 200. */
  setFollow(follower: UserModel, followed: UserModel, on: boolean, { raced = false } = {}): void {
    const set = this.follows.get(follower) ?? this.follows.set(follower, new Set()).get(follower)!;
    if (on) set.add(followed);
    else set.delete(followed);
    const unsure = this.unsureFollows.get(follower) ?? this.unsureFollows.set(follower, new Set()).get(follower)!;
    if (raced) unsure.add(followed);
    else unsure.delete(followed);
  }

  isFollowing(follower: UserModel, followed: UserModel): boolean | 'unsure' {
    if (this.unsureFollows.get(follower)?.has(followed)) return 'unsure';
    return this.follows.get(follower)?.has(followed) ?? false;
  }

  hasFavorited(slug: string, user: UserModel): boolean | 'unsure' {
    const article = this.articles.get(slug);
    if (!article) return false;
    if (article.unsureFavorites.has(user)) return 'unsure';
    return article.favoritedBy.has(user);
  }

  /** How many favorites the article has: a number when sure, otherwise the range it may be in. */
  favoritesCount(slug: string): { min: number; max: number } {
    const article = this.articles.get(slug);
    if (!article) return { min: 0, max: 0 };
    let min = 0;
    let max = 0;
    for (const u of article.favoritedBy) if (!article.unsureFavorites.has(u)) min++;
    max = min + article.unsureFavorites.size;
    return { min, max };
  }

  /** The articles `user` favorited, as a range (unsure pairs widen it). */
  favoritesOf(user: UserModel): { min: number; max: number } {
    let min = 0;
    let max = 0;
    for (const slug of this.articles.keys()) {
      const f = this.hasFavorited(slug, user);
      if (f === true) min++;
      if (f !== false) max++;
    }
    return { min, max };
  }

  /** How many articles the feed of `user` holds, as a range. */
  feedCount(user: UserModel): { min: number; max: number } {
    let min = 0;
    let max = 0;
    for (const a of this.articles.values()) {
      const author = this.userByUsername(a.author);
      if (!author) continue;
      const f = this.isFollowing(user, author);
      if (f === true) min++;
      if (f !== false) max++;
    }
    return { min, max };
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
