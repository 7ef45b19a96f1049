import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoManifest, writeDemoStore } from "../../scripts/lib/demo-data.js";
import { DATASETS, type DatasetName } from "../../src/adapters/platforms/files/columns.js";

// The demo store's facts, recomputed here from the CSV text alone: nothing below trusts the
// generator's own bookkeeping except where it is compared with the manifest.

const FILES = ["products", "orders", "order_lines", "returns", "traffic", "tickets"] as const;
const COMMITTED = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures", "demo-store");
const FIRST_DAY = "2026-08-27";
const LAST_DAY = "2026-11-24";
const END = Date.parse(`${LAST_DAY}T23:59:59+08:00`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const MONEY = /^\d+\.\d{2}$/;

type Rec = Record<string, string>;

/** "129.00" -> 12900 without floats. */
function fen(text: string | undefined): number {
  const m = /^(\d+)\.(\d{2})$/.exec(text ?? "");
  if (!m) throw new Error(`bad money "${text}"`);
  return Number(m[1]) * 100 + Number(m[2]);
}

function at(text: string | undefined): number {
  if (!ISO.test(text ?? "")) throw new Error(`bad instant "${text}"`);
  return Date.parse(text ?? "");
}

function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

let dirA = "";
let dirB = "";
let manifest: DemoManifest;
const text = {} as Record<DatasetName, string>;
const rows = {} as Record<DatasetName, Rec[]>;

beforeAll(async () => {
  dirA = await mkdtemp(join(tmpdir(), "merchops-demo-a-"));
  dirB = await mkdtemp(join(tmpdir(), "merchops-demo-b-"));
  await writeDemoStore(dirA);
  await writeDemoStore(dirB);
  manifest = JSON.parse(await readFile(join(dirA, "manifest.json"), "utf8")) as DemoManifest;
  for (const name of FILES) {
    text[name] = await readFile(join(dirA, `${name}.csv`), "utf8");
    rows[name] = parse(text[name], { columns: true, skip_empty_lines: true }) as Rec[];
  }
}, 300_000);

afterAll(async () => {
  await Promise.all([dirA, dirB].filter(Boolean).map((d) => rm(d, { recursive: true, force: true })));
});

describe("demo store generation", () => {
  it("is deterministic: the same seed writes byte-identical files", async () => {
    for (const name of [...FILES.map((f) => `${f}.csv`), "manifest.json"]) {
      const [a, b] = await Promise.all([readFile(join(dirA, name)), readFile(join(dirB, name))]);
      expect(a.equals(b), name).toBe(true);
    }
  });

  it.skipIf(!existsSync(join(COMMITTED, "manifest.json")))(
    "matches the committed fixtures/demo-store (rerun npm run fixtures after changing the generator)",
    async () => {
      for (const name of [...FILES.map((f) => `${f}.csv`), "manifest.json"]) {
        const [a, b] = await Promise.all([readFile(join(dirA, name)), readFile(join(COMMITTED, name))]);
        expect(a.equals(b), name).toBe(true);
      }
    },
  );

  it("writes UTF-8 without BOM, headers = the column keys, and stays small enough to commit", async () => {
    let bytes = 0;
    for (const name of FILES) {
      const raw = await readFile(join(dirA, `${name}.csv`));
      bytes += raw.length;
      expect(raw[0], name).not.toBe(0xef);
      const header = text[name].slice(0, text[name].indexOf("\n"));
      expect(header).toBe(DATASETS[name].columns.map((c) => c.key).join(","));
    }
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    expect(manifest).toMatchObject({
      name: "demo",
      endDate: LAST_DAY,
      days: 90,
      timezone: "Asia/Shanghai",
      currency: "CNY",
      seed: 20261124,
    });
  });
});

describe("demo store shape", () => {
  it("has ~60 clothing and shoe products with 400-600 variants", () => {
    const products = rows.products;
    const ids = new Set(products.map((p) => p.product_id));
    expect(ids.size).toBeGreaterThanOrEqual(50);
    expect(ids.size).toBeLessThanOrEqual(70);
    expect(products.length).toBeGreaterThanOrEqual(400);
    expect(products.length).toBeLessThanOrEqual(600);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    for (const p of products) {
      expect(p.sku).toMatch(/^[A-Z]{2}\d{3}-[A-Z]{3}-(XS|S|M|L|XL|XXL|3[6-9]|4[0-5])$/);
      expect(p.sku?.startsWith(`${p.product_id}-`)).toBe(true);
      expect(p.category).toMatch(/^(服装|鞋靴) > /);
      expect(p.title).toMatch(/\p{Script=Han}/u);
      expect(p.colour).toMatch(/^(black|white|red|navy|grey|beige|khaki|pink|blue|green|brown)$/);
      expect(fen(p.price)).toBeGreaterThanOrEqual(5900);
      expect(fen(p.price)).toBeLessThanOrEqual(89900);
      if (p.compare_at_price) expect(fen(p.compare_at_price)).toBeGreaterThan(fen(p.price));
      expect(p.currency).toBe("CNY");
      expect(["active", "draft"]).toContain(p.status);
      expect(Number(p.inventory)).toBeGreaterThanOrEqual(0);
      if (p.category?.startsWith("鞋靴")) expect(p.size).toMatch(/^(3[6-9]|4[0-5])$/);
      else expect(p.size).toMatch(/^(XS|S|M|L|XL|XXL)$/);
    }
    expect(products.some((p) => p.status === "draft")).toBe(true);
    expect(products.some((p) => p.compare_at_price)).toBe(true);
  });

  it("has 90 days of 120-220 orders a day, one promotion weekend, exact money", () => {
    const { orders, order_lines: lines, products } = rows;
    const perDay = group(orders, (o) => o.placed_at?.slice(0, 10) ?? "");
    expect([...perDay.keys()].sort()).toHaveLength(90);
    expect([...perDay.keys()].sort()[0]).toBe(FIRST_DAY);
    const counts = [...perDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, os]) => os.length);
    const spikes = counts.filter((c) => c > 230);
    expect(spikes).toHaveLength(2);
    for (const c of counts.filter((c) => c <= 230)) {
      expect(c).toBeGreaterThanOrEqual(110);
    }
    const mean = orders.length / 90;
    expect(mean).toBeGreaterThan(120);
    expect(mean).toBeLessThan(220);
    expect(new Set(orders.map((o) => o.order_id)).size).toBe(orders.length);

    const byStatus = group(orders, (o) => o.status ?? "");
    expect((byStatus.get("cancelled")?.length ?? 0) / orders.length).toBeGreaterThan(0.02);
    expect((byStatus.get("cancelled")?.length ?? 0) / orders.length).toBeLessThan(0.04);
    const tests = orders.filter((o) => o.test === "true").length;
    expect(tests / orders.length).toBeGreaterThan(0.001);
    expect(tests / orders.length).toBeLessThan(0.006);
    expect(byStatus.get("pending")?.length ?? 0).toBeGreaterThan(0);
    expect((byStatus.get("paid")?.length ?? 0) + (byStatus.get("fulfilled")?.length ?? 0)).toBeGreaterThan(orders.length * 0.95);

    const customers = group(
      orders.filter((o) => o.test !== "true"),
      (o) => o.customer_id ?? "",
    );
    expect(customers.size).toBeGreaterThan(4000);
    expect(customers.size).toBeLessThan(6000);
    for (const id of customers.keys()) expect(id).toMatch(/^C\d{6}$/);
    expect([...customers.values()].filter((os) => os.length > 1).length).toBeGreaterThan(1000);

    const sources = new Set(orders.map((o) => o.source));
    expect([...sources].sort()).toEqual(["direct", "email", "organic_search", "paid_search", "referral", "social"]);

    const variants = new Map(products.map((p) => [p.sku, p]));
    const linesByOrder = group(lines, (l) => l.order_id ?? "");
    expect(linesByOrder.size).toBe(orders.length);
    // One pass over 14,000 orders: collect the problems, assert once (a readable failure, and fast).
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && problems.length < 20) problems.push(what);
    };
    let single = 0;
    for (const o of orders) {
      const id = o.order_id;
      check(ISO.test(o.placed_at ?? ""), `${id} placed_at ${o.placed_at}`);
      check(o.currency === "CNY", `${id} currency`);
      for (const k of ["subtotal", "discount", "shipping", "tax", "total"]) check(MONEY.test(o[k] ?? ""), `${id} ${k}`);
      const ls = linesByOrder.get(id ?? "") ?? [];
      check(ls.length >= 1 && ls.length <= 3, `${id} has ${ls.length} lines`);
      if (ls.length === 1) single++;
      const subtotal = ls.reduce((s, l) => s + fen(l.unit_price) * Number(l.quantity), 0);
      const discount = fen(o.discount);
      check(fen(o.subtotal) === subtotal, `${id} subtotal ${o.subtotal} != Σ lines ${subtotal}`);
      check(ls.reduce((s, l) => s + fen(l.discount), 0) === discount, `${id} line discounts do not sum to ${o.discount}`);
      check(fen(o.total) === subtotal - discount + fen(o.shipping) + fen(o.tax), `${id} total`);
      check(fen(o.tax) === 0, `${id} tax`);
      check(fen(o.shipping) === (subtotal - discount >= 9900 ? 0 : 800), `${id} shipping ${o.shipping}`);
      const coupon = o.coupon_code ?? "";
      const couponOk =
        coupon === ""
          ? discount === 0
          : coupon === "FULL199-20"
            ? discount === 2000 && subtotal >= 19900
            : coupon === "FULL399-50"
              ? discount === 5000 && subtotal >= 39900
              : coupon === "NEW10" && discount === 1000;
      check(couponOk, `${id} coupon ${coupon} discount ${o.discount} subtotal ${o.subtotal}`);
      for (const l of ls) {
        const v = variants.get(l.sku);
        check(v?.status === "active", `${id} sells ${l.sku}, not an active variant`);
        check(
          l.title === v?.title &&
            l.product_id === v?.product_id &&
            l.size === v?.size &&
            l.colour === v?.colour &&
            l.category === v?.category &&
            l.unit_price === v?.price,
          `${id} line ${l.sku} differs from products.csv`,
        );
        check(/^[1-9]\d*$/.test(l.quantity ?? ""), `${id} line ${l.sku} quantity ${l.quantity}`);
      }
    }
    expect(problems).toEqual([]);
    expect(single / orders.length).toBeGreaterThan(0.6);
  });

  it("has valid returns: 6-9% of units, 2-20 days after a fulfilled order, refunds of the paid value", () => {
    const { orders, order_lines: lines, returns } = rows;
    const orderById = new Map(orders.map((o) => [o.order_id, o]));
    const lineByKey = new Map(lines.map((l) => [`${l.order_id}|${l.sku}`, l]));
    const returnedPerLine = new Map<string, number>();
    const codes = new Set([
      "SIZE_TOO_SMALL",
      "SIZE_TOO_LARGE",
      "DEFECTIVE",
      "NOT_AS_DESCRIBED",
      "WRONG_ITEM",
      "UNWANTED",
      "COLOR",
      "STYLE",
      "OTHER",
    ]);
    expect(new Set(returns.map((r) => r.return_id)).size).toBe(returns.length);
    for (const r of returns) {
      const o = orderById.get(r.order_id);
      const l = lineByKey.get(`${r.order_id}|${r.sku}`);
      expect(o?.status).toBe("fulfilled");
      expect(l, `${r.return_id} ${r.sku}`).toBeDefined();
      if (!o || !l) continue;
      const qty = Number(r.quantity);
      const key = `${r.order_id}|${r.sku}`;
      returnedPerLine.set(key, (returnedPerLine.get(key) ?? 0) + qty);
      expect(qty).toBeGreaterThanOrEqual(1);
      expect(returnedPerLine.get(key)).toBeLessThanOrEqual(Number(l.quantity));
      const requested = at(r.requested_at);
      const placed = at(o.placed_at);
      expect(requested - placed).toBeGreaterThanOrEqual(2 * DAY);
      expect(requested - placed).toBeLessThanOrEqual(20 * DAY);
      expect(requested).toBeLessThanOrEqual(END);
      if (r.refunded_at) {
        const gap = at(r.refunded_at) - requested;
        expect(gap).toBeGreaterThanOrEqual(DAY);
        expect(gap).toBeLessThanOrEqual(5 * DAY);
        expect(at(r.refunded_at)).toBeLessThanOrEqual(END);
        expect(r.status).toBe("refunded");
      } else {
        expect(r.status).not.toBe("refunded");
      }
      const paid = fen(l.unit_price) * Number(l.quantity) - fen(l.discount);
      expect(fen(r.refund_amount)).toBe(qty === Number(l.quantity) ? paid : Math.floor((paid * qty) / Number(l.quantity)));
      expect(r.reason).not.toBe("");
      if (r.reason_code) expect(codes.has(r.reason_code)).toBe(true);
    }
    expect(returns.some((r) => !r.refunded_at)).toBe(true);
    expect(returns.some((r) => r.reason_code === "")).toBe(true);
    expect(returns.some((r) => /\p{Script=Han}/u.test(r.reason ?? ""))).toBe(true);
    expect(returns.some((r) => /^[a-z]/.test(r.reason ?? ""))).toBe(true);

    const countable = new Set(orders.filter((o) => o.status !== "cancelled" && o.test !== "true").map((o) => o.order_id));
    const sold = lines.filter((l) => countable.has(l.order_id)).reduce((s, l) => s + Number(l.quantity), 0);
    const returned = returns.reduce((s, r) => s + Number(r.quantity), 0);
    expect(returned / sold).toBeGreaterThan(0.06);
    expect(returned / sold).toBeLessThan(0.09);
    expect(manifest.kpis.returnRateUnits.actual).toBeCloseTo(returned / sold, 4);
  });

  it("has one traffic row per day and source, calibrated to ~3.5% conversion and ~24% organic share", () => {
    const { traffic, orders } = rows;
    const sources = ["direct", "organic_search", "paid_search", "referral", "social"];
    expect(traffic).toHaveLength(90 * 5);
    const byDay = group(traffic, (t) => t.date ?? "");
    expect(byDay.size).toBe(90);
    for (const ts of byDay.values()) expect(ts.map((t) => t.source).sort()).toEqual(sources);
    for (const t of traffic) {
      const [pv, uv, s] = [Number(t.page_views), Number(t.visitors), Number(t.sessions)];
      expect(uv).toBeLessThan(s);
      expect(s).toBeLessThan(pv);
      if (t.source === "paid_search" || t.source === "social") {
        expect(t.ad_spend).toMatch(MONEY);
        expect(t.currency).toBe("CNY");
      } else {
        expect(t.ad_spend).toBe("");
      }
    }
    const sessions = (src?: string) => traffic.filter((t) => !src || t.source === src).reduce((s, t) => s + Number(t.sessions), 0);
    const organic = sessions("organic_search") / sessions();
    expect(organic).toBeGreaterThan(0.22);
    expect(organic).toBeLessThan(0.26);
    expect(manifest.kpis.organicSearchShare.actual).toBeCloseTo(organic, 4);

    // Conversion: paying customers (paid or fulfilled, not test) / visitors, day by day.
    const paying = orders.filter((o) => o.test !== "true" && (o.status === "paid" || o.status === "fulfilled"));
    let buyerDays = 0;
    for (const os of group(paying, (o) => o.placed_at?.slice(0, 10) ?? "").values()) {
      buyerDays += new Set(os.map((o) => o.customer_id)).size;
    }
    const visitors = traffic.reduce((s, t) => s + Number(t.visitors), 0);
    expect(buyerDays / visitors).toBeGreaterThan(0.033);
    expect(buyerDays / visitors).toBeLessThan(0.042);
    expect(manifest.kpis.conversion.daily).toBeCloseTo(buyerDays / visitors, 4);
  });

  it("has ~30 chats and ~10 tickets a day with realistic response, resolution and rating figures", () => {
    const { tickets } = rows;
    const channels = group(tickets, (t) => t.channel ?? "");
    expect([...channels.keys()].sort()).toEqual(["chat", "email", "ticket"]);
    const chats = channels.get("chat") ?? [];
    const others = [...(channels.get("ticket") ?? []), ...(channels.get("email") ?? [])];
    expect(chats.length / 90).toBeGreaterThan(25);
    expect(chats.length / 90).toBeLessThan(35);
    expect(others.length / 90).toBeGreaterThan(8);
    expect(others.length / 90).toBeLessThan(12);
    for (const t of tickets) {
      const created = at(t.created_at);
      expect(created).toBeLessThanOrEqual(END);
      if (t.first_response_at) expect(at(t.first_response_at)).toBeGreaterThan(created);
      else expect(t.status).toBe("open");
      if (t.resolved_at) {
        expect(["resolved", "closed"]).toContain(t.status);
        expect(at(t.resolved_at)).toBeGreaterThanOrEqual(at(t.first_response_at));
        expect(at(t.resolved_at)).toBeLessThanOrEqual(END);
      } else {
        expect(["open", "pending"]).toContain(t.status);
      }
      if (t.rating) expect(t.rating).toMatch(/^[1-5]$/);
    }
    const unanswered = tickets.filter((t) => !t.first_response_at);
    expect(unanswered.length).toBeGreaterThan(0);
    for (const t of unanswered) expect(END - at(t.created_at)).toBeLessThan(5 * DAY);

    const resolved = tickets.filter((t) => t.status === "resolved" || t.status === "closed").length / tickets.length;
    expect(resolved).toBeGreaterThan(0.94);
    expect(resolved).toBeLessThan(0.98);
    const rated = tickets.filter((t) => t.rating);
    expect(rated.length / tickets.length).toBeGreaterThan(0.55);
    expect(rated.length / tickets.length).toBeLessThan(0.65);
    expect(manifest.kpis.resolutionRate.actual).toBeCloseTo(resolved, 4);
  });
});

