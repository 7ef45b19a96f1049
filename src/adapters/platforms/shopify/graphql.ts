/**
 * The GraphQL transport: one POST per operation through the shared http client, paced by the
 * cost bucket. THROTTLED (in a 200 body or a 429) is retried after exactly the wait the bucket
 * needs; other GraphQL errors become AdapterErrors that say what was being done and, for
 * ACCESS_DENIED, which scope is missing.
 */

import type { z } from "zod";
import { type Message, type MessageId, msg } from "../../../core/i18n/index.js";
import { AdapterError, type ClassifyResult, type HttpClient } from "../../../http/index.js";
import { parseWire } from "../../wire-schema.js";
import type { CostPacer, QueryCost, ThrottleStatus } from "./pacing.js";
import type { Operation } from "./queries.js";

interface GraphqlError {
  message?: string;
  extensions?: { code?: string; requiredAccess?: string; cost?: number; maxCost?: number };
}

export interface RunOptions {
  /** Our requested-cost estimate (see queries.ts), used until Shopify has told us its own. */
  estimate: number;
  /** Operation shape for learning its cost, e.g. "Orders:15:10"; defaults to the name. */
  shape?: string;
  /** Safe to send twice? Reads and productSet-by-handle are; fulfillmentCreate is not. */
  idempotent?: boolean;
  /**
   * The shape of `data` the caller reads: checked before it is returned, so a missing or renamed field
   * is a remote failure naming the operation and the field (exit 5), not a crash in a mapper.
   */
  schema?: z.ZodType;
}

export interface GraphqlStats {
  /** THROTTLED answers received (and absorbed by waiting): the pacing is meant to keep this ~0. */
  throttled: number;
  operations: number;
}

/** THROTTLED answers one request may meet before giving up (each is followed by the exact wait). */
const MAX_THROTTLES = 50;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function errorsOf(body: unknown): GraphqlError[] {
  if (!isRecord(body)) return [];
  const errors = body.errors;
  if (typeof errors === "string") return [{ message: errors }];
  return Array.isArray(errors) ? (errors.filter(isRecord) as GraphqlError[]) : [];
}

function throttleStatusOf(body: unknown): { cost: QueryCost; status: ThrottleStatus } | undefined {
  if (!isRecord(body) || !isRecord(body.extensions) || !isRecord(body.extensions.cost)) return undefined;
  const cost = body.extensions.cost as QueryCost;
  const status = cost.throttleStatus;
  if (!status || typeof status.currentlyAvailable !== "number" || typeof status.restoreRate !== "number") return undefined;
  return { cost, status };
}

/** The scope an ACCESS_DENIED error names: "Required access: `read_orders` access scope." -> "read_orders". */
export function scopeOf(error: GraphqlError): string | undefined {
  const text = `${error.extensions?.requiredAccess ?? ""} ${error.message ?? ""}`;
  return /`([a-z_]+)`/.exec(text)?.[1] ?? /\b((?:read|write)_[a-z_]+)\b/.exec(text)?.[1];
}

export interface ShopifyGraphqlOptions {
  http: HttpClient;
  pacer: CostPacer;
  apiVersion: string;
  platform: string;
  storeName: string;
  warn(message: Message | string): void;
}

export class ShopifyGraphql {
  readonly stats: GraphqlStats = { throttled: 0, operations: 0 };
  private readonly path: string;
  private versionWarned = false;

  constructor(private readonly options: ShopifyGraphqlOptions) {
    this.path = `/admin/api/${encodeURIComponent(options.apiVersion)}/graphql.json`;
  }

  /**
   * The http client's classify hook. THROTTLED (whatever the HTTP status) leaves the http client as
   * an error with code THROTTLED — not retried there, where it would use up the retries meant for
   * failures — after the bucket's state has been taken in; run() waits and sends it again.
   */
  static classifier(pacer: () => CostPacer | undefined) {
    return (res: { status: number; data: unknown }): ClassifyResult => {
      if (!errorsOf(res.data).some((e) => e.extensions?.code === "THROTTLED")) return undefined;
      const found = throttleStatusOf(res.data);
      if (found) pacer()?.observe(undefined, found.cost);
      const requested = found?.cost.requestedQueryCost;
      // graphql.run reads the figures back from the English text: keep "requested N points, A of M available".
      const message = found
        ? msg("adapter.shopify.throttled", {
            requested: String(requested ?? "?"),
            available: String(found.status.currentlyAvailable),
            maximum: String(found.status.maximumAvailable),
          })
        : "THROTTLED";
      return { action: "fail", code: "THROTTLED", message, hint: msg("adapter.shopify.throttled_hint") };
    };
  }

