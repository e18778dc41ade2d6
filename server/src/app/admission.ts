import type { NextFunction, Request, Response } from 'express';
import { ServiceUnavailableError } from '../shared/errors.js';

/**
 * Admission control for GraphQL requests that run (cache hits never get here): at most `limit`
 * execute at once; the others wait in arrival order. Without it, 50 concurrent requests on a pool
 * of 10 connections all start, and each waits for a connection once per statement, behind the
 * other requests' statements: the last to get through wait several times over (the tail
 * latency), and all of them hold their parsed data meanwhile (the memory). Admitted requests get
 * their connections at once, so every request waits once, at the door, before it has allocated
 * anything.
 *
 * A request that has waited longer than `maxWaitMs`, or arrives when `maxQueue` are already
 * waiting, is answered 503 SERVICE_UNAVAILABLE with Retry-After (the server is overloaded; a
 * client should come back rather than pile up).
 */
export class Admission {
  private running = 0;
  private readonly waiting: { admit: () => void; timer: NodeJS.Timeout | undefined }[] = [];

  constructor(
    readonly limit: number,
    readonly maxQueue: number,
    readonly maxWaitMs: number,
  ) {}

  /** Requests executing now. */
  get active(): number {
    return this.running;
  }

  /** Requests waiting to execute. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Calls `admit` once the request may run (at once when there is room) or `refuse` when it may
   * not; the admitted request must call the returned release exactly once when it is done.
   */
  enter(admit: (release: () => void) => void, refuse: () => void): void {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.running--;
      const next = this.waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        next.admit();
      }
    };
    const start = () => {
      this.running++;
      admit(release);
    };
    if (this.running < this.limit) return start();
    if (this.waiting.length >= this.maxQueue) return refuse();
    const entry = { admit: start, timer: undefined as NodeJS.Timeout | undefined };
    if (this.maxWaitMs > 0) {
      entry.timer = setTimeout(() => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        refuse();
      }, this.maxWaitMs);
    }
    this.waiting.push(entry);
  }

  /** Express middleware: admits the request, and releases it when its response is done or aborted. */
  middleware(): (req: Request, res: Response, next: NextFunction) => void {
    return (_req, res, next) => {
      this.enter(
        (release) => {
          // Gone while it waited: nothing to run for.
          if (res.destroyed) return release();
          res.once('close', release);
          next();
        },
        () =>
          next(
            new ServiceUnavailableError('The server is busy: too many requests are waiting to run. Try again shortly.'),
          ),
      );
    };
  }
}
