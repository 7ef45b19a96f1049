/**
 * The built-in platform adapters (local, files) and a plugin courier run the shared contract
 * suites with hand-built AdapterContexts (no RunContext, no config); the files adapter's order
 * line handling gets its own checks: Shopify-style exports, shuffled and orphan line files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterAll, describe, expect, it } from "vitest";
import type { AdapterContext, PlatformAdapter, PlatformDefinition } from "../../src/adapters/platform.js";
import filesPlatform from "../../src/adapters/platforms/files/index.js";
import localPlatform from "../../src/adapters/platforms/local/index.js";
import { AdapterRegistry } from "../../src/adapters/registry.js";
import type { Order } from "../../src/core/model.js";
import { dayOf } from "../../src/core/time.js";
import { StateStore } from "../../src/store/state-store.js";
import { courierContract } from "../contract/courier-contract.js";
import { platformContract } from "../contract/platform-contract.js";
import { DEMO_NOW, REPO } from "../helpers/cli.js";
import { type CsvRow, DEMO_DIR, readDemo } from "../helpers/demo-data.js";

const root = mkdtempSync(join(tmpdir(), "merchops-adapters-"));
const stores: StateStore[] = [];
afterAll(() => {
  for (const s of stores) s.close();
  rmSync(root, { recursive: true, force: true });
});

interface Logged {
  info: string[];
  warn: string[];
}

function context(over: Partial<AdapterContext> & { state?: () => Promise<StateStore> } = {}): AdapterContext & { logged: Logged } {
  const logged: Logged = { info: [], warn: [] };
  return {
    storeName: "test",
    baseDir: REPO,
    timezone: "Asia/Shanghai",
    currency: "CNY",
    now: () => new Date(DEMO_NOW),
    log: { info: (m) => logged.info.push(m), warn: (m) => logged.warn.push(m), debug: () => {} },
    state: async () => {
      throw new Error("this adapter should not need the state store");
    },
    readOptions: {},
    ...over,
    logged,
  };
}

async function collect<T>(it: AsyncIterable<T> | undefined): Promise<T[]> {
  if (!it) throw new Error("the adapter does not implement this list");
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

let dirSeq = 0;
function dataDir(files: Record<string, string>): string {
  const dir = join(root, `data${++dirSeq}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const csv = (rows: CsvRow[]) => stringify(rows, { header: true, columns: Object.keys(rows[0] ?? {}) });

async function filesAdapter(dir: string, ctx = context()): Promise<PlatformAdapter> {
  return filesPlatform.create({ platform: "files", dir }, ctx);
}

/** Orders with their lines in a stable order, for comparing two readings of the same data. */
function canonical(orders: Order[]): Order[] {
  return orders.map((o) => ({
    ...o,
    lines: [...o.lines].sort((a, b) => `${a.sku}|${a.quantity}|${a.unitPrice}`.localeCompare(`${b.sku}|${b.quantity}|${b.unitPrice}`)),
  }));
}

// --- local: the embedded store seeded from the repo's demo fixtures ---------------------------

const localState = (() => {
  let s: StateStore | undefined;
  return async () => {
    if (!s) {
      s = StateStore.openSqlite(join(root, "local", "state.db"));
      stores.push(s);
    }
    return s;
  };
})();

platformContract(
  "local (seeded from fixtures/demo-store)",
  async () => localPlatform as PlatformDefinition,
  async () => ({
    adapter: await localPlatform.create(
      { platform: "local", seed: DEMO_DIR, followClock: true },
      context({ storeName: "demo", state: localState }),
    ),
    orderRange: { since: new Date("2026-11-20T00:00:00+08:00"), until: new Date("2026-11-23T00:00:00+08:00") },
  }),
);

