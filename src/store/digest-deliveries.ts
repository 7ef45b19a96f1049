/**
 * Which channels got today's digest, so a re-run (a cron retry after exit 5) sends only to the
 * channels that did not: per digest (its stores and KPI period) and day, each channel's last
 * outcome and the findings it has not received yet. Kept as one meta value per digest, replaced
 * the next day (a day's record is all a re-run needs).
 */
import type { StateStore } from "./state-store.js";

export interface ChannelRecord {
  /** delivered; unknown (may have arrived: never sent again automatically); failed (nothing arrived). */
  status: "delivered" | "unknown" | "failed";
  /** When it was delivered or last tried (ISO). */
  at: string;
  /** Findings (store/key) shown as new that this channel never received. */
  missed: string[];
}

interface Stored {
  day: string;
  channels: Record<string, ChannelRecord>;
}

export class DigestDeliveries {
  private readonly key: string;

  constructor(
    private readonly state: StateStore,
    private readonly stores: readonly string[],
    period: string,
  ) {
    this.key = `digest.deliveries:${stores.join("+")}:${period}`;
  }

  /** The channels' records of `day` (none when the last record is of another day, or unreadable). */
  async load(day: string): Promise<Record<string, ChannelRecord>> {
    const raw = await this.state.getMeta(this.stores[0] ?? "", this.key);
    if (!raw) return {};
    try {
      const stored = JSON.parse(raw) as Stored;
      return stored.day === day && stored.channels && typeof stored.channels === "object" ? stored.channels : {};
    } catch {
      // A damaged record only costs a repeated message: the digest is sent as on a first run.
      return {};
    }
  }

  async save(day: string, channels: Record<string, ChannelRecord>): Promise<void> {
    await this.state.setMeta(this.stores[0] ?? "", this.key, JSON.stringify({ day, channels } satisfies Stored));
  }
}
