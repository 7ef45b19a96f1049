/**
 * The Shopify API adapter reads financial statuses as the files store reads the orders export's
 * Financial Status (profiles.ts): voided and expired were never paid, so cancelled whatever the
 * fulfilment; pending and authorized are orders placed; a cancellation date wins over everything.
 */
import { describe, expect, it } from "vitest";
import { orderStatus } from "../../src/adapters/platforms/shopify/orders.js";

const node = (displayFinancialStatus: string | null, displayFulfillmentStatus = "UNFULFILLED", cancelledAt: string | null = null) => ({
  cancelledAt,
  displayFinancialStatus,
  displayFulfillmentStatus,
});

describe("Shopify financial statuses", () => {
  it.each([
    ["VOIDED", "UNFULFILLED", "cancelled"],
    ["VOIDED", "FULFILLED", "cancelled"],
    ["EXPIRED", "UNFULFILLED", "cancelled"],
    ["EXPIRED", "FULFILLED", "cancelled"],
    ["PENDING", "UNFULFILLED", "pending"],
    ["AUTHORIZED", "UNFULFILLED", "pending"],
    ["PAID", "UNFULFILLED", "paid"],
    ["PARTIALLY_PAID", "UNFULFILLED", "paid"],
    ["PARTIALLY_REFUNDED", "UNFULFILLED", "paid"],
    ["PAID", "FULFILLED", "fulfilled"],
    ["REFUNDED", "FULFILLED", "refunded"],
  ])("%s, %s: %s", (financial, fulfilment, want) => {
    expect(orderStatus(node(financial, fulfilment))).toBe(want);
  });

  it("a cancelled order is cancelled whatever its payment said", () => {
    expect(orderStatus(node("PAID", "FULFILLED", "2026-03-01T10:00:00Z"))).toBe("cancelled");
  });
});
