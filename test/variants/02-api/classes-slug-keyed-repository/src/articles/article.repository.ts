import type { CurrentUser } from '../auth/current-user.js';

export interface Article {
  slug: string;
  title: string;
  description: string;
  body: string;
  tags: string[];
  created: Date;
  updated: Date;
  author: CurrentUser;
  /** Creation order, for articles created at the same instant. */
  seq: number;
}

/** Articles in a Map keyed by slug: a rename moves the entry to its new key. */
export class ArticleRepository {
  readonly #bySlug = new Map<string, Article>();
  #seq = 0;

  has(slug: string): boolean {
    return this.#bySlug.has(slug);
  }

  get(slug: string): Article | undefined {
    const found = this.#bySlug.get(slug);
    return found && ArticleRepository.#copy(found);
  }

  add(article: Omit<Article, 'seq'>): Article {
    const stored = { ...ArticleRepository.#copy(article as Article), seq: ++this.#seq };
    this.#bySlug.set(stored.slug, stored);
    return ArticleRepository.#copy(stored);
  }

  replace(oldSlug: string, next: Article): Article {
    this.#bySlug.delete(oldSlug);
    this.#bySlug.set(next.slug, ArticleRepository.#copy(next));
    return ArticleRepository.#copy(next);
  }

  delete(slug: string): boolean {
    return this.#bySlug.delete(slug);
  }

  values(): Article[] {
    return [...this.#bySlug.values()].map(ArticleRepository.#copy);
  }

  static #copy(a: Article): Article {
    return { ...a, tags: [...a.tags], created: new Date(a.created), updated: new Date(a.updated), author: { ...a.author } };
  }
}
