/**
 * What every service runs with: the loaded config, the adapter registry, the clock, a logger and
 * a progress reporter (both written by the ui layer), and the state store opened on first use.
 * Opening a store checks its config against the adapter's schema and the capabilities the
 * command needs; both failures are usage errors (exit 2) naming the key or the capability.
 */

import { resolve } from "node:path";
import type { CourierAdapter, CourierDefinition } from "../adapters/courier.js";
import type { AdapterContext, Logger, PlatformAdapter, PlatformCapability, PlatformDefinition } from "../adapters/platform.js";
import { CAPABILITY_METHODS } from "../adapters/platform.js";
import { AdapterRegistry } from "../adapters/registry.js";
import { configIssue, type LoadedConfig, resolveEnvRefs, suggest } from "../config/load.js";
import type { StoreConfig } from "../config/schema.js";
import { zodParseOptions } from "../config/zod-locale.js";
import { ConfigError, InputError, InterruptedError, UsageError } from "../core/errors.js";
import type { Message } from "../core/i18n/index.js";
import { english, msg } from "../core/i18n/index.js";
import type { Order, ReturnRecord } from "../core/model.js";
import { isValidTimeZone } from "../core/time.js";
import { isCurrencyCode } from "../core/values.js";
import type { ReadLimits } from "../io/limits.js";
import { LocalData } from "../store/local-data.js";
import { parseStateLocation, type StateLocation } from "../store/location.js";
import { type AcquireOptions, acquireLock } from "../store/lock.js";
import { StateStore } from "../store/state-store.js";

/** Progress lines are messages: the ui layer renders them in the run's language. */
export interface Progress {
  /** A phase starts ("reading orders"). */
  start(text: Message): void;
  /** The phase advances ("reading orders: 120,000"). Callers may call often; reporters throttle. */
  update(text: Message): void;
  /** The phase ended. */
  done(text?: Message): void;
}

export const silentProgress: Progress = { start() {}, update() {}, done() {} };

export interface RunOptions {
  loaded: LoadedConfig;
  log: Logger;
  progress: Progress;
  now: () => Date;
  /** --tz / MERCHOPS_TZ: beats the store's and the config's time zone. */
  timezone?: string;
  /** --state / MERCHOPS_STATE. */
  statePath?: string;
  readOptions?: { encoding?: string; delimiter?: string; sheet?: string; limits?: Partial<ReadLimits> };
  signal?: AbortSignal;
  /** --allow-insecure / --allow-private. */
  network?: { allowInsecure?: boolean; allowPrivate?: boolean };
}

export interface OpenedStore {
  name: string;
  platform: string;
  timezone: string;
  currency: string;
  adapter: PlatformAdapter;
  /** The platform is a remote API (see PlatformDefinition.remote). */
  remote: boolean;
}

export class RunContext {
  readonly registry = new AdapterRegistry();
  private statePromise: Promise<StateStore> | undefined;
  private pluginsLoaded = false;
  private readonly opened: PlatformAdapter[] = [];
  private readonly openedCouriers: CourierAdapter[] = [];

  constructor(readonly opts: RunOptions) {}

  get log(): Logger {
    return this.opts.log;
  }
  get progress(): Progress {
    return this.opts.progress;
  }
  now(): Date {
    return this.opts.now();
  }

  /** --state / MERCHOPS_STATE, else `state:` in the config, else .merchops/state.db beside the config. */
  stateLocation(): StateLocation {
    const { loaded } = this.opts;
    if (this.opts.statePath) return parseStateLocation(this.opts.statePath, process.cwd());
    if (loaded.config.state) return parseStateLocation(loaded.config.state, loaded.baseDir);
    return { backend: "sqlite", path: resolve(loaded.baseDir, ".merchops", "state.db") };
  }

  state(): Promise<StateStore> {
    this.statePromise ??= Promise.resolve().then(() => StateStore.open(this.stateLocation()));
    return this.statePromise;
  }

  async loadPlugins(): Promise<void> {
    if (this.pluginsLoaded) return;
    this.pluginsLoaded = true;
    const { loaded } = this.opts;
    const plugins = loaded.config.plugins ?? [];
    if (plugins.length > 0) await this.registry.loadPlugins(plugins, loaded.file ?? "config", loaded.baseDir);
  }

