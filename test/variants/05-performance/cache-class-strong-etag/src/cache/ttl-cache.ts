/**
 * A small in-memory cache: values by key, each kept for at most `ttlMs`, all of them dropped by
 * invalidate(). In this process only (docs/05-performance.md#caching-the-tags): several instances
 * would each need to hear of the others' writes.
 *
 * The generation counter is what makes invalidation safe against a read that is still running: a
 * load that began before an invalidate() and ends after it may carry the old data, so its value is
 * handed to its own callers but never kept.
 */
export class TtlCache<K, V extends NonNullable<unknown>> {
  readonly #entries = new Map<K, { value: V; expiresAt: number }>();
  /** One load per key at a time: callers that miss together wait for the same one. */
  readonly #loading = new Map<K, { generation: number; promise: Promise<V> }>();
  #generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Goes up by one at each invalidate(). */
  get generation(): number {
    return this.#generation;
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value`, unless the cache was invalidated after `readAt` (the generation its data was read in). */
  set(key: K, value: V, readAt: number = this.#generation): boolean {
    if (readAt !== this.#generation) return false;
    this.#entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    return true;
  }

  /** The cached value, or the one `load` reads (kept if nothing was invalidated meanwhile). */
  async getOrLoad(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const running = this.#loading.get(key);
    if (running && running.generation === this.#generation) return running.promise;
    const generation = this.#generation;
    const promise = load().then((value) => {
      this.set(key, value, generation);
      return value;
    });
    this.#loading.set(key, { generation, promise });
    try {
      return await promise;
    } finally {
      if (this.#loading.get(key)?.promise === promise) this.#loading.delete(key);
    }
  }

  /** Forgets everything; loads already running will not be kept. */
  invalidate(): void {
    this.#generation += 1;
    this.#entries.clear();
    this.#loading.clear();
  }
}
