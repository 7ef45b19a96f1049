/**
 * Third-party adapters named in config `plugins`: loaded with import(), shape-checked, refused
 * with a ConfigError naming plugins[i] when broken, and usable through RunContext.openStore.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { AdapterRegistry, shapeProblem } from "../../src/adapters/registry.js";
import { loadConfig } from "../../src/config/load.js";
import { ConfigError, ExitCode, UsageError } from "../../src/core/errors.js";
import type { Order } from "../../src/core/model.js";
import { RunContext, silentProgress } from "../../src/services/context.js";
import { DEMO_NOW, REPO } from "../helpers/cli.js";

const PLUGINS = join(REPO, "test", "fixtures", "plugins");
const EXAMPLE_PLATFORM = join(PLUGINS, "example-platform.mjs");
const EXAMPLE_COURIER = join(PLUGINS, "example-courier.mjs");
const NOT_AN_ADAPTER = join(PLUGINS, "not-an-adapter.mjs");

const root = mkdtempSync(join(tmpdir(), "merchops-plugins-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let seq = 0;
/** Writes a plugin module to a temp file. It avoids zod (not resolvable from the temp dir): a schema is anything with safeParse. */
function pluginFile(source: string): string {
  const file = join(root, `plugin${++seq}.mjs`);
  writeFileSync(file, source);
  return file;
}
const FAKE_SCHEMA = "{ safeParse: (v) => ({ success: true, data: v }) }";

async function loadError(specs: string[], baseDir = REPO): Promise<ConfigError> {
  const registry = new AdapterRegistry();
  const e = await registry.loadPlugins(specs, "merchops.config.yaml", baseDir).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ConfigError);
  expect((e as ConfigError).exitCode).toBe(ExitCode.usage);
  return e as ConfigError;
}

// Good plugins register beside the built-ins, by absolute or config-relative path.
describe("AdapterRegistry.loadPlugins", () => {
  it("registers the example platform and courier, remembering where they came from", async () => {
    const registry = new AdapterRegistry();
    expect(registry.platformNames()).toEqual(["files", "local", "shopify", "woocommerce", "youzan"]);
    await registry.loadPlugins([EXAMPLE_PLATFORM, EXAMPLE_COURIER], "merchops.config.yaml", root);
    expect(registry.platformNames()).toEqual(["example-erp", "files", "local", "shopify", "woocommerce", "youzan"]);
    expect(registry.courierNames()).toContain("example-track");
    expect(registry.hasPlatform("example-erp")).toBe(true);
    expect(registry.origin("example-erp")).toBe(EXAMPLE_PLATFORM);
    expect(registry.origin("local")).toBe("built-in");
    const def = await registry.platform("example-erp");
    expect(def.kind).toBe("platform");
    expect(def.capabilities).toEqual(["orders.read"]);
    const courier = await registry.courier("example-track");
    expect(courier.maxBatch).toBe(2);
  });

  it("resolves ./relative paths against the config file's folder", async () => {
    const registry = new AdapterRegistry();
    await registry.loadPlugins(["./example-platform.mjs"], "merchops.config.yaml", PLUGINS);
    expect(registry.hasPlatform("example-erp")).toBe(true);
  });

  it("a missing file: cannot load adapter, naming plugins[i]", async () => {
    const e = await loadError([EXAMPLE_COURIER, "./adapters/nope.mjs"], root);
    expect(e.key).toBe("plugins[1]");
    expect(e.message).toContain('cannot load adapter "./adapters/nope.mjs"');
    expect(e.hint).toMatch(/check the path/);
    expect((await loadError(["./nope.mjs"], root)).key).toBe("plugins[0]");
  });

  it("a package that is not installed: the hint says how to install it", async () => {
    const e = await loadError(["merchops-adapter-surely-not-installed"]);
    expect(e.key).toBe("plugins[0]");
    expect(e.message).toContain("cannot load adapter");
    expect(e.hint).toContain("npm install merchops-adapter-surely-not-installed");
  });

  it("a module that is not an adapter is refused with the shape problem", async () => {
    const e = await loadError([NOT_AN_ADAPTER]);
    expect(e.key).toBe("plugins[0]");
    expect(e.message).toMatch(/cannot load adapter ".*not-an-adapter\.mjs": kind must be "platform" or "courier"/);
    expect(e.hint).toMatch(/definePlatform/);
  });

  it("a module that throws while loading is refused, not a crash", async () => {
    const e = await loadError([pluginFile('throw new Error("boom at import");\n')]);
    expect(e.message).toMatch(/cannot load adapter .*boom at import/);
  });

  it("a plugin named like a built-in (local) is refused", async () => {
    const clash = pluginFile(
      `export default { kind: "platform", name: "local", description: "impostor", capabilities: ["orders.read"], configSchema: ${FAKE_SCHEMA}, create() { return { capabilities: [] }; } };\n`,
    );
    const e = await loadError([clash]);
    expect(e.key).toBe("plugins[0]");
    expect(e.message).toContain('is named "local", which is already taken by built-in');
  });

  it("two plugins with the same name: the second is refused, naming the first", async () => {
    const e = await loadError([EXAMPLE_PLATFORM, join(PLUGINS, ".", "example-platform.mjs")]);
    expect(e.key).toBe("plugins[1]");
    expect(e.message).toContain(`already taken by ${EXAMPLE_PLATFORM}`);
  });

  it("an unknown capability is refused by name", async () => {
    const file = pluginFile(
      `export const adapter = { kind: "platform", name: "teleporter", description: "x", capabilities: ["orders.read", "teleport"], configSchema: ${FAKE_SCHEMA}, create() { return { capabilities: [] }; } };\n`,
    );
    const e = await loadError([file]);
    expect(e.message).toContain("unknown capabilities: teleport");
  });

  it("accepts a named `adapter` export as well as a default one", async () => {
    const file = pluginFile(
      `export const adapter = { kind: "courier", name: "named-export", description: "x", couriers: ["sf"], maxBatch: 5, configSchema: ${FAKE_SCHEMA}, create() { return { async track(b) { return []; } }; } };\n`,
    );
    const registry = new AdapterRegistry();
    await registry.loadPlugins([file], "merchops.config.yaml", root);
    expect(registry.courierNames()).toContain("named-export");
  });
});