  storeNames(): string[] {
    return Object.keys(this.opts.loaded.stores);
  }

  /**
   * Checks every configured store against its adapter's schema, used or not, so a typo in a store
   * this run does not open is reported now with file:line, not on the day it is first used.
   */
  async validateStores(): Promise<void> {
    await this.loadPlugins();
    for (const [storeName, raw] of Object.entries(this.opts.loaded.stores)) {
      await this.checkedStoreConfig(storeName, raw);
    }
  }

  /** The store's platform definition and its config as the adapter's schema parses it. */
  private async checkedStoreConfig(storeName: string, raw: StoreConfig): Promise<{ def: PlatformDefinition; data: unknown }> {
    const { loaded } = this.opts;
    const path = ["stores", storeName];
    if (!this.registry.hasPlatform(raw.platform)) {
      const near = suggest(raw.platform, this.registry.platformNames());
      throw new ConfigError(
        loaded.where([...path, "platform"]),
        `${path.join(".")}.platform`,
        msg("config.unknown_platform", { platform: raw.platform }),
        near
          ? msg("config.did_you_mean", { name: near })
          : msg("config.known_platforms", { names: this.registry.platformNames().join(", ") }),
      );
    }
    const def = await this.registry.platform(raw.platform);
    const parsed = def.configSchema.safeParse(raw, zodParseOptions(loaded.locale ?? "en"));
    if (!parsed.success) throw configIssue(parsed.error, def.configSchema, loaded.where, path);
    return { def, data: parsed.data };
  }

