/**
 * The adapter registry: built-ins in one explicit list (lazy imports, so `merchops --help` loads
 * none of them), plus third-party adapters named in config `plugins`, loaded with import() and
 * shape-checked before anything calls them.
 */
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";
import type { CourierDefinition } from "./courier.js";
import { PLATFORM_CAPABILITIES, type PlatformDefinition } from "./platform.js";

type Loader<T> = () => Promise<T>;

/** A remote platform's definition, marked so reports read its synced orders (PlatformDefinition.remote). */
const remote = (def: unknown): PlatformDefinition => ({ ...(def as PlatformDefinition), remote: true });

const BUILT_IN_PLATFORMS: Record<string, Loader<PlatformDefinition>> = {
  local: async () => (await import("./platforms/local/index.js")).default as PlatformDefinition,
  files: async () => (await import("./platforms/files/index.js")).default as PlatformDefinition,
  shopify: async () => remote((await import("./platforms/shopify/index.js")).default),
  woocommerce: async () => remote((await import("./platforms/woocommerce/index.js")).default),
  youzan: async () => remote((await import("./platforms/youzan/index.js")).default),
};

const BUILT_IN_COURIERS: Record<string, Loader<CourierDefinition>> = {
  file: async () => (await import("./couriers/file/index.js")).default as CourierDefinition,
  kuaidi100: async () => (await import("./couriers/kuaidi100/index.js")).default as CourierDefinition,
  "sf-express": async () => (await import("./couriers/sf-express/index.js")).default as CourierDefinition,
  "seventeen-track": async () => (await import("./couriers/seventeen-track/index.js")).default as CourierDefinition,
  aftership: async () => (await import("./couriers/aftership/index.js")).default as CourierDefinition,
};

export class AdapterRegistry {
  private readonly platforms = new Map<string, Loader<PlatformDefinition>>(Object.entries(BUILT_IN_PLATFORMS));
  private readonly couriers = new Map<string, Loader<CourierDefinition>>(Object.entries(BUILT_IN_COURIERS));
  private readonly origins = new Map<string, string>();

  platformNames(): string[] {
    return [...this.platforms.keys()].sort();
  }

  courierNames(): string[] {
    return [...this.couriers.keys()].sort();
  }

  origin(name: string): string {
    return this.origins.get(name) ?? "built-in";
  }

  hasCourier(name: string): boolean {
    return this.couriers.has(name);
  }

  hasPlatform(name: string): boolean {
    return this.platforms.has(name);
  }

  async platform(name: string): Promise<PlatformDefinition> {
    const load = this.platforms.get(name);
    if (!load) throw new Error(`unknown platform ${name}`);
    return load();
  }

  async courier(name: string): Promise<CourierDefinition> {
    const load = this.couriers.get(name);
    if (!load) throw new Error(`unknown courier ${name}`);
    return load();
  }

  /**
   * Loads the config's `plugins`: npm package names or paths relative to the config file.
   * Each must export (default or named `adapter`) a definePlatform / defineCourier result.
   */
  async loadPlugins(specs: readonly string[], configFile: string, baseDir: string): Promise<void> {
    for (const [i, spec] of specs.entries()) {
      const key = `plugins[${i}]`;
      const isPath = spec.startsWith(".") || isAbsolute(spec);
      const target = isPath ? pathToFileURL(resolve(baseDir, spec)).href : spec;
      let mod: Record<string, unknown>;
      try {
        mod = (await import(target)) as Record<string, unknown>;
      } catch (e) {
        const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
        throw new ConfigError(
          configFile,
          key,
          msg("registry.cannot_load", { spec, reason }),
          isPath ? msg("registry.check_path") : msg("registry.install", { spec }),
        );
      }
      const def = (mod.default ?? mod.adapter) as unknown;
      const problem = shapeProblem(def);
      if (problem) {
        throw new ConfigError(
          configFile,
          key,
          msg("registry.cannot_load", { spec, reason: problem }),
          msg("registry.export_default", { platform: "definePlatform({...})", courier: "defineCourier({...})" }),
        );
      }
      const d = def as PlatformDefinition | CourierDefinition;
      const table = d.kind === "platform" ? this.platforms : this.couriers;
      if (table.has(d.name)) {
        throw new ConfigError(
          configFile,
          key,
          msg("registry.name_taken", { spec, name: d.name, origin: this.origin(d.name) }),
          msg("registry.rename"),
        );
      }
      (table as Map<string, Loader<unknown>>).set(d.name, async () => d);
      this.origins.set(d.name, spec);
    }
  }
}

/** Why a plugin export is not an adapter definition, or null when it is one. */
export function shapeProblem(def: unknown): string | null {
  if (typeof def !== "object" || def === null) return "it exports no adapter definition";
  const d = def as Record<string, unknown>;
  if (d.kind !== "platform" && d.kind !== "courier") return 'kind must be "platform" or "courier"';
  if (typeof d.name !== "string" || !/^[a-z][a-z0-9-]*$/.test(d.name)) return "name must be a lower-case identifier";
  if (typeof d.create !== "function") return "create must be a function";
  const schema = d.configSchema as { safeParse?: unknown } | undefined;
  if (!schema || typeof schema.safeParse !== "function") return "configSchema must be a zod schema";
  if (d.kind === "platform") {
    if (!Array.isArray(d.capabilities)) return "capabilities must be a list";
    const unknown = d.capabilities.filter((c) => !(PLATFORM_CAPABILITIES as readonly unknown[]).includes(c));
    if (unknown.length > 0) return `unknown capabilities: ${unknown.join(", ")}`;
  } else {
    if (!Array.isArray(d.couriers)) return "couriers must be a list of courier codes";
    if (typeof d.maxBatch !== "number" || d.maxBatch < 1) return "maxBatch must be a positive number";
  }
  return null;
}
