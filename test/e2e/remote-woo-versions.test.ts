/**
 * A WooCommerce site older than 9.6 (no brands taxonomy) through the built CLI: a catalog with brands
 * imports with exit 0, says once that brands become a "Brand" attribute, asks for the missing route
 * once, and a second import changes nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeNativeCatalogCsv } from "../../scripts/lib/catalog-bench-data.js";
import type { FakeWoo } from "../fakes/woocommerce.js";
import { CALM_HTTP, cli, expectedCatalog, leakedSecrets, type RemoteFake, startRemote, writeConfig } from "../helpers/remote.js";

const root = mkdtempSync(join(tmpdir(), "merchops-woo-versions-"));
const csv = join(root, "catalog.csv");
const fakes: RemoteFake[] = [];
beforeAll(async () => {
  await writeNativeCatalogCsv(csv, 30, 3);
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  rmSync(root, { recursive: true, force: true });
});

describe("WooCommerce 9.4 (no brands route)", () => {
  it("takes a catalog with brands: Brand attributes, said once, route asked once, a repeat changes nothing", {
    timeout: 300_000,
  }, async () => {
    const f = await startRemote("woocommerce", { wooVersion: "9.4" });
    fakes.push(f);
    const dir = mkdtempSync(join(root, "wc94-"));
    writeConfig(dir, { shop: f.store(CALM_HTTP) });
    const first = await cli(["catalog", "import", csv, "--store", "shop", "--json", "--verbose"], { cwd: dir, env: f.env });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr.match(/has no brands \(added in 9\.6\)/g)).toHaveLength(1);
    const woo = f.server as FakeWoo;
    expect(woo.log.filter((l) => l.path.endsWith("/products/brands"))).toHaveLength(1);
    const products = woo.dump();
    expect(products.length).toBe(expectedCatalog(csv).length);
    expect(products.length).toBeGreaterThan(1);
    for (const p of products) expect(p.brands).toBeUndefined();
    // Products whose row names a vendor carry it as the Brand attribute, one value, not a variation axis.
    const branded = products.flatMap((p) => p.attributes.filter((a) => a.name === "Brand"));
    expect(branded.length).toBeGreaterThan(products.length / 2);
    for (const a of branded) expect(a).toMatchObject({ variation: false, visible: true, options: [expect.any(String)] });
    const writes = woo.state.writes;
    const second = await cli(["catalog", "import", csv, "--store", "shop", "--json"], { cwd: dir, env: f.env });
    expect(second.exitCode, second.stderr).toBe(0);
    expect(woo.state.writes).toBe(writes);
    expect(leakedSecrets([first, second], dir, f.secrets())).toEqual([]);
  });
});