// The shape check behind "cannot load": every field a definition needs.
describe("shapeProblem", () => {
  const base = {
    kind: "platform",
    name: "ok-name",
    description: "x",
    capabilities: ["orders.read"],
    configSchema: { safeParse: () => ({}) },
    create: () => ({}),
  };
  it.each([
    ["nothing exported", undefined, /exports no adapter definition/],
    ["a wrong kind", { ...base, kind: "shipping" }, /kind must be/],
    ["an upper-case name", { ...base, name: "MyErp" }, /lower-case identifier/],
    ["no create()", { ...base, create: "nope" }, /create must be a function/],
    ["no zod schema", { ...base, configSchema: {} }, /configSchema must be a zod schema/],
    ["capabilities not a list", { ...base, capabilities: "orders.read" }, /capabilities must be a list/],
    ["a courier without couriers", { ...base, kind: "courier", couriers: undefined, maxBatch: 1 }, /couriers must be a list/],
    ["a courier with maxBatch 0", { ...base, kind: "courier", couriers: ["sf"], maxBatch: 0 }, /maxBatch must be a positive number/],
  ])("%s", (_, def, problem) => {
    expect(shapeProblem(def)).toMatch(problem);
  });

  it("a complete definition has no problem", () => {
    expect(shapeProblem(base)).toBeNull();
  });
});

// Through RunContext: a store on a plugin platform lists orders; a capability it lacks is exit 2.
describe("RunContext.openStore with a plugin platform", () => {
  const contexts: RunContext[] = [];
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    vi.unstubAllEnvs();
  });

  function run(configText: string): RunContext {
    const dir = join(root, `run${++seq}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "merchops.config.yaml"), configText);
    const ctx = new RunContext({
      loaded: loadConfig({ cwd: dir }),
      log: { info: () => {}, warn: () => {}, debug: () => {} },
      progress: silentProgress,
      now: () => new Date(DEMO_NOW),
      statePath: join(dir, "state.db"),
    });
    contexts.push(ctx);
    return ctx;
  }

  const CONFIG = `plugins:\n  - ${JSON.stringify(EXAMPLE_PLATFORM)}\nstores:\n  erp:\n    platform: example-erp\n    token: env:MERCHOPS_TEST_ERP_TOKEN\ndefaultStore: erp\n`;

  it("opens the store and lists its orders", async () => {
    vi.stubEnv("MERCHOPS_TEST_ERP_TOKEN", "erp-token-value");
    const ctx = run(CONFIG);
    const store = await ctx.openStore(undefined, ["orders.read"]);
    expect(store).toMatchObject({ name: "erp", platform: "example-erp", currency: "CNY" });
    const orders: Order[] = [];
    for await (const o of store.adapter.listOrders?.({}) ?? []) orders.push(o);
    expect(orders.map((o) => o.id)).toEqual(["X1", "X2"]);
    const ranged: Order[] = [];
    for await (const o of store.adapter.listOrders?.({ since: new Date("2026-11-21T00:00:00+08:00") }) ?? []) ranged.push(o);
    expect(ranged.map((o) => o.id)).toEqual(["X2"]);
  });

  it("a capability the plugin lacks is a usage error (exit 2) naming it", async () => {
    vi.stubEnv("MERCHOPS_TEST_ERP_TOKEN", "erp-token-value");
    const ctx = run(CONFIG);
    const e = await ctx.openStore("erp", ["orders.read", "returns.read"]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).exitCode).toBe(2);
    expect((e as UsageError).message).toContain('store "erp" (example-erp) cannot do returns.read');
  });

  it("the plugin's own config schema is applied: an unknown store key is a config error", async () => {
    vi.stubEnv("MERCHOPS_TEST_ERP_TOKEN", "erp-token-value");
    const ctx = run(
      `plugins:\n  - ${JSON.stringify(EXAMPLE_PLATFORM)}\nstores:\n  erp:\n    platform: example-erp\n    token: env:MERCHOPS_TEST_ERP_TOKEN\n    tokne: x\n`,
    );
    const e = await ctx.openStore("erp", ["orders.read"]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).key).toBe("stores.erp.tokne");
  });

  it("an unset env: reference is a config error naming the variable, before the plugin runs", async () => {
    vi.stubEnv("MERCHOPS_TEST_ERP_TOKEN", undefined);
    const ctx = run(CONFIG);
    const e = await ctx.openStore("erp", ["orders.read"]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).message).toContain("MERCHOPS_TEST_ERP_TOKEN is not set");
  });

  it("without the plugins entry the platform is unknown (exit 2)", async () => {
    const ctx = run("stores:\n  erp:\n    platform: example-erp\n    token: env:MERCHOPS_TEST_ERP_TOKEN\n");
    const e = await ctx.openStore("erp", ["orders.read"]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).exitCode).toBe(2);
    expect((e as ConfigError).message).toContain('unknown platform "example-erp"');
  });

  it("a broken plugin entry surfaces from openStore as the loader's ConfigError", async () => {
    const ctx = run(`plugins:\n  - ${JSON.stringify(NOT_AN_ADAPTER)}\n`);
    const e = await ctx.openStore(undefined, ["orders.read"]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).key).toBe("plugins[0]");
  });
});
