/**
 * A local model of Shopify's GraphQL cost bucket (one per store), shared by every request of an
 * adapter instance. Shopify charges a query's requested (worst-case) cost up front and throttles
 * when that exceeds what the bucket holds; each response says what is left
 * (`extensions.cost.throttleStatus`). Between responses the bucket refills at `restoreRate`
 * points per second, so before sending we wait exactly until the model holds the request's
 * estimated requested cost — the bucket is then spent at its restore rate and THROTTLED stays
 * the exception it is meant to be.
 */

/** Longest single sleep before the model is consulted again. */
const RECHECK_MS = 250;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost?: number | null;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

/** A granted slot: report the response's cost (or nothing, on failure) when the request is over. */
export interface Ticket {
  /** When the request left, in the pacer's clock: the age of what the response will say. */
  readonly sentAt: number;
  done(cost?: QueryCost): void;
}

export interface CostPacerOptions {
  now?: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Called when the pacer waits, for --verbose. */
  onWait?: (ms: number, needed: number, available: number) => void;
}

export class CostPacer {
  private maximum: number | undefined;
  private restoreRate = 0;
  private available = 0;
  /** When `available` was reported (the answer's arrival). */
  private observedAt = 0;
  /** Send time of the request whose answer the model holds. */
  private lastSentAt = Number.NEGATIVE_INFINITY;
  /** Points held by requests in flight that no response has accounted for yet. */
  private reserved = 0;
  /** Requested cost last seen per operation shape ("Products:250"): Shopify's own figure beats ours. */
  private readonly learned = new Map<string, number>();
  /** FIFO: requests are granted in the order they asked, so a big query is not starved by small ones. */
  private tail: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private waitedMs = 0;

  constructor(private readonly options: CostPacerOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** The requested cost to plan for: what Shopify said last time for this shape, else our estimate. */
  estimate(shape: string, fallback: number): number {
    return this.learned.get(shape) ?? fallback;
  }

  /** Remembers a requested cost Shopify stated (a THROTTLED answer says it too). */
  learn(shape: string, requested: number): void {
    this.learned.set(shape, requested);
  }

  /** Total time spent waiting for the bucket (bench and tests). */
  get totalWaitMs(): number {
    return this.waitedMs;
  }

  /** Points the model expects in the bucket right now, minus what requests in flight hold. */
  modelled(at = this.now()): number | undefined {
    if (this.maximum === undefined) return undefined;
    const refilled = this.available + ((at - this.observedAt) / 1000) * this.restoreRate;
    return Math.min(this.maximum, refilled) - this.reserved;
  }

  /** Waits until the bucket should hold `requested` points, then reserves them until the response. */
  async acquire(shape: string, requested: number): Promise<Ticket> {
    const previous = this.tail;
    let release: () => void = () => {};
    this.tail = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    let hold = requested;
    let announced = false;
    try {
      for (;;) {
        const available = this.modelled();
        if (available === undefined || this.restoreRate <= 0) break;
        // A query dearer than the whole bucket can never wait its way in; send it and let Shopify judge.
        hold = Math.min(requested, this.maximum ?? requested);
        if (available >= hold) break;
        const waitMs = Math.ceil(((hold - available) / this.restoreRate) * 1000);
        if (!announced) this.options.onWait?.(waitMs, hold, available);
        announced = true;
        // Look again at least every RECHECK_MS: a response arriving meanwhile may say the bucket holds more.
        const slept = Math.max(1, Math.min(waitMs, RECHECK_MS));
        this.waitedMs += slept;
        await this.options.sleep(slept);
      }
      this.reserved += hold;
    } finally {
      release();
    }
    const sentAt = this.now();
    let finished = false;
    return {
      sentAt,
      done: (cost) => {
        if (finished) return;
        finished = true;
        this.reserved -= hold;
        if (cost) this.observe(shape, cost, sentAt);
      },
    };
  }

  /**
   * Takes in what a response said about the bucket. The figure is read as true *now* (when the
   * answer arrived), though Shopify computed it a little earlier: that under-counts the refill by
   * the return trip, so a request never leaves early. `sentAt` orders answers: one to an older
   * request, arriving after a newer one's, is stale. A THROTTLED answer passes no `sentAt`.
   */
  observe(shape: string | undefined, cost: QueryCost, sentAt?: number): void {
    if (shape && typeof cost.requestedQueryCost === "number") this.learned.set(shape, cost.requestedQueryCost);
    const status = cost.throttleStatus;
    if (!status || !Number.isFinite(status.currentlyAvailable) || !Number.isFinite(status.restoreRate)) return;
    if (sentAt !== undefined) {
      if (this.maximum !== undefined && sentAt < this.lastSentAt) return;
      this.lastSentAt = sentAt;
    }
    this.maximum = status.maximumAvailable;
    this.restoreRate = status.restoreRate;
    this.available = status.currentlyAvailable;
    this.observedAt = this.now();
  }

  /** How long a THROTTLED request should wait: until the bucket holds what it asked for. */
  throttledWaitMs(requested: number, status: ThrottleStatus): number {
    const missing = Math.max(0, requested - status.currentlyAvailable);
    return status.restoreRate > 0 ? Math.ceil((missing / status.restoreRate) * 1000) + 50 : 1000;
  }
}
