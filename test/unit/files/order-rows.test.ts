/**
 * eBay's multi-item order: the summary row (no Item Number) carries the order, the item rows are
 * its lines; the summary is never read as an item (its Quantity and Sold For are the items' sums).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DATASETS } from "../../../src/adapters/platforms/files/columns.js";
import { Dataset } from "../../../src/adapters/platforms/files/dataset.js";
import { orderRows } from "../../../src/adapters/platforms/files/orders.js";
import type { SourceRow } from "../../../src/io/read-table.js";
import { REPO } from "../../helpers/cli.js";

describe("an order's rows", () => {
  it("eBay: the summary row is the order's, the item rows its lines", async () => {
    const file = join(REPO, "fixtures", "exports", "ebay-orders", "eBay-OrdersReport-Mar-31-2024.csv");
    const ds = await Dataset.open(DATASETS.orders, file, { timezone: "UTC", currency: "USD" });
    const groups = new Map<string, SourceRow[]>();
    try {
      for await (const batch of ds.batches()) {
        for (const row of batch) {
          const id = ds.text(row, "order_id");
          if (id !== undefined && ds.text(row, "placed_at") !== undefined) groups.set(id, [...(groups.get(id) ?? []), row]);
        }
      }
    } finally {
      await ds.close();
    }
    const multi = orderRows(ds, groups.get("1002") ?? []);
    expect(multi.summary).toBe(true);
    expect(multi.first && ds.text(multi.first, "total")).toBe("$53.00");
    expect(multi.lineRows.map((r) => ds.cellUnder(r, "Custom Label"))).toEqual(["POT-1", "CUP-1"]);
    const single = orderRows(ds, groups.get("1001") ?? []);
    expect(single.summary).toBe(false);
    expect(single.lineRows).toHaveLength(1);
  });
});