describe("planted problems", () => {
  const countableLines = () => {
    const countable = new Set(rows.orders.filter((o) => o.status !== "cancelled" && o.test !== "true").map((o) => o.order_id));
    return rows.order_lines.filter((l) => countable.has(l.order_id));
  };

  it("one SKU with >= 150 units sold has ~30% of its units returned, mostly not as described", () => {
    const sku = manifest.planted.highReturnSku.sku;
    const sold = countableLines()
      .filter((l) => l.sku === sku)
      .reduce((s, l) => s + Number(l.quantity), 0);
    const rs = rows.returns.filter((r) => r.sku === sku);
    const returned = rs.reduce((s, r) => s + Number(r.quantity), 0);
    expect(sold).toBeGreaterThanOrEqual(150);
    expect(returned / sold).toBeGreaterThan(0.25);
    expect(returned / sold).toBeLessThan(0.35);
    const expectation = rs.filter(
      (r) =>
        ["NOT_AS_DESCRIBED", "COLOR", "STYLE"].includes(r.reason_code ?? "") ||
        /描述|图片|色差|详情页|pictured|described|款式|上身|版型|suit/.test(r.reason ?? ""),
    );
    expect(expectation.length / rs.length).toBeGreaterThan(0.6);
    expect(manifest.planted.highReturnSku.actual).toBeCloseTo(returned / sold, 4);
    expect(manifest.planted.highReturnSku.unitsSold).toBe(sold);

    // It tops the attention list (rate x units returned) among SKUs with >= 30 units sold.
    const soldBySku = new Map<string, number>();
    for (const l of countableLines()) soldBySku.set(l.sku ?? "", (soldBySku.get(l.sku ?? "") ?? 0) + Number(l.quantity));
    const returnedBySku = new Map<string, number>();
    for (const r of rows.returns) returnedBySku.set(r.sku ?? "", (returnedBySku.get(r.sku ?? "") ?? 0) + Number(r.quantity));
    const ranked = [...soldBySku.entries()]
      .filter(([, n]) => n >= 30)
      .map(([s, n]) => ({ s, score: ((returnedBySku.get(s) ?? 0) / n) * (returnedBySku.get(s) ?? 0) }))
      .sort((a, b) => b.score - a.score);
    expect(ranked[0]?.s).toBe(sku);
  });

  it("one product's size S is returned at ~3x its other sizes, for running small", () => {
    const { productId, size } = manifest.planted.sizeSkew;
    const sizeOf = new Map(rows.products.map((p) => [p.sku, p.size]));
    const ls = countableLines().filter((l) => l.product_id === productId);
    const rs = rows.returns.filter((r) => r.sku?.startsWith(`${productId}-`));
    const rate = (inSize: boolean) => {
      const sold = ls.filter((l) => (l.size === size) === inSize).reduce((s, l) => s + Number(l.quantity), 0);
      const returned = rs.filter((r) => (sizeOf.get(r.sku) === size) === inSize).reduce((s, r) => s + Number(r.quantity), 0);
      return { sold, rate: returned / sold };
    };
    const skewed = rate(true);
    const others = rate(false);
    expect(skewed.sold).toBeGreaterThanOrEqual(100);
    expect(others.rate).toBeLessThan(0.12);
    expect(skewed.rate / others.rate).toBeGreaterThan(2.5);
    expect(skewed.rate / others.rate).toBeLessThan(3.5);
    expect(manifest.planted.sizeSkew.actual).toBeCloseTo(skewed.rate / others.rate, 3);
    const small = rs.filter(
      (r) => sizeOf.get(r.sku) === size && (r.reason_code === "SIZE_TOO_SMALL" || /小|紧|small|wrong size/.test(r.reason ?? "")),
    ).length;
    expect(small / rs.filter((r) => sizeOf.get(r.sku) === size).length).toBeGreaterThan(0.5);
  });

  it("social ROAS breaches the target of 3 while paid search earns ~4", () => {
    const gmv = new Map<string, number>();
    for (const o of rows.orders) {
      if (o.status === "cancelled" || o.test === "true") continue;
      gmv.set(o.source ?? "", (gmv.get(o.source ?? "") ?? 0) + fen(o.total));
    }
    const spend = new Map<string, number>();
    for (const t of rows.traffic) if (t.ad_spend) spend.set(t.source ?? "", (spend.get(t.source ?? "") ?? 0) + fen(t.ad_spend));
    const roas = (s: string) => (gmv.get(s) ?? 0) / (spend.get(s) ?? 1);
    expect(roas("social")).toBeLessThan(3);
    expect(roas("social")).toBeGreaterThan(1.7);
    expect(roas("paid_search")).toBeGreaterThan(3.5);
    expect(roas("paid_search")).toBeLessThan(4.5);
    expect(manifest.planted.socialRoas.actual).toBeCloseTo(roas("social"), 4);
  });

  it("support breaches its targets: chat p90 > 30 s, tickets late, CSAT < 95%, a backlog week", () => {
    const { tickets } = rows;
    const chatSeconds = tickets
      .filter((t) => t.channel === "chat" && t.first_response_at)
      .map((t) => (at(t.first_response_at) - at(t.created_at)) / 1000);
    const median = nearestRank(chatSeconds, 0.5);
    const p90 = nearestRank(chatSeconds, 0.9);
    expect(median).toBeGreaterThanOrEqual(10);
    expect(median).toBeLessThanOrEqual(20);
    expect(p90).toBeGreaterThanOrEqual(40);
    expect(p90).toBeLessThanOrEqual(60);
    expect(manifest.planted.chatFirstResponse).toMatchObject({ medianSeconds: median, p90Seconds: p90 });

    const within = (ts: Rec[]) => {
      const due = ts.filter((t) => t.channel !== "chat" && at(t.created_at) + 24 * HOUR <= END);
      const onTime = due.filter((t) => t.first_response_at && at(t.first_response_at) - at(t.created_at) <= 24 * HOUR);
      return onTime.length / due.length;
    };
    const share = within(tickets);
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.92);
    expect(manifest.planted.ticketFirstResponse.actual).toBeCloseTo(share, 4);
    const { from, to } = manifest.planted.supportBacklog;
    const inWeek = (t: Rec) => (t.created_at ?? "") >= from && (t.created_at ?? "").slice(0, 10) <= to;
    expect(within(tickets.filter(inWeek))).toBeLessThan(0.6);
    expect(within(tickets.filter((t) => !inWeek(t)))).toBeGreaterThan(0.85);

    const ratings = tickets.filter((t) => t.rating).map((t) => Number(t.rating));
    const csat = ratings.filter((r) => r >= 4).length / ratings.length;
    expect(csat).toBeGreaterThan(0.9);
    expect(csat).toBeLessThan(0.93);
    expect(manifest.planted.csat.actual).toBeCloseTo(csat, 4);
  });
});
