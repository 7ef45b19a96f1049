/**
 * The contract every courier adapter passes: one result per request, in order; batches never
 * larger than maxBatch; statuses from the normalized model; events oldest first.
 */
import { describe, expect, it } from "vitest";
import { type CourierAdapter, type CourierDefinition, SHIPMENT_STATUSES, type TrackingRequest } from "../../src/adapters/courier.js";

export function courierContract(
  name: string,
  make: () => Promise<{ definition: CourierDefinition; adapter: CourierAdapter; known: TrackingRequest; unknown: TrackingRequest }>,
): void {
  describe(`courier contract: ${name}`, () => {
    it("answers one result per request, in order, within maxBatch", async () => {
      const { definition, adapter, known, unknown } = await make();
      const batch = [known, unknown].slice(0, definition.maxBatch);
      const results = await adapter.track(batch);
      expect(results.map((r) => r.trackingNumber)).toEqual(batch.map((b) => b.trackingNumber));
      for (const r of results) {
        expect(SHIPMENT_STATUSES).toContain(r.status);
        const times = r.events.map((e) => e.at.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
        for (const e of r.events) expect(SHIPMENT_STATUSES).toContain(e.status);
      }
    });

    it("reports an unknown number as a result with an error, not a thrown exception", async () => {
      const { adapter, unknown } = await make();
      const [r] = await adapter.track([unknown]);
      expect(r?.trackingNumber).toBe(unknown.trackingNumber);
      expect(r?.error).toBeTruthy();
    });

    it("declares a positive maxBatch and the couriers it tracks", async () => {
      const { definition } = await make();
      expect(definition.maxBatch).toBeGreaterThan(0);
      expect(definition.couriers.length).toBeGreaterThan(0);
    });
  });
}
