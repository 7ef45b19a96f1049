/**
 * `merchops init` at a terminal (a pseudo-terminal driven key by key): each answer is checked as it
 * is entered and a bad one is asked again on its own, the others kept.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempDir } from "../helpers/cli.js";
import { ptyUnavailable, runInPty } from "../helpers/pty.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const why = ptyUnavailable();

describe.skipIf(why !== undefined)(`init prompts in a terminal${why ? ` (skipped: ${why})` : ""}`, () => {
  it("re-asks a bad store name, a typo'd time zone and rmb, offering my-shop, Asia/Shanghai and CNY; keeps every other answer", async () => {
    const t = runInPty(["init"], { cwd: tmp.dir });
    try {
      await t.answer("Store name", "my shop");
      await t.waitFor('store name "my shop" has characters other than letters, digits, - and _');
      await t.waitFor("did you mean my-shop?");
      // Asked again with the suggestion as the default: Enter takes it.
      await t.answer("Store name (my-shop)");
      await t.answer("Where is the data?"); // files, the first choice
      await t.answer("Folder of exports (./exports)");
      await t.answer("Time zone", "Asia/Shanghia");
      await t.waitFor('unknown time zone "Asia/Shanghia"');
      await t.waitFor("did you mean Asia/Shanghai?");
      await t.answer("Time zone (Asia/Shanghai)");
      await t.answer("Currency", "rmb");
      await t.waitFor('"rmb" is not an ISO 4217 currency code');
      await t.waitFor("did you mean CNY?");
      await t.answer("Currency (CNY)");
      // The exports folder does not exist: init offers to create it, with a template first.
      await t.answer("./exports does not exist yet");
      await t.waitFor('adapters check: store "my-shop" (files) ok');
      await t.waitFor("try: merchops kpi report");
      expect(await t.exited).toBe(0);
    } finally {
      t.kill();
    }
    const config = parse(readFileSync(join(tmp.dir, "merchops.config.yaml"), "utf8")) as {
      defaultStore: string;
      timezone: string;
      currency: string;
      stores: Record<string, { platform: string; dir: string }>;
    };
    expect(config).toMatchObject({ defaultStore: "my-shop", timezone: "Asia/Shanghai", currency: "CNY" });
    expect(config.stores["my-shop"]).toMatchObject({ platform: "files", dir: "./exports" });
    expect(readFileSync(join(tmp.dir, "exports", "orders.csv"), "utf8")).toMatch(/order_id/);
  });

  it("shopify: an empty shop domain is refused in place; a bare shop name offers its myshopify.com domain", async () => {
    const dir = join(tmp.dir, "shopify");
    mkdirSync(dir);
    const t = runInPty(["init", "--store-name", "acme", "--platform", "shopify", "--timezone", "UTC", "--currency", "USD"], {
      cwd: dir,
      env: { ACME_SHOPIFY_TOKEN: undefined },
    });
    try {
      // An example, not a default: shown dim while nothing is typed, never submitted.
      await t.answer("e.g. acme.myshopify.com");
      await t.waitFor("the shop domain is empty");
      await t.answer("Shop domain", "acme");
      await t.waitFor('"acme" is not a shop domain');
      await t.answer("Shop domain (acme.myshopify.com)");
      await t.answer("Name of the env var that will hold the access token (ACME_SHOPIFY_TOKEN)");
      await t.waitFor("set ACME_SHOPIFY_TOKEN in the environment");
      expect(await t.exited).toBe(0);
    } finally {
      t.kill();
    }
    const config = parse(readFileSync(join(dir, "merchops.config.yaml"), "utf8")) as { stores: Record<string, unknown> };
    expect(config.stores.acme).toEqual({ platform: "shopify", shop: "acme.myshopify.com", token: "env:ACME_SHOPIFY_TOKEN" });
  });
});