  private error(detail: Message, code: string | undefined, hint: Message, status?: number): AdapterError {
    return new AdapterError(detail, {
      platform: this.options.platform,
      storeName: this.options.storeName,
      hint,
      ...(code ? { code } : {}),
      ...(status !== undefined ? { status } : {}),
    });
  }

  async run<T>(operation: Operation, variables: Record<string, unknown>, opts: RunOptions): Promise<T> {
    const { http, pacer } = this.options;
    const shape = opts.shape ?? operation.name;
    let need = pacer.estimate(shape, opts.estimate);
    this.stats.operations++;
    let body: unknown;
    let served: string | undefined;
    for (let throttles = 0; ; throttles++) {
      const ticket = await pacer.acquire(shape, need);
      try {
        const res = await http.post<unknown>(
          this.path,
          { query: operation.document, operationName: operation.name, variables },
          { idempotent: opts.idempotent ?? true },
        );
        body = res.data;
        served = res.headers["x-shopify-api-version"];
      } catch (e) {
        ticket.done();
        if (!(e instanceof AdapterError) || e.code !== "THROTTLED") throw e;
        // A throttled request was not executed, so sending it again is always safe.
        this.stats.throttled++;
        const m = /requested (\d+) points, (\d+) of (\d+) available/.exec(e.message);
        const requested = m ? Number(m[1]) : need;
        if (m && requested > Number(m[3])) {
          throw this.error(
            msg("adapter.shopify.over_budget", { operation: operation.name, requested: String(requested), budget: m[3] }),
            "MAX_COST_EXCEEDED",
            msg("adapter.shopify.bug_hint"),
          );
        }
        if (throttles >= MAX_THROTTLES) throw e;
        need = Math.max(need, requested);
        pacer.learn(shape, need);
        continue;
      }
      ticket.done(isRecord(body) && isRecord(body.extensions) ? (body.extensions.cost as QueryCost | undefined) : undefined);
      break;
    }
    if (served && served !== this.options.apiVersion && !this.versionWarned) {
      this.versionWarned = true;
      this.options.warn(msg("adapter.shopify.version_served", { served, asked: this.options.apiVersion }));
    }
    if (!isRecord(body)) {
      throw this.error(
        msg("adapter.shopify.not_graphql", { operation: operation.name }),
        "MALFORMED_JSON",
        msg("adapter.shopify.check_address_hint"),
      );
    }
    const errors = errorsOf(body);
    if (errors.length > 0) throw this.graphqlError(operation, errors);
    if (!isRecord(body.data)) {
      throw this.error(
        msg("adapter.shopify.no_data", { operation: operation.name }),
        "MALFORMED_JSON",
        msg("adapter.shopify.check_address_hint"),
      );
    }
    if (opts.schema) {
      const source = { platform: this.options.platform, storeName: this.options.storeName };
      return parseWire(opts.schema, body.data, operation.name, source) as T;
    }
    return body.data as T;
  }

  private graphqlError(operation: Operation, errors: GraphqlError[]): AdapterError {
    const first = errors[0] as GraphqlError;
    const code = first.extensions?.code;
    // Shopify's own words, first line only.
    const message: Message | string = first.message?.split("\n")[0]?.trim() ?? msg("adapter.shopify.unknown_error");
    const purpose = msg(operation.purpose);
    if (code === "ACCESS_DENIED") {
      const scope = scopeOf(first);
      return this.error(
        msg(scope ? "adapter.shopify.access_denied_scope" : "adapter.shopify.access_denied", { purpose, scope, message }),
        "ACCESS_DENIED",
        msg(scope ? "adapter.shopify.grant_scope_hint" : "adapter.shopify.grant_hint", { scope }),
        403,
      );
    }
    if (code === "MAX_COST_EXCEEDED") {
      return this.error(msg("adapter.shopify.too_expensive", { purpose, message }), code, msg("adapter.shopify.bug_hint"));
    }
    const failed: MessageId = code ? "adapter.shopify.op_failed_code" : "adapter.shopify.op_failed";
    return this.error(msg(failed, { operation: operation.name, purpose, message, code }), code, msg("adapter.shopify.op_failed_hint"));
  }
}
