/**
 * `merchops prices snapshot --query 连衣裙` with Taobao, JD and Pinduoduo sources and a spreadsheet, as
 * cron runs it: the built binary against fakes of the three affiliate APIs on 127.0.0.1. A merged
 * TOP10 is stored; the report renders as table, xlsx and html with the price after coupon, sales and
 * the best seller; one source failing is exit 5 with the others stored; --verbose logs are masked.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialsEnv } from "../fakes/marketplaces/gateway.js";
import { type FakeJd, startFakeJd } from "../fakes/marketplaces/jd/index.js";
import { type FakePdd, startFakePdd } from "../fakes/marketplaces/pdd/index.js";
import { type FakeTaobao, startFakeTaobao } from "../fakes/marketplaces/taobao/index.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { expectContract } from "../helpers/schemas.js";

const tmp = tempDir("merchops-markets-e2e-");
let tb: FakeTaobao;
let jd: FakeJd;
let pdd: FakePdd;
let env: Record<string, string>;

beforeAll(async () => {
  [tb, jd, pdd] = await Promise.all([startFakeTaobao(), startFakeJd(), startFakePdd()]);
  env = credentialsEnv(tb, jd, pdd);
  writeFileSync(
    join(tmp.dir, "merchops.config.yaml"),
    `prices:
  delayMs: 0
  mapping: { 连衣裙: DR001 }
  sources:
    tb: { type: taobao, appKey: env:TB_KEY, appSecret: env:TB_SECRET, adzoneId: env:TB_ADZONE, gateway: "${tb.url}/router/rest", retries: 1 }
    jd: { type: jd, appKey: env:JD_KEY, appSecret: env:JD_SECRET, gateway: "${jd.url}/routerjson", retries: 1 }
    pdd: { type: pdd, appKey: env:PDD_ID, appSecret: env:PDD_SECRET, pid: env:PDD_PID, gateway: "${pdd.url}/api/router", retries: 1 }
    manual: { type: spreadsheet, file: competitors.csv }
`,
  );
  writeFileSync(
    join(tmp.dir, "competitors.csv"),
    "query,rank,competitor,title,url,price,promotion\n连衣裙,1,线下店,手工连衣裙,https://shop.example/p/1,¥199,满199减20\n",
  );
});
afterAll(async () => {
  await Promise.all([tb.close(), jd.close(), pdd.close()]);
  tmp.cleanup();
});

const cli = (args: string[], now = "2026-12-07T10:00:00+08:00", extra: Record<string, string> = {}) =>
  runCli(args, { cwd: tmp.dir, env: { MERCHOPS_NOW: now, ...env, ...extra } });

interface Entry {
  source: string;
  competitor: string;
  url: string;
  price: number | null;
  final_price: number | null;
  sales: number | null;
}

describe("prices snapshot with Taobao, JD, Pinduoduo and a spreadsheet (built binary)", () => {
  it("stores a merged TOP10 (exit 0) and the report renders table, xlsx and html", async () => {
    const r = await cli(["prices", "snapshot", "--query", "连衣裙", "--allow-private", "--json"]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.exitCode).toBe(0);
    const json = expectContract<{ partial: boolean; snapshots: { entries: Entry[]; notes: string[] }[] }>("prices-snapshot", r.stdout);
    const entries = json.snapshots[0]?.entries ?? [];
    expect(entries).toHaveLength(10);
    expect(new Set(entries.map((e) => e.source))).toEqual(new Set(["tb", "jd", "pdd", "manual"]));
    expect(entries.filter((e) => e.source !== "manual").every((e) => e.sales !== null && e.competitor !== e.source)).toBe(true);
    expect(entries.some((e) => e.final_price !== null && e.price !== null && e.final_price < e.price)).toBe(true);
    expect(entries.every((e) => !/s\.click|union-click|p\.pinduoduo/.test(e.url))).toBe(true);

    // --wide: every column in full, so the assertions do not depend on the table's layout.
    const table = await cli(["prices", "report", "--query", "连衣裙", "--wide"], "2026-12-07T11:00:00+08:00");
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/After coupon/);
    expect(table.stdout).toMatch(/★ best seller/);
    expect(table.stdout).toMatch(/what buyers pay/);

    const html = await cli(["prices", "report", "--format", "html", "--out", "prices.html"], "2026-12-07T11:00:00+08:00");
    expect(html.exitCode).toBe(0);
    const page = readFileSync(join(tmp.dir, "prices.html"), "utf8");
    expect(page).toContain("After coupon");
    expect(page.match(/<tr class="highlight">/g)).toHaveLength(1);

    const xlsx = await cli(["prices", "report", "--out", "prices.xlsx"], "2026-12-07T11:00:00+08:00");
    expect(xlsx.exitCode).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp.dir, "prices.xlsx"));
    const offers = wb.worksheets.find((w) => /offers/i.test(w.name));
    if (!offers) throw new Error("no offers sheet");
    const header = (offers.getRow(1).values as unknown[]).map(String);
    const bestCol = header.indexOf("Best seller");
    expect(header).toContain("After coupon");
    expect(header).toContain("Sales");
    const marked: number[] = [];
    offers.eachRow((row, n) => {
      if (n > 1 && String(row.getCell(bestCol).value ?? "").includes("best seller")) marked.push(n);
    });
    expect(marked).toHaveLength(1);
    const fill = offers.getRow(marked[0] as number).getCell(1).fill as { fgColor?: { argb?: string } };
    expect(fill.fgColor?.argb).toBe("FFFFF2CC");
  });

  it("one source failing (JD's secret wrong): exit 5, the others stored, the secret masked in --verbose", async () => {
    const r = await cli(
      ["prices", "snapshot", "--query", "连衣裙", "--allow-private", "--json", "--verbose"],
      "2026-12-08T10:00:00+08:00",
      { JD_SECRET: "wrong-jd-secret-value" },
    );
    expect(r.exitCode).toBe(5);
    const json = expectContract<{ partial: boolean; snapshots: { entries: Entry[]; failures: { source: string }[] }[] }>(
      "prices-snapshot",
      r.stdout,
    );
    expect(json.partial).toBe(true);
    expect(json.snapshots[0]?.failures.map((f) => f.source)).toEqual(["jd"]);
    expect(new Set(json.snapshots[0]?.entries.map((e) => e.source))).toEqual(new Set(["tb", "pdd", "manual"]));
    expect(r.stderr).toMatch(/1 of 4 sources failed \(jd\)/);
    expect(r.stderr).toMatch(/signature was refused/);
    // --verbose logs each request, masked: no secret, key or id of any account.
    expect(r.stderr).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/router\/rest/);
    for (const value of ["wrong-jd-secret-value", tb.appSecret, tb.appKey, jd.appKey, pdd.clientId, pdd.clientSecret, tb.adzoneId])
      expect(r.stderr + r.stdout).not.toContain(value);
  });
});