// The local adapter seeds once and, with followClock, shows its last day as yesterday.
describe("local adapter seeding", () => {
  it("seeds once per store and shifts the data so its last day is yesterday", async () => {
    const dir = join(root, "local-shift");
    const state = StateStore.openSqlite(join(dir, "state.db"));
    stores.push(state);
    const first = context({ storeName: "shifted", state: async () => state, now: () => new Date("2026-12-01T09:00:00+08:00") });
    const adapter = await localPlatform.create({ platform: "local", seed: DEMO_DIR, followClock: true }, first);
    expect(first.logged.info.filter((m) => m.includes("loaded 14,000 orders"))).toHaveLength(1);
    expect(await state.getMeta("shifted", "data_end_day")).toBe("2026-11-24");
    const orders = await collect(adapter.listOrders?.({ since: new Date("2026-11-27T00:00:00+08:00") }));
    const last = orders.reduce((m, o) => Math.max(m, o.placedAt.getTime()), 0);
    expect(dayOf(last, "Asia/Shanghai")).toBe("2026-11-30"); // 2026-11-24 + 6 days
    const traffic = await collect(adapter.listTraffic?.({ first: "2026-11-30", last: "2026-11-30" }));
    expect(traffic.length).toBeGreaterThan(0);

    const again = context({ storeName: "shifted", state: async () => state, now: () => new Date("2026-12-01T09:00:00+08:00") });
    await localPlatform.create({ platform: "local", seed: DEMO_DIR, followClock: true }, again);
    expect(again.logged.info.filter((m) => m.includes("loaded"))).toHaveLength(0);
  });
});

// --- files: the demo folder as a consultant receives it ---------------------------------------

platformContract(
  "files (fixtures/demo-store)",
  async () => filesPlatform as PlatformDefinition,
  async () => ({
    adapter: await filesAdapter(DEMO_DIR),
    orderRange: { since: new Date("2026-11-20T00:00:00+08:00"), until: new Date("2026-11-23T00:00:00+08:00") },
  }),
);

// --- files: a Shopify-style orders export, one row per line item -----------------------------

const SHOPIFY_HEADER = [
  "Name",
  "Email",
  "Financial Status",
  "Currency",
  "Subtotal",
  "Shipping",
  "Taxes",
  "Total",
  "Discount Amount",
  "Created at",
  "Lineitem quantity",
  "Lineitem name",
  "Lineitem price",
  "Lineitem sku",
  "Lineitem discount",
];
// Shopify's Subtotal is after discounts (real exports: Subtotal 53.01, Discount Amount 4.00, a line at 57.01).
const SHOPIFY_ROWS = [
  [
    "#1001",
    "ann@example.com",
    "paid",
    "USD",
    "54.00",
    "5.00",
    "0.00",
    "59.00",
    "5.00",
    "2026-11-20 10:00:00 +0800",
    "2",
    "Tee - M",
    "20.00",
    "TS-01-M",
    "0.00",
  ],
  ["#1001", "ann@example.com", "", "", "", "", "", "", "", "", "1", "Cap", "19.00", "CAP-02", "5.00"],
  [
    "#1002",
    "bob@example.com",
    "refunded",
    "USD",
    "20.00",
    "0.00",
    "0.00",
    "20.00",
    "0.00",
    "2026-11-21 09:30:00 +0800",
    "1",
    "Tee - S",
    "20.00",
    "TS-01-S",
    "",
  ],
  // Order columns on the first row only, and no totals at all: they come from the lines.
  ["#1003", "cy@example.com", "paid", "USD", "", "", "", "", "", "2026-11-22 18:45:00 +0800", "1", "Socks", "12.00", "00123", ""],
  ["#1003", "cy@example.com", "", "", "", "", "", "", "", "", "3", "Pin", "1.50", "B-2", ""],
  ["#1003", "cy@example.com", "", "", "", "", "", "", "", "", "1", "Bag", "10.00", "C-3", "1.00"],
];
const shopifyDir = () => dataDir({ "orders_export.csv": stringify([SHOPIFY_HEADER, ...SHOPIFY_ROWS]) });

platformContract(
  "files (Shopify-style orders export)",
  async () => filesPlatform as PlatformDefinition,
  async () => ({
    adapter: await filesAdapter(shopifyDir()),
    orderRange: { since: new Date("2026-11-21T00:00:00+08:00"), until: new Date("2026-11-22T00:00:00+08:00") },
  }),
);

