/**
 * `adapters check`: for each configured store (or one), is it reachable, does it accept the
 * credential, and which permissions (scopes) does it grant against what each command needs.
 * Scopes granted but needed by no command are reported too: a token should carry no more than
 * the jobs it does (least privilege).
 */
import type { z } from "zod";
import type { CheckResult } from "../adapters/platform.js";
import { conform } from "../core/contract.js";
import { english, type Message, msg } from "../core/i18n/index.js";
import type { RunContext } from "./context.js";
import { adaptersCheckSchema } from "./schemas/index.js";

export interface StoreCheck {
  store: string;
  platform: string;
  reachable: boolean;
  authenticated: boolean;
  granted: string[];
  /** Command -> scopes it needs that are not granted. */
  missing: Record<string, string[]>;
  /** Granted scopes no command needs. */
  excess: string[];
  /** In the run's language where printed; English in the JSON document. */
  message: Message | string;
  ok: boolean;
  /** The store's local files cannot be read (exit 3 rather than 5). */
  unreadable?: boolean;
}

/** A write scope covers its read twin (Shopify, Youzan and WooCommerce keys all work so). */
function covers(granted: ReadonlySet<string>, scope: string): boolean {
  if (granted.has(scope)) return true;
  if (scope.startsWith("read_") && granted.has(`write_${scope.slice(5)}`)) return true;
  if (scope === "read" && granted.has("read_write")) return true;
  if (scope === "write" && granted.has("read_write")) return true;
  return false;
}

export function compareScopes(result: CheckResult): { missing: Record<string, string[]>; excess: string[] } {
  const granted = new Set(result.scopesGranted);
  const missing: Record<string, string[]> = {};
  const needed = new Set<string>();
  for (const [command, scopes] of Object.entries(result.scopesNeeded)) {
    const lacking = scopes.filter((s) => !covers(granted, s));
    if (lacking.length > 0) missing[command] = lacking;
    for (const s of scopes) {
      needed.add(s);
      if (s.startsWith("read_")) needed.add(`write_${s.slice(5)}`);
    }
  }
  // Without a granted list (a platform that reports none) nothing can be called excess.
  const excess = result.scopesGranted.filter((s) => !needed.has(s) && s !== "read_write");
  return { missing, excess };
}

export async function checkStores(ctx: RunContext, opts: { store?: string }): Promise<StoreCheck[]> {
  const names = opts.store ? [opts.store] : ctx.storeNames();
  const out: StoreCheck[] = [];
  for (const name of names) {
    const store = await ctx.openStore(name, []);
    if (!store.adapter.check) {
      out.push({
        store: name,
        platform: store.platform,
        reachable: true,
        authenticated: true,
        granted: [],
        missing: {},
        excess: [],
        message: msg("check.local"),
        ok: true,
      });
      continue;
    }
    ctx.progress.start(msg("progress.checking_store", { store: name }));
    const result = await store.adapter.check();
    ctx.progress.done();
    const { missing, excess } = result.authenticated ? compareScopes(result) : { missing: {}, excess: [] };
    const ok = result.reachable && result.authenticated && Object.keys(missing).length === 0;
    let message: Message | string = result.message ?? "";
    if (!message) {
      message = !result.reachable
        ? msg("check.unreachable")
        : !result.authenticated
          ? msg("check.refused")
          : Object.keys(missing).length > 0
            ? msg("check.missing_permissions")
            : msg("status.ok");
    }
    out.push({
      store: name,
      platform: store.platform,
      reachable: result.reachable,
      authenticated: result.authenticated,
      granted: result.scopesGranted,
      missing,
      excess,
      message,
      ok,
      ...(result.unreadable ? { unreadable: true } : {}),
    });
  }
  return out;
}

/** The JSON document (docs/schemas/adapters-check.schema.json). */
export function checkStoresJson(checks: readonly StoreCheck[]): z.output<typeof adaptersCheckSchema> {
  return conform(adaptersCheckSchema, {
    ok: checks.every((c) => c.ok),
    stores: checks.map((c) => ({ ...c, message: english(c.message) })),
  });
}
