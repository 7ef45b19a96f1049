/**
 * Serializes transactions on one connection. A statement issued inside a transaction (same async
 * context) runs at once; any other waits for the transaction to end, so a lock heartbeat or a
 * parallel task never writes into someone else's BEGIN ... COMMIT.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export class Serial {
  private readonly inside = new AsyncLocalStorage<true>();
  private tail: Promise<unknown> = Promise.resolve();
  private open = 0;

  get inTransaction(): boolean {
    return this.inside.getStore() === true;
  }

  /** Waits for an open transaction of another context (none open: no wait at all). */
  async outside<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.open === 0 || this.inTransaction) return fn();
    await this.tail.catch(() => undefined);
    return fn();
  }

  /** Runs body as the only transaction, after the ones queued before it. */
  exclusive<T>(body: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return body();
    const run = this.tail.catch(() => undefined).then(() => this.inside.run(true, body));
    this.open++;
    const done = run.finally(() => {
      this.open--;
    });
    this.tail = done.catch(() => undefined);
    return done;
  }
}