// Rows sharing an order id are one order; its line columns become its lines.
describe("files adapter: Shopify-style export with one row per line item", () => {
  it("groups the line rows under their order and takes order columns from the first row", async () => {
    const adapter = await filesAdapter(shopifyDir());
    // Refunds carried on the orders export are returns too.
    expect(adapter.capabilities).toEqual(["orders.read", "returns.read", "check"]);
    const orders = await collect(adapter.listOrders?.({}));
    expect(orders.map((o) => o.id)).toEqual(["#1001", "#1002", "#1003"]);
    const [a, b, c] = orders as [Order, Order, Order];

    expect(a.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.discount, l.title])).toEqual([
      ["TS-01-M", 2, 2000, 0, "Tee - M"],
      ["CAP-02", 1, 1900, 500, "Cap"],
    ]);
    expect(a).toMatchObject({
      currency: "USD",
      status: "paid",
      customerId: "ann@example.com",
      subtotal: 5900,
      discountTotal: 500,
      shippingTotal: 500,
      total: 5900,
    });
    expect(a.placedAt.toISOString()).toBe("2026-11-20T02:00:00.000Z");

    expect(b.lines.map((l) => [l.sku, l.quantity])).toEqual([["TS-01-S", 1]]);
    expect(b.status).toBe("refunded");

    expect(c.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.discount])).toEqual([
      ["00123", 1, 1200, 0],
      ["B-2", 3, 150, 0],
      ["C-3", 1, 1000, 100],
    ]);
    expect(c).toMatchObject({ subtotal: 2650, discountTotal: 100, shippingTotal: 0, taxTotal: 0, total: 2550, currency: "USD" });
  });

  it("a range keeps whole orders: all lines of the order inside it, none of the others", async () => {
    const adapter = await filesAdapter(shopifyDir());
    const orders = await collect(adapter.listOrders?.({ since: new Date("2026-11-22T00:00:00+08:00") }));
    expect(orders.map((o) => [o.id, o.lines.length])).toEqual([["#1003", 3]]);
  });
});

// --- files: orders.csv + order_lines.csv, joined in one pass --------------------------------

/** The first n demo orders and exactly their lines, as CSV rows. */
function demoSlice(n: number): { orders: CsvRow[]; lines: CsvRow[] } {
  const orders = readDemo("orders").slice(0, n);
  const ids = new Set(orders.map((o) => o.order_id));
  return { orders, lines: readDemo("order_lines").filter((l) => ids.has(l.order_id as string)) };
}

