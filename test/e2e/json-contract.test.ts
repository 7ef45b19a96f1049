/**
 * Machine output as a contract, end to end: every command's real `--json` output on the demo store
 * (and on a fake Shopify for `orders sync`) validates against its schema twice (zod, and ajv over
 * the committed docs/schemas file); `--format csv` headers are snake_case; timestamps have one
 * format. The spreadsheet price source keeps `prices` offline.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, runCli, tempDir } from "../helpers/cli.js";
import { type RemoteFake, cli as remoteCli, startRemote, writeConfig } from "../helpers/remote.js";
import { expectContract, SNAKE } from "../helpers/schemas.js";

const tmp = tempDir("merchops-contract-");
const pricesDir = tempDir("merchops-contract-prices-");
const remote = tempDir("merchops-contract-remote-");
let shop: RemoteFake;
const run = (args: string[]) => runCli(args, { cwd: tmp.dir });
const runPrices = (args: string[], now?: string) => runCli(args, { cwd: pricesDir.dir, ...(now ? { env: { MERCHOPS_NOW: now } } : {}) });

/** ISO 8601 with an explicit offset, to the second: the one timestamp format. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

/** Every value under a key ending in _at (or named generated_at, since, bookmark...) is a timestamp of the one format. */
function timestampsIn(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === "string" && /_at$/.test(key)) out.push(v);
  };
  walk(doc, "");
  return out;
}

function keysOf(doc: unknown, records: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (!records.includes(key)) out.push(k);
        walk(x, k);
      }
    }
  };
  walk(doc, "");
  return out;
}

beforeAll(async () => {
  writeFileSync(
    join(pricesDir.dir, "merchops.config.yaml"),
    "timezone: Asia/Shanghai\nprices:\n  delayMs: 0\n  mapping: { 连衣裙: DR001 }\n  sources:\n    manual: { type: spreadsheet, file: competitors.csv }\n",
  );
  shop = await startRemote("shopify");
  shop.seedOrders(30);
  writeConfig(remote.dir, { shop: shop.store() });
});
afterAll(async () => {
  await shop.close();
  tmp.cleanup();
  pricesDir.cleanup();
  remote.cleanup();
});

