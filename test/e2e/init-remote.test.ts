/** merchops init for remote stores: secrets as env:NAME references only, and the user told which to set. */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli, tempDir } from "../helpers/cli.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function configIn(dir: string): { defaultStore: string; stores: Record<string, Record<string, string>> } {
  return parse(readFileSync(join(dir, "merchops.config.yaml"), "utf8")) as never;
}

describe("merchops init, remote platforms", () => {
  it("shopify: the token is an env reference with a default name derived from the store, and the user is told to set it", async () => {
    const dir = join(tmp.dir, "shopify");
    mkdirSync(dir);
    const r = await runCli(
      [
        "init",
        "--store-name",
        "main-shop",
        "--platform",
        "shopify",
        "--address",
        "acme.myshopify.com",
        "--currency",
        "USD",
        "--timezone",
        "America/New_York",
      ],
      { cwd: dir },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(configIn(dir).stores["main-shop"]).toEqual({
      platform: "shopify",
      shop: "acme.myshopify.com",
      token: "env:MAIN_SHOP_SHOPIFY_TOKEN",
    });
    expect(r.stderr).toMatch(/set MAIN_SHOP_SHOPIFY_TOKEN in the environment/);
    expect(r.stderr).toMatch(/merchops adapters check/);
    // The config is valid as written: without the variable the store names what is missing.
    const check = await runCli(["adapters", "check"], { cwd: dir, env: { MAIN_SHOP_SHOPIFY_TOKEN: undefined } });
    expect(check.exitCode).toBe(2);
    expect(check.stderr).toMatch(/MAIN_SHOP_SHOPIFY_TOKEN/);
  });

  it("woocommerce and youzan: each secret under the names given; identifiers written as given", async () => {
    const wc = join(tmp.dir, "wc");
    mkdirSync(wc);
    const a = await runCli(
      [
        "init",
        "--store-name",
        "wc",
        "--platform",
        "woocommerce",
        "--address",
        "https://shop.example",
        "--key-env",
        "WC_KEY",
        "--secret-env",
        "WC_SECRET",
      ],
      { cwd: wc },
    );
    expect(a.exitCode, a.stderr).toBe(0);
    expect(configIn(wc).stores.wc).toEqual({
      platform: "woocommerce",
      url: "https://shop.example",
      key: "env:WC_KEY",
      secret: "env:WC_SECRET",
    });
    expect(a.stderr).toMatch(/set WC_KEY and WC_SECRET/);

    const yz = join(tmp.dir, "yz");
    mkdirSync(yz);
    const b = await runCli(["init", "--store-name", "yz", "--platform", "youzan", "--client-id", "abc123", "--kdt-id", "44001234"], {
      cwd: yz,
    });
    expect(b.exitCode, b.stderr).toBe(0);
    expect(configIn(yz).stores.yz).toEqual({
      platform: "youzan",
      clientId: "abc123",
      clientSecret: "env:YZ_YOUZAN_CLIENT_SECRET",
      kdtId: "44001234",
    });
  });

  it("names the flags a remote platform needs when it cannot ask (exit 2), and refuses a bad variable name", async () => {
    const dir = join(tmp.dir, "missing");
    mkdirSync(dir);
    const r = await runCli(["init", "--store-name", "s", "--platform", "shopify"], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--address/);
    const bad = await runCli(
      ["init", "--store-name", "s", "--platform", "shopify", "--address", "a.myshopify.com", "--token-env", "not a name"],
      { cwd: dir },
    );
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--token-env "not a name" is not an environment variable name/);
    expect(() => readFileSync(join(dir, "merchops.config.yaml"))).toThrow();
  });
});
