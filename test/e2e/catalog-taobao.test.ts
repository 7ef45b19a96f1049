/**
 * Issue 19 end to end: 淘宝助理 exports import with no mapping and no error; a store exported in the
 * taobao layout re-imports unchanged (the round trip); Chinese ERP sheets and a legacy .xls import
 * as they are; a sheet without prices is refused in one line; --json prints a JSON document even
 * when the file itself is refused.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, importCatalog, importOk, localStores } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";

const t = localStores(["source", "copy", "erp"]);
const cwd = t.dir;
afterAll(() => t.cleanup());

const cn = (name: string) => fixture(join("cn", name));

async function exportTo(out: string, store: string, dialect: string): Promise<Buffer> {
  const r = await runCli(["catalog", "export", "--out", out, "--quiet", "--store", store, "--to-format", dialect], { cwd });
  expect(r.exitCode, r.stderr).toBe(0);
  return readFileSync(join(cwd, out));
}

describe("淘宝助理 round trip", () => {
  it("imports every generation into one store, then exports 淘宝助理's own layout that re-imports unchanged", async () => {
    for (const f of ["taobao-v5-utf16le.csv", "taobao-v5-utf16be.csv", "taobao-v6-zh-first-utf8.csv", "taobao-v4-gbk.csv"]) {
      const json = await importOk(cwd, [cn(f), "--store", "source", "--dry-run"]);
      expect(json.files[0]?.dialect).toBe("taobao");
      expect(json.error_count).toBe(0);
      expect(json.products.create).toBe(3);
      expect(json.variants.create).toBe(7);
    }
    const first = await importOk(cwd, [cn("taobao-v5-utf16le.csv"), "--store", "source"]);
    expect(first.products.create).toBe(3);

    const file = await exportTo("taobao-out.csv", "source", "taobao");
    expect([...file.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = file.subarray(2).toString("utf16le");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("version 1.00");
    expect(lines[1]?.split("\t").slice(0, 3)).toEqual(["title", "cid", "seller_cids"]);
    expect(lines[2]?.split("\t").slice(0, 3)).toEqual(["宝贝名称", "宝贝类目", "店铺类目"]);
    expect(text).toContain("曜石黑");

    // Into an empty store: the same catalog as the source.
    const copy = await importOk(cwd, ["taobao-out.csv", "--store", "copy"]);
    expect(copy.error_count).toBe(0);
    expect(copy.products.create).toBe(3);
    const source = (await exportTo("source-native.csv", "source", "native")).toString("utf8");
    const copied = (await exportTo("copy-native.csv", "copy", "native")).toString("utf8");
    expect(copied).toBe(source);

    // Back into the source: nothing changes.
    const again = await importOk(cwd, ["taobao-out.csv", "--store", "source"]);
    expect(again.products).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    expect(again.variants).toMatchObject({ create: 0, update: 0, delete: 0 });
  });
});

describe("ERP and supplier sheets as they are", () => {
  it("import with warnings only, no mapping", async () => {
    for (const f of ["erp-jushuitan.csv", "supplier-en-wholesale.csv", "grocery-spec.csv", "jxc-goods.xls"]) {
      const { r, json } = await importCatalog(cwd, [cn(f), "--store", "erp", "--dry-run"]);
      expect(r.exitCode, `${f}\n${r.stderr}`).toBe(0);
      expect(json?.error_count).toBe(0);
    }
  });

  it("refuses a sheet without prices in one line, and --json still prints a JSON document", async () => {
    const { r } = await importCatalog(cwd, [cn("no-prices.csv"), "--store", "erp", "--dry-run"]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("error:"))).toEqual([
      `error: ${cn("no-prices.csv")}, row 1: required column missing: "price" (or 售价 / 售價 / 价格)`,
    ]);
    const doc = JSON.parse(r.stdout) as { ok: boolean; exit_code: number; error: { file: string; row: number; message: string } };
    expect(doc).toMatchObject({ ok: false, exit_code: 3, error: { file: cn("no-prices.csv"), row: 1 } });
    expect(doc.error.message).toContain("required column missing");
  });
});
