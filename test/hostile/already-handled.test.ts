/**
 * Hostile classes handled before issue 13 (reliability.md §3), kept here so they stay handled:
 * prototype-polluting headers, YAML alias bombs, formula injection in exports.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { openTable } from "../../src/io/read-table.js";
import { importCatalog, localStores } from "../helpers/catalog.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { FORMULA_TITLES, PROTOTYPE_HEADERS, yamlAliasBomb } from "./generators.js";

const t = tempDir("merchops-hostile-old-");
afterAll(() => t.cleanup());

describe("classes handled before", () => {
  it.each(PROTOTYPE_HEADERS)("a %j header is refused, and Object.prototype stays clean", async (name) => {
    const p = join(t.dir, `proto-${PROTOTYPE_HEADERS.indexOf(name)}.csv`);
    writeFileSync(p, `sku,${name}\nA1,{"polluted":true}\n`);
    const err = await openTable(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a YAML alias bomb in the config is refused quickly (exit 2)", async () => {
    const dir = join(t.dir, "alias");
    mkdirSync(dir);
    writeFileSync(join(dir, "merchops.config.yaml"), yamlAliasBomb());
    const r = await runCli(["adapters", "list"], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/alias/i);
  });

  it("formula triggers in product titles are neutralized in a CSV export", async () => {
    const stores = localStores(["shop"]);
    try {
      const rows = [["handle", "title", "sku", "price"], ...FORMULA_TITLES.map((title, i) => [`f-${i}`, title, `F-${i}`, "1.00"])];
      writeFileSync(join(stores.dir, "f.csv"), stringify(rows));
      const { r } = await importCatalog(stores.dir, ["f.csv", "--store", "shop"]);
      expect(r.exitCode, r.stderr).toBe(0);
      const out = await runCli(["catalog", "export", "--store", "shop", "--out", "out.csv"], { cwd: stores.dir });
      expect(out.exitCode, out.stderr).toBe(0);
      const text = readFileSync(join(stores.dir, "out.csv"), "utf8");
      for (const title of FORMULA_TITLES) {
        expect(text.includes(`,${title},`) || text.includes(`,"${title}",`), `raw ${JSON.stringify(title)}`).toBe(false);
      }
    } finally {
      stores.cleanup();
    }
  });
});
