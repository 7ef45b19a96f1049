/**
 * The courier adapter contract: where tracking lives (Kuaidi100, 17TRACK, AfterShip, SF Express,
 * or a spreadsheet of events). A courier adapter tracks batches of numbers and returns events in
 * the normalized status model, whatever the provider calls them.
 *
 * @example
 * ```js
 * export default {
 *   kind: "courier",
 *   name: "my-3pl",
 *   description: "Our warehouse's tracking feed",
 *   couriers: ["sf", "jd"],
 *   maxBatch: 40,
 *   configSchema: z.object({ key: z.string() }).strict(),
 *   create(config, ctx) {
 *     return { async track(batch) { return batch.map((b) => ({ ...b, status: "in_transit", events: [] })); } };
 *   },
 * };
 * ```
 */

import type { z } from "zod";
import type { Message } from "../core/i18n/index.js";
/** The normalized shipment status model (reference/couriers.md §6), defined once in core. */
import type { ShipmentStatus } from "../core/shipments/status.js";
import type { AdapterContext } from "./platform.js";

export { SHIPMENT_STATUSES, type ShipmentStatus } from "../core/shipments/status.js";

export interface TrackingRequest {
  trackingNumber: string;
  /** Courier code when known ("sf", "jd", "ems"); adapters that detect may go without. */
  courier?: string;
}

export interface TrackingEvent {
  at: Date;
  status: ShipmentStatus;
  description: string;
  location?: string;
  /** The provider's own code, kept for audits. */
  rawStatus?: string;
}

export interface TrackingResult extends TrackingRequest {
  status: ShipmentStatus;
  /** Oldest first. */
  events: TrackingEvent[];
  /** Set when the provider refused or could not find this number: a catalog message, or the provider's own words. */
  error?: string | Message;
}

export interface CourierAdapter {
  /** Tracks at most `maxBatch` numbers; one result per request, in the same order. */
  track(batch: readonly TrackingRequest[]): Promise<TrackingResult[]>;
  /** Courier codes that could have issued this number, most likely first. */
  detect?(trackingNumber: string): Promise<string[]>;
  close?(): Promise<void>;
}

export interface CourierDefinition<C = unknown> {
  kind: "courier";
  name: string;
  description: string;
  /** Courier codes this provider can track. */
  couriers: readonly string[];
  /** Most numbers one track() call may carry (17TRACK: 40). */
  maxBatch: number;
  /**
   * A number must not be asked about again within this many minutes (Kuaidi100: 30; asking
   * sooner risks the account being blocked). `shipments sync` keeps the last query time per
   * provider and number in the state store and leaves such numbers for a later run.
   */
  minRequeryMinutes?: number;
  configSchema: z.ZodType<C>;
  create(config: C, ctx: AdapterContext): CourierAdapter | Promise<CourierAdapter>;
}

export function defineCourier<C>(def: Omit<CourierDefinition<C>, "kind">): CourierDefinition<C> {
  return { kind: "courier", ...def };
}
