import { EventEmitter } from 'node:events';

/** What happened to an article, told once the write has committed. */
export type ArticleEvent =
  | { type: 'created'; articleId: number }
  /** `tagsTouched`: the edit sent a tagList, so the article's tag links were rewritten. */
  | { type: 'updated'; articleId: number; tagsTouched: boolean }
  | { type: 'deleted'; articleId: number };

export interface ArticleEvents {
  /** Tells every subscriber, synchronously: when it returns, each has heard of it. */
  publish(event: ArticleEvent): void;
  /** Listens to every article event; the returned function stops listening. */
  subscribe(listener: (event: ArticleEvent) => void): () => void;
}

/**
 * A small in-process bus between the code that writes articles and whoever keeps something derived
 * from them (the tags cache). The writer does not know who listens; a listener does not know which
 * code path wrote. One bus per app (createApp makes it), never a module-level one: two apps in one
 * process must not hear each other's writes.
 */
export function createArticleEvents(): ArticleEvents {
  const emitter = new EventEmitter();
  return {
    publish(event) {
      // EventEmitter.emit calls the listeners one after the other, before it returns.
      emitter.emit('article', event);
    },
    subscribe(listener) {
      emitter.on('article', listener);
      return () => emitter.off('article', listener);
    },
  };
}