describe("every --json output validates against docs/schemas (zod and ajv)", () => {
  it("kpi report (and --explain): snake_case keys throughout, timestamps with the store's offset", async () => {
    for (const extra of [[], ["--explain"]]) {
      const r = await run(["kpi", "report", "--json", ...extra]);
      expect(r.exitCode, r.stderr).toBe(0);
      const doc = expectContract<{ counts: Record<string, number>; generated_at: string }>("kpi-report", r.stdout);
      expect(doc.counts).toHaveProperty("orders_read");
      expect(doc.generated_at).toBe("2026-11-25T09:00:00+08:00");
      expect(keysOf(doc, ["definitions"]).filter((k) => !SNAKE.test(k))).toEqual([]);
    }
  });

  it("returns audit", async () => {
    const r = await run(["returns", "audit", "--json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = expectContract("returns-audit", r.stdout);
    expect(keysOf(doc, ["issue_counts"]).filter((k) => !SNAKE.test(k))).toEqual([]);
  });

  it("shipments sync and status: tracking_number, and every *_at in the one format", async () => {
    for (const sub of ["sync", "status"]) {
      const r = await run(["shipments", sub, "--json"]);
      expect(r.exitCode, r.stderr).toBe(0);
      const doc = expectContract<{ delayed: Record<string, unknown>[] }>("shipments", r.stdout);
      expect(doc.delayed[0]).toHaveProperty("tracking_number");
      expect(timestampsIn(doc).length).toBeGreaterThan(0);
      expect(timestampsIn(doc).filter((t) => !TIMESTAMP.test(t))).toEqual([]);
    }
  });

  it("shipments import and catalog import (dry runs)", async () => {
    const s = await run(["shipments", "import", join(REPO, "fixtures/shipments/warehouse-zh.csv"), "--dry-run", "--json"]);
    expect(s.exitCode, s.stderr).toBe(0);
    expectContract("shipments-import", s.stdout);
    const c = await run(["catalog", "import", join(REPO, "fixtures/catalog/shopify-products.csv"), "--dry-run", "--json"]);
    expect(c.exitCode, c.stderr).toBe(0);
    expectContract("catalog-import", c.stdout);
  });

  it("catalog import with rejected rows: the issues are located by file, row and column", async () => {
    const r = await run(["catalog", "import", join(REPO, "fixtures/catalog/bad/negative-price.csv"), "--dry-run", "--json"]);
    expect(r.exitCode).toBe(3);
    const doc = expectContract<{ issues: { severity: string; row: number | null }[] }>("catalog-import", r.stdout);
    expect(doc.issues[0]).toMatchObject({ severity: "error" });
  });

  it("catalog export prints a summary of the file it wrote", async () => {
    const r = await run(["catalog", "export", "--out", "products.csv", "--json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(expectContract("catalog-export", r.stdout)).toMatchObject({ format: "native", products: 60, variants: 593 });
    // The CSV on stdout and a JSON summary cannot share it: refused, with the error document.
    const both = await run(["catalog", "export", "-o", "-", "--json"]);
    expect(both.exitCode).toBe(2);
    expect(expectContract("error", both.stdout)).toMatchObject({ error: { type: "UsageError" } });
  });

  it("prices snapshot and prices report, from a spreadsheet source", async () => {
    writeFileSync(
      join(pricesDir.dir, "competitors.csv"),
      "query,rank,competitor,title,url,price,promotion\n连衣裙,1,线下店,手工连衣裙,https://shop.example/p/1,¥199,满199减20\n",
    );
    const first = await runPrices(["prices", "snapshot", "--query", "连衣裙", "--json"], "2026-11-18T09:00:00+08:00");
    expect(first.exitCode, first.stderr).toBe(0);
    const snap = expectContract<{ snapshots: { taken_at: string; entries: Record<string, unknown>[] }[] }>("prices-snapshot", first.stdout);
    expect(snap.snapshots[0]?.taken_at).toBe("2026-11-18T09:00:00+08:00");
    expect(snap.snapshots[0]?.entries[0]).toHaveProperty("promotion_parsed", [{ kind: "threshold", threshold: 19900, amount: 2000 }]);
    writeFileSync(
      join(pricesDir.dir, "competitors.csv"),
      "query,rank,competitor,title,url,price,promotion\n连衣裙,1,线下店,手工连衣裙,https://shop.example/p/1,¥189,\n连衣裙,2,新店,连衣裙,https://shop.example/p/2,¥99,8折\n",
    );
    expect((await runPrices(["prices", "snapshot", "--query", "连衣裙", "--json"])).exitCode).toBe(0);
    const report = await runPrices(["prices", "report", "--json"]);
    expect(report.exitCode, report.stderr).toBe(0);
    const doc = expectContract<{ queries: { changes: unknown[] }[] }>("prices-report", report.stdout);
    expect(doc.queries[0]?.changes.length).toBeGreaterThan(0);
    expect(keysOf(doc).filter((k) => !SNAKE.test(k))).toEqual([]);
  });

  it("digest: findings with is_new, tracking_number, label_zh", async () => {
    const r = await run(["digest", "--json"]);
    expect([0, 4]).toContain(r.exitCode);
    const doc = expectContract("digest", r.stdout);
    expect(keysOf(doc).filter((k) => !SNAKE.test(k))).toEqual([]);
  });

  it("adapters list, adapters check, templates list, files inspect: objects with schema_version, not bare arrays", async () => {
    const cases = [
      [["adapters", "list", "--json"], "adapters-list"],
      [["adapters", "check", "--json"], "adapters-check"],
      [["templates", "list", "--json"], "templates-list"],
      [["files", "inspect", join(REPO, "fixtures/demo-store"), "--json"], "files-inspect"],
    ] as const;
    for (const [args, name] of cases) {
      const r = await run([...args]);
      expect(r.exitCode, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      expect(expectContract(name, r.stdout)).toHaveProperty("schema_version", 1);
    }
  });

  it("state status, migrate and copy (SQLite): documents with their schemas", async () => {
    const status = await run(["state", "status", "--json"]);
    expect(status.exitCode, status.stderr).toBe(0);
    expect(expectContract("state-status", status.stdout)).toMatchObject({ backend: "sqlite", pending: 0, locks: [] });
    const migrate = await run(["state", "migrate", "--json"]);
    expect(migrate.exitCode, migrate.stderr).toBe(0);
    expect(expectContract("state-migrate", migrate.stdout)).toMatchObject({ applied: [] });
    const copy = await run(["state", "copy", "--from", join(tmp.dir, ".merchops/state.db"), "--to", join(tmp.dir, "copy.db"), "--json"]);
    expect(copy.exitCode, copy.stderr).toBe(0);
    const doc = expectContract<{ tables: { rows: number; resumed: boolean }[] }>("state-copy", copy.stdout);
    expect(doc.tables.length).toBeGreaterThan(0);
    expect(doc.tables.every((t) => !t.resumed)).toBe(true);
  });

  it("a failure under --json is the error document", async () => {
    const r = await run(["returns", "audit", "--period", "not-a-period", "--json"]);
    expect(r.exitCode).toBe(2);
    expect(expectContract("error", r.stdout)).toMatchObject({ ok: false, exit_code: 2 });
  });

  it("orders sync of a remote store (fake Shopify), then kpi report with its data_source", async () => {
    const sync = await remoteCli(["orders", "sync", "--store", "shop", "--json"], { cwd: remote.dir, env: shop.env });
    expect(sync.exitCode, sync.stderr).toBe(0);
    const doc = expectContract<{ created: number; bookmark: string }>("orders-sync", sync.stdout);
    expect(doc.created).toBe(30);
    expect(doc.bookmark).toMatch(TIMESTAMP);
    expect(doc.bookmark.endsWith("+08:00")).toBe(true);
    const kpi = await remoteCli(["kpi", "report", "--store", "shop", "--period", "last-30-days", "--json"], {
      cwd: remote.dir,
      env: shop.env,
    });
    expect(kpi.exitCode, kpi.stderr).toBe(0);
    const report = expectContract<{ data_source: { sync_completed_at: string } }>("kpi-report", kpi.stdout);
    expect(report.data_source.sync_completed_at).toMatch(TIMESTAMP);
  });
});

describe("--format csv: headers are snake_case keys, numbers never 17 digits", () => {
  it.each([
    [["kpi", "report"]],
    [["returns", "audit"]],
    [["shipments", "status"]],
    [["digest"]],
    [["adapters", "list"]],
    [["templates", "list"]],
  ])("%s", async (args) => {
    const r = await run([...args, "--format", "csv"]);
    expect([0, 4], r.stderr).toContain(r.exitCode);
    const [header = "", ...lines] = r.stdout.split("\r\n");
    expect(header.split(",").filter((k) => !SNAKE.test(k))).toEqual([]);
    // A float written raw has 15-17 significant digits: 0.23199709776890984.
    expect(lines.join("\n")).not.toMatch(/\d\.\d{6,}/);
  });
});
