import { RateLimited } from '../../slack/rate-limited';
import type { Timers } from '../../timers';

/**
 * One message's outgoing Slack calls, paced on their own: a 429 (Retry-After) or the once-a-second
 * update rule delays this lane alone, never the others. Work is described, not queued as calls:
 * `dirty` means "render the latest state"; `thread` holds lines to post in order.
 */
export interface LaneWork {
  /** Runs one pass; returns when done, or throws a RateLimited to be retried after its delay. */
  (lane: MessageLane): Promise<void>;
}

export class MessageLane {
  dirty = false;
  readonly thread: string[] = [];
  /** No call before this (Retry-After). */
  blockedUntilMs = 0;
  /** No chat.update before this (one per second). */
  nextUpdateAtMs = 0;
  private cancelTimer: (() => void) | undefined;
  private timerAtMs = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  /** `timers` paces the lane: its clock says when Retry-After and the update interval end. */
  constructor(
    private readonly work: LaneWork,
    private readonly onError: (error: unknown) => void,
    private readonly timers: Timers,
  ) {}

  private nowMs(): number {
    return this.timers.clock.now().toMillis();
  }

  /** Runs a pass now, or after the current one; resolves when this lane has nothing it can do now. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    // A timer set by Retry-After holds everything; one set by update pacing lets thread lines go.
    if (this.cancelTimer && this.nowMs() < this.blockedUntilMs) return Promise.resolve();
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Wakes the lane at `atMs` (the earliest of any already set). */
  wakeAt(atMs: number): void {
    if (this.stopped) return;
    if (this.cancelTimer) {
      if (this.timerAtMs <= atMs) return;
      this.cancelTimer();
    }
    this.timerAtMs = atMs;
    this.cancelTimer = this.timers.at(atMs, () => {
      this.cancelTimer = undefined;
      void this.kick();
    });
  }

  /** Nothing waiting and no pacing still in force: the lane can be dropped and made afresh. */
  get idle(): boolean {
    const now = this.nowMs();
    return !this.busy && now >= this.nextUpdateAtMs && now >= this.blockedUntilMs;
  }

  get busy(): boolean {
    return (
      this.running !== undefined ||
      this.cancelTimer !== undefined ||
      this.dirty ||
      this.thread.length > 0
    );
  }

  /** Resolves when the pass in progress, if any, has ended. */
  async settled(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      if (this.nowMs() < this.blockedUntilMs) {
        this.wakeAt(this.blockedUntilMs);
        return;
      }
      try {
        await this.work(this);
      } catch (error) {
        if (error instanceof RateLimited) {
          this.blockedUntilMs = this.nowMs() + error.retryAfterMs;
          this.wakeAt(this.blockedUntilMs);
          return;
        }
        this.onError(error);
      }
    } while (this.again && !this.stopped);
  }
}