  /** Resolves a store by name (or the default), validates its config and creates its adapter. */
  async openStore(
    name: string | undefined,
    needs: readonly PlatformCapability[],
    opts: { syncedOrders?: boolean } = {},
  ): Promise<OpenedStore> {
    await this.loadPlugins();
    const { loaded } = this.opts;
    const storeName = name ?? loaded.defaultStore;
    const raw = loaded.stores[storeName];
    if (!raw) {
      const near = suggest(storeName, this.storeNames());
      throw new UsageError(
        msg("store.unknown", { store: storeName, stores: this.storeNames().join(", ") }),
        near ? msg("store.did_you_mean", { name: near }) : msg("store.add_it"),
      );
    }
    const path = ["stores", storeName];
    const { def, data } = await this.checkedStoreConfig(storeName, raw);
    const timezone =
      this.opts.timezone ??
      (raw.timezone as string | undefined) ??
      loaded.config.timezone ??
      Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!isValidTimeZone(timezone)) {
      throw new UsageError(msg("usage.unknown_tz", { zone: timezone }), msg("usage.unknown_tz_hint"));
    }
    const currency = (raw.currency as string | undefined) ?? loaded.config.currency ?? "CNY";
    if (!isCurrencyCode(currency)) {
      throw new ConfigError(
        loaded.where([...path, "currency"]),
        `${path.join(".")}.currency`,
        msg("config.bad_currency", { currency }),
        msg("config.bad_currency_hint"),
      );
    }
    const config = resolveEnvRefs(data, path, loaded);
    const adapterCtx: AdapterContext = {
      storeName,
      baseDir: loaded.baseDir,
      timezone,
      currency,
      now: () => this.now(),
      log: this.log,
      state: () => this.state(),
      readOptions: this.opts.readOptions ?? {},
      ...(this.opts.signal ? { signal: this.opts.signal } : {}),
      network: this.opts.network ?? {},
    };
    const adapter = await def.create(config, adapterCtx);
    this.opened.push(adapter);
    for (const need of needs) {
      if (!adapter.capabilities.includes(need) || typeof adapter[CAPABILITY_METHODS[need]] !== "function") {
        const why = (adapter as { unavailable?: Partial<Record<PlatformCapability, string>> }).unavailable?.[need];
        // A files store missing its export is an input problem (add the file), not a usage one.
        if (why) throw new InputError({ file: english(msg("store.label", { store: storeName })) }, why, msg("store.add_export"));
        throw new UsageError(msg("store.cannot", { store: storeName, platform: raw.platform, capability: need }), msg("store.cannot_hint"));
      }
    }
    if (opts.syncedOrders && def.remote) {
      const state = await this.state();
      const data = new LocalData(state, storeName);
      if (await data.isEmpty()) {
        throw new UsageError(
          msg("store.no_orders", { store: storeName, platform: raw.platform }),
          msg("store.no_orders_hint", { store: storeName }),
        );
      }
      async function* synced(range: { since?: Date; until?: Date }): AsyncGenerator<Order> {
        yield* data.orders(range);
      }
      // Refunds were stored with their orders by `orders sync`: reports read them from there too, never live
      // from the platform while its orders come from the state store.
      async function* syncedReturns(range: { since?: Date; until?: Date }): AsyncGenerator<ReturnRecord> {
        yield* data.returns(range);
      }
      const readsSynced = { listOrders: synced, ...(adapter.listReturns ? { listReturns: syncedReturns } : {}) };
      return { name: storeName, platform: raw.platform, timezone, currency, adapter: { ...adapter, ...readsSynced }, remote: true };
    }
    return { name: storeName, platform: raw.platform, timezone, currency, adapter, remote: Boolean(def.remote) };
  }

  /**
   * Opens a courier (tracking provider) adapter configured under `couriers.<name>`, its config
   * checked against the adapter's schema (secrets as env:NAME, like stores).
   */
  async openCourier(
    name: string,
    rawConfig: Record<string, unknown> | undefined,
    where: { timezone: string; currency: string },
    /** The config key that named this provider, when not couriers.<name> (e.g. shipments.providers.sf). */
    namedAt?: string[],
  ): Promise<{ name: string; definition: CourierDefinition; adapter: CourierAdapter }> {
    await this.loadPlugins();
    const { loaded } = this.opts;
    const path = ["couriers", name];
    const names = this.registry.courierNames();
    if (!this.registry.hasCourier(name)) {
      const near = suggest(name, names);
      const at = namedAt ?? path;
      throw new ConfigError(
        loaded.where(at),
        at.join("."),
        msg("config.unknown_provider", { name }),
        near ? msg("config.did_you_mean", { name: near }) : msg("config.known_providers", { names: names.join(", ") }),
      );
    }
    const definition = await this.registry.courier(name);
    const parsed = definition.configSchema.safeParse(rawConfig ?? {}, zodParseOptions(loaded.locale ?? "en"));
    if (!parsed.success) throw configIssue(parsed.error, definition.configSchema, loaded.where, path);
    const config = resolveEnvRefs(parsed.data, path, loaded);
    const adapterCtx: AdapterContext = {
      storeName: name,
      baseDir: loaded.baseDir,
      timezone: where.timezone,
      currency: where.currency,
      now: () => this.now(),
      log: this.log,
      state: () => this.state(),
      readOptions: this.opts.readOptions?.limits ? { limits: this.opts.readOptions.limits } : {},
      ...(this.opts.signal ? { signal: this.opts.signal } : {}),
      network: this.opts.network ?? {},
    };
    const adapter = await definition.create(config, adapterCtx);
    this.openedCouriers.push(adapter);
    return { name, definition, adapter };
  }

  /** Throws the interruption (exit 130) once Ctrl-C or SIGTERM arrived; long loops call it. */
  checkInterrupted(): void {
    const s = this.opts.signal;
    if (s?.aborted) throw s.reason instanceof Error ? s.reason : new InterruptedError(msg("cli.interrupted"));
  }

  /** Runs fn while holding the (store, job) lock; see store/lock.ts. */
  async withLock<T>(
    store: string,
    job: string,
    opts: Omit<AcquireOptions, "command"> & { command?: string },
    fn: () => Promise<T>,
  ): Promise<T> {
    const state = await this.state();
    const lock = await acquireLock(state, store, job, {
      command: opts.command ?? `merchops ${job}`,
      ...(opts.waitSeconds !== undefined ? { waitSeconds: opts.waitSeconds } : {}),
      ...((opts.signal ?? this.opts.signal) ? { signal: opts.signal ?? this.opts.signal } : {}),
      onWait: (h) => {
        this.log.info(msg("lock.waiting", { job, store, pid: String(h.pid), host: h.host }));
        opts.onWait?.(h);
      },
    });
    try {
      return await fn();
    } finally {
      await lock.release();
    }
  }

  async close(): Promise<void> {
    for (const a of this.opened.splice(0)) await a.close?.();
    for (const c of this.openedCouriers.splice(0)) await c.close?.();
    if (this.statePromise) {
      const s = await this.statePromise.catch(() => undefined);
      await s?.close();
    }
  }
}