/** Deterministic Fisher-Yates shuffle. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// The merge-join gives the same orders whatever the order of the lines file.
describe("files adapter: order lines in a separate file", () => {
  const { orders, lines } = demoSlice(80);

  it("the slice has multi-line orders (so the checks below mean something)", () => {
    const perOrder = new Map<string, number>();
    for (const l of lines) perOrder.set(l.order_id as string, (perOrder.get(l.order_id as string) ?? 0) + 1);
    expect([...perOrder.values()].filter((n) => n > 1).length).toBeGreaterThan(5);
  });

  it("joins every line to its order when both files keep the same sequence", async () => {
    const ctx = context();
    const read = await collect(
      (await filesAdapter(dataDir({ "orders.csv": csv(orders), "order_lines.csv": csv(lines) }), ctx)).listOrders?.({}),
    );
    expect(read.map((o) => o.id)).toEqual(orders.map((o) => o.order_id));
    expect(read.reduce((n, o) => n + o.lines.length, 0)).toBe(lines.length);
    for (const o of read) {
      const want = lines.filter((l) => l.order_id === o.id).map((l) => l.sku);
      expect(
        o.lines.map((l) => l.sku),
        o.id,
      ).toEqual(want);
    }
    expect(ctx.logged.warn).toEqual([]);
  });

  /** Each order's first lines, then each order's second lines, ...: an export sorted by line number. */
  function byLineNumber(rows: CsvRow[]): CsvRow[] {
    const seen = new Map<string, number>();
    const numbered = rows.map((r) => {
      const n = (seen.get(r.order_id as string) ?? 0) + 1;
      seen.set(r.order_id as string, n);
      return { r, n };
    });
    return numbered.sort((a, b) => a.n - b.n).map((x) => x.r);
  }

  it.each([
    [
      "sorted by SKU, as some back offices export line items",
      () => [...lines].sort((a, b) => (a.sku as string).localeCompare(b.sku as string)),
    ],
    ["sorted by line number (every order's first line, then every second line)", () => byLineNumber(lines)],
    ["shuffled", () => shuffled(lines, 20261124)],
  ])("gives the same orders when the lines file is %s", async (_, arrange) => {
    const inOrder = await collect(
      (await filesAdapter(dataDir({ "orders.csv": csv(orders), "order_lines.csv": csv(lines) }))).listOrders?.({}),
    );
    const ctx = context();
    const mixed = await collect(
      (await filesAdapter(dataDir({ "orders.csv": csv(orders), "order_lines.csv": csv(arrange()) }), ctx)).listOrders?.({}),
    );
    expect(mixed.map((o) => o.id)).toEqual(inOrder.map((o) => o.id));
    expect(mixed.reduce((n, o) => n + o.lines.length, 0)).toBe(lines.length);
    expect(canonical(mixed)).toEqual(canonical(inOrder));
    expect(ctx.logged.warn).toEqual([]);
  });

  it("gives the same orders for a small hand-shuffled lines file", async () => {
    const ordersCsv =
      "order_id,placed_at,total\nA,2026-11-20T10:00:00+08:00,2.00\nB,2026-11-20T11:00:00+08:00,2.00\nC,2026-11-20T12:00:00+08:00,2.00\n";
    const linesCsv = "order_id,sku,quantity,unit_price\nC,c1,1,1.00\nA,a1,1,1.00\nB,b1,1,1.00\nA,a2,1,1.00\nC,c2,1,1.00\nB,b2,1,1.00\n";
    const ctx = context();
    const read = await collect(
      (await filesAdapter(dataDir({ "orders.csv": ordersCsv, "order_lines.csv": linesCsv }), ctx)).listOrders?.({}),
    );
    expect(read.map((o) => [o.id, o.lines.map((l) => l.sku).sort()])).toEqual([
      ["A", ["a1", "a2"]],
      ["B", ["b1", "b2"]],
      ["C", ["c1", "c2"]],
    ]);
    expect(read.map((o) => o.subtotal)).toEqual([200, 200, 200]);
    expect(ctx.logged.warn).toEqual([]);
  });

  it("gives the same orders for the whole demo store with its lines shuffled", async () => {
    const all = readDemo("orders");
    const allLines = readDemo("order_lines");
    const ctx = context();
    const read = await collect(
      (await filesAdapter(dataDir({ "orders.csv": csv(all), "order_lines.csv": csv(shuffled(allLines, 7)) }), ctx)).listOrders?.({}),
    );
    expect(read).toHaveLength(all.length);
    expect(read.reduce((n, o) => n + o.lines.length, 0)).toBe(allLines.length);
    expect(ctx.logged.warn).toEqual([]);
  });

  it("gives the same orders when the lines come in reverse order", async () => {
    const inOrder = await collect(
      (await filesAdapter(dataDir({ "orders.csv": csv(orders), "order_lines.csv": csv(lines) }))).listOrders?.({}),
    );
    const reversed = await collect(
      (await filesAdapter(dataDir({ "orders.csv": csv(orders), "order_lines.csv": csv([...lines].reverse()) }))).listOrders?.({}),
    );
    expect(canonical(reversed)).toEqual(canonical(inOrder));
  });

  it("a line naming an unknown order is a warning, not a crash, and costs no other order its lines", async () => {
    const inOrder = await collect(
      (await filesAdapter(dataDir({ "orders.csv": csv(orders), "order_lines.csv": csv(lines) }))).listOrders?.({}),
    );
    const stray = { ...(lines[0] as CsvRow), order_id: "O999999", sku: "GHOST-1" };
    const withStray = [...lines.slice(0, 10), stray, ...lines.slice(10)];
    const ctx = context();
    const read = await collect(
      (await filesAdapter(dataDir({ "orders.csv": csv(orders), "order_lines.csv": csv(withStray) }), ctx)).listOrders?.({}),
    );
    expect(read).toEqual(inOrder);
    expect(ctx.logged.warn).toHaveLength(1);
    expect(ctx.logged.warn[0]).toMatch(/1 order line\(s\) name orders that are not in/);
    expect(ctx.logged.warn[0]).toContain("order_lines.csv");
  });

  it("a stray line at the very end is reported the same way", async () => {
    const stray = { ...(lines[0] as CsvRow), order_id: "O999999", sku: "GHOST-1" };
    const ctx = context();
    const read = await collect(
      (await filesAdapter(dataDir({ "orders.csv": csv(orders), "order_lines.csv": csv([...lines, stray]) }), ctx)).listOrders?.({}),
    );
    expect(read).toHaveLength(orders.length);
    expect(ctx.logged.warn.join("\n")).toMatch(/1 order line\(s\)/);
  });
});

// --- a courier plugin loaded the way config `plugins` loads it --------------------------------

courierContract("example-track (test/fixtures/plugins/example-courier.mjs)", async () => {
  const registry = new AdapterRegistry();
  await registry.loadPlugins([join(REPO, "test", "fixtures", "plugins", "example-courier.mjs")], "merchops.config.yaml", REPO);
  const definition = await registry.courier("example-track");
  const adapter = await definition.create(definition.configSchema.parse({}), context());
  return {
    definition,
    adapter,
    known: { trackingNumber: "SF1234567890123", courier: "sf" },
    unknown: { trackingNumber: "SF0000000000000", courier: "sf" },
  };
});
