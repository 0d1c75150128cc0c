/**
 * A sliding-window log: each key keeps the times of its counted attempts; an attempt counts when
 * fewer than `max` fall within the last `windowMs`. Checked and counted in one synchronous call.
 */
export interface AttemptLimiter {
  take(key: string): number;
  giveBack(key: string): void;
  reset(key: string): void;
}

export interface AttemptLimits {
  max: number;
  windowMs: number;
}

const MINUTES_15 = 900_000;
export const LOGIN_LIMITS: AttemptLimits = { max: 5, windowMs: MINUTES_15 };
export const CLIENT_LOGIN_LIMITS: AttemptLimits = { max: 50, windowMs: MINUTES_15 };
export const REGISTRATION_LIMITS: AttemptLimits = { max: 20, windowMs: MINUTES_15 };

export class SlidingWindowLimiter implements AttemptLimiter {
  private readonly log = new Map<string, number[]>();

  constructor(
    private readonly limits: AttemptLimits,
    private readonly now: () => Date,
  ) {}

  take(key: string): number {
    const now = this.now().getTime();
    const recent = (this.log.get(key) ?? []).filter((t) => t > now - this.limits.windowMs);
    if (recent.length >= this.limits.max) {
      this.log.set(key, recent);
      return Math.max(1, Math.ceil((recent[0] + this.limits.windowMs - now) / 1000));
    }
    recent.push(now);
    this.log.set(key, recent);
    return 0;
  }

  giveBack(key: string): void {
    this.log.get(key)?.pop();
  }

  reset(key: string): void {
    this.log.delete(key);
  }
}
