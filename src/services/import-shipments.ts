/**
 * `shipments import`: a warehouse sheet (order, courier, tracking number, optional SKUs) ->
 * fulfilments on the platform, and shipments in the state store for `shipments sync` to track.
 *
 * Every row is checked first (courier known, number in a format that courier uses, order in the
 * store and not cancelled, number not given twice, not already shipped on another order); with
 * `--max-errors 0` any error stops the import before anything is sent. Each fulfilment sent is
 * journaled, so `--resume` after Ctrl-C or a crash sends none twice (and the platforms' adapters
 * are idempotent by tracking number as well).
 */
import type { PlatformAdapter } from "../adapters/platform.js";
import { InputError, InterruptedError, UsageError } from "../core/errors.js";
import { english, type Message, msg } from "../core/i18n/index.js";
import {
  alternativeOrderNumber,
  createShipmentSheetParser,
  isShipmentSheetHeader,
  type ShipmentSheetRow,
} from "../core/shipments/index.js";
import { openTable } from "../io/read-table.js";
import { openRowsWriter } from "../io/writers/rows-file.js";
import { ImportJournal } from "../store/import-journal.js";
import { LocalData } from "../store/local-data.js";
import { ShipmentsData } from "../store/shipments-data.js";
import type { RunContext } from "./context.js";

export interface ImportShipmentsOptions {
  store: string;
  file: string;
  dryRun: boolean;
  results?: string;
  maxErrors: number;
  resume: boolean;
}

export interface ShipmentIssue {
  level: "error" | "warning";
  file: string;
  row: number;
  column?: string;
  /** Rendered in the run's language by the document; the JSON and the results file carry the English. */
  message: Message;
  hint?: Message;
}

export interface ImportShipmentsReport {
  store: string;
  platform: string;
  dryRun: boolean;
  applied: boolean;
  rows: number;
  shipments: number;
  created: number;
  unchanged: number;
  failed: number;
  errorCount: number;
  warningCount: number;
  issues: ShipmentIssue[];
  resumedSkipped: number;
  results?: string;
}

const RESULT_HEADER = ["file", "row", "order", "courier", "tracking_number", "status", "message"];

interface Checked {
  shipment: ShipmentSheetRow;
  orderId?: string;
  /** "new" to send; "exists" already imported for this order; "error" with the reason. */
  state: "new" | "exists" | "error";
  message?: Message;
}

export async function importShipments(ctx: RunContext, opts: ImportShipmentsOptions): Promise<ImportShipmentsReport> {
  const store = await ctx.openStore(opts.store, opts.dryRun ? [] : ["fulfillments.write"]);
  const shift = store.adapter.clockShiftMs ?? 0;
  const state = await ctx.state();
  const orders = new LocalData(state, store.name);
  const shipmentsData = new ShipmentsData(state, store.name);

  // Title rows above the header (Amazon's TemplateType line, a template's instructions) are passed over.
  const table = await openTable(opts.file, { ...ctx.opts.readOptions, isHeaderRow: isShipmentSheetHeader });
  const parser = createShipmentSheetParser(table.header, { file: opts.file, timeZone: store.timezone });
  /** Every non-blank data row, for the results file. */
  const sheetRows: number[] = [];
  try {
    for await (const batch of table.batches()) {
      ctx.checkInterrupted();
      for (const r of batch) if (r.cells.some((c) => c !== null && String(c).trim() !== "")) sheetRows.push(r.row);
      parser.push(batch);
    }
  } finally {
    await table.close();
  }
  const sheet = parser.finish();
  const report: ImportShipmentsReport = {
    store: store.name,
    platform: store.platform,
    dryRun: opts.dryRun,
    applied: false,
    rows: sheet.rowCount,
    shipments: sheet.shipments.length,
    created: 0,
    unchanged: 0,
    failed: 0,
    errorCount: 0,
    warningCount: 0,
    issues: [],
    resumedSkipped: 0,
  };
  const note = (i: ShipmentIssue) => {
    if (i.level === "error") report.errorCount++;
    else report.warningCount++;
    if (report.issues.length < 500) report.issues.push(i);
  };
  for (const i of sheet.issues) {
    note({
      level: i.level,
      file: i.at.file,
      row: i.at.row,
      ...(i.at.column ? { column: i.at.column } : {}),
      message: i.message,
      ...(i.hint ? { hint: i.hint } : {}),
    });
  }

  // Orders and earlier shipments, looked up in one go.
  const found = await findSheetOrders(
    orders,
    sheet.shipments.map((s) => s.orderNumber),
  );
  const existing = await shipmentsData.get(sheet.shipments.map((s) => s.trackingNumber));
  const orderColumn = table.header[parser.columns.orderNumber] ?? "order";
  const numberColumn = table.header[parser.columns.trackingNumber] ?? "tracking number";
  const checked: Checked[] = sheet.shipments.map((s): Checked => {
    const order = found.get(s.orderNumber);
    if (!order) {
      const message = msg("shipments.import.order_unknown", { order: s.orderNumber, store: store.name });
      note({
        level: "error",
        file: s.at.file,
        row: s.at.row,
        column: orderColumn,
        message,
        hint: store.remote
          ? msg("shipments.import.order_unknown_sync_hint", { store: store.name })
          : msg("shipments.import.order_unknown_hint"),
      });
      return { shipment: s, state: "error", message };
    }
    if (order.status === "cancelled" || order.status === "refunded") {
      const message = msg("shipments.import.order_closed", { order: s.orderNumber, status: order.status });
      note({ level: "error", file: s.at.file, row: s.at.row, column: orderColumn, message, hint: msg("shipments.import.remove_row") });
      return { shipment: s, orderId: order.id, state: "error", message };
    }
    const before = existing.get(s.trackingNumber);
    if (before && before.orderId !== order.id) {
      const message = msg("shipments.import.number_on_other_order", { number: s.trackingNumber, order: before.orderId });
      note({
        level: "error",
        file: s.at.file,
        row: s.at.row,
        column: numberColumn,
        message,
        hint: msg("shipments.import.one_parcel_one_order"),
      });
      return { shipment: s, orderId: order.id, state: "error", message };
    }
    return { shipment: s, orderId: order.id, state: before ? "exists" : "new" };
  });

  const refused = report.errorCount > opts.maxErrors || (report.errorCount > 0 && opts.maxErrors === 0);
  const writeResults = async (status: (c: Checked) => [string, string]) => {
    if (!opts.results) return;
    // One row per sheet row, in sheet order: the shipments, then the rows the check refused.
    const out: (string | number)[][] = [];
    const written = new Set<number>();
    for (const c of checked) {
      const [st, msg] = status(c);
      for (const row of c.shipment.rows) {
        written.add(row);
        out.push([c.shipment.at.file, row, c.shipment.orderNumber, c.shipment.courier, c.shipment.trackingNumber, st, msg]);
      }
    }
    const refusedRows = new Map<number, string>();
    for (const i of sheet.issues) {
      if (i.level !== "error" || written.has(i.at.row)) continue;
      const text = english(i.message);
      refusedRows.set(i.at.row, refusedRows.has(i.at.row) ? `${refusedRows.get(i.at.row)}; ${text}` : text);
    }
    for (const [row, msg] of refusedRows) {
      written.add(row);
      out.push([opts.file, row, "", "", "", "error", msg]);
    }
    for (const row of sheet.skippedRows) {
      written.add(row);
      out.push([opts.file, row, "", "", "", "skipped", "not a parcel: a totals row or the header written again"]);
    }
    // Rows held back with another (the first of a repeated number): named by that row's error.
    for (const row of sheetRows)
      if (!written.has(row)) out.push([opts.file, row, "", "", "", "error", "not sent: held back with a row that has an error"]);
    out.sort((a, b) => (a[1] as number) - (b[1] as number));
    const w = await openRowsWriter(opts.results, RESULT_HEADER);
    try {
      for (const r of out) w.write(r);
      await w.commit();
      report.results = opts.results;
    } catch (e) {
      await w.abort();
      throw e;
    }
  };

  if (opts.dryRun || refused) {
    for (const c of checked) {
      if (c.state === "new") report.created++;
      else if (c.state === "exists") report.unchanged++;
    }
    await writeResults((c) =>
      c.state === "error"
        ? ["error", english(c.message ?? "")]
        : c.state === "exists"
          ? ["unchanged", "already imported"]
          : [opts.dryRun && !refused ? "would create" : "not sent", refused ? "the import was refused: see the errors" : ""],
    );
    return report;
  }

  // Apply, journaled per tracking number.
  const adapter = store.adapter as Required<Pick<PlatformAdapter, "createFulfillment">> & PlatformAdapter;
  const journal = new ImportJournal(state);
  // U+001F, not U+0000: PostgreSQL text cannot hold a NUL (migration 11).
  const fingerprint = `${opts.file}\u001f${checked.map((c) => c.shipment.trackingNumber).join(",")}`;
  const job = "shipments import";
  const previous = await journal.unfinished(store.name, job, fingerprint);
  let runId: number;
  if (opts.resume && previous !== undefined) {
    runId = previous;
    await journal.reopen(runId);
  } else {
    if (opts.resume) ctx.log.warn(msg("shipments.import.resume_nothing"));
    runId = await journal.start(store.name, job, fingerprint, "fulfil");
  }
  const done =
    previous !== undefined && runId === previous
      ? await journal.done(
          runId,
          checked.map((c) => c.shipment.trackingNumber),
        )
      : new Map<string, { status: string; message: string | null }>();
  const outcome = new Map<string, [string, string]>();
  ctx.progress.start(msg("progress.shipments.sending"));
  let sent = 0;
  try {
    for (const c of checked) {
      const s = c.shipment;
      if (c.state === "error") {
        outcome.set(s.trackingNumber, ["error", english(c.message ?? "")]);
        continue;
      }
      if (c.state === "exists") {
        report.unchanged++;
        outcome.set(s.trackingNumber, ["unchanged", "already imported"]);
        continue;
      }
      const prior = done.get(s.trackingNumber);
      if (prior) {
        report.resumedSkipped++;
        if (prior.status === "created") report.created++;
        outcome.set(s.trackingNumber, [prior.status, "sent by the interrupted run"]);
        continue;
      }
      const r = await adapter.createFulfillment(c.orderId as string, {
        courier: s.courier,
        trackingNumber: s.trackingNumber,
        ...(s.lines ? { lines: s.lines } : {}),
      });
      const now = ctx.now();
      await state.transaction(async () => {
        if (r.status === "failed") {
          await journal.record(runId, [{ key: s.trackingNumber, status: "error", message: r.message ?? null }]);
          return;
        }
        const frameNow = new Date(now.getTime() - shift);
        await shipmentsData.upsert(
          [
            {
              trackingNumber: s.trackingNumber,
              courier: s.courier,
              orderId: c.orderId as string,
              status: "info_received",
              ...(s.lines ? { lines: s.lines } : {}),
              ...(s.destination ? { destination: s.destination } : {}),
              labelAt: s.shippedAt ? new Date(s.shippedAt.getTime() - shift) : frameNow,
              shippedAt: s.shippedAt ? new Date(s.shippedAt.getTime() - shift) : frameNow,
              pushedAt: frameNow,
              ...(r.remoteId ? { remoteId: r.remoteId } : {}),
            },
          ],
          now,
        );
        await journal.record(runId, [
          { key: s.trackingNumber, status: "created", remoteId: r.remoteId ?? null, message: r.message ?? null },
        ]);
      });
      if (r.status === "failed") {
        report.failed++;
        report.errorCount++;
        note({
          level: "error",
          file: s.at.file,
          row: s.at.row,
          message: msg("shipments.import.platform_refused", {
            platform: store.platform,
            reason: r.message ?? msg("shipments.import.platform_refused_no_reason"),
          }),
        });
        outcome.set(s.trackingNumber, ["error", r.message ?? "refused by the platform"]);
      } else {
        report.created++;
        outcome.set(s.trackingNumber, ["created", r.status === "unchanged" ? "the platform already had it" : ""]);
      }
      sent++;
      ctx.progress.update(msg("progress.shipments.sent", { n: sent }));
      await new Promise((resolve) => setImmediate(resolve));
      if (ctx.opts.signal?.aborted) throw new InterruptedError(msg("catalog.import.interrupted"));
    }
    await journal.finish(runId, "finished");
  } catch (e) {
    await journal.finish(runId, e instanceof InterruptedError ? "interrupted" : "failed").catch(() => undefined);
    if (e instanceof InterruptedError) {
      throw new InterruptedError(msg("shipments.import.interrupted_after", { count: sent }), msg("catalog.import.resume_hint"));
    }
    throw e;
  } finally {
    ctx.progress.done();
  }
  report.applied = true;
  await writeResults((c) => outcome.get(c.shipment.trackingNumber) ?? ["error", english(c.message ?? "")]);
  return report;
}

/** The first error as an exception for the CLI (exit 3), after the report was printed. */
export function importShipmentsError(r: ImportShipmentsReport): InputError | undefined {
  if (r.errorCount === 0) return undefined;
  const first = r.issues.find((i) => i.level === "error");
  return new InputError(
    first ? { file: first.file, row: first.row, ...(first.column ? { column: first.column } : {}) } : { file: "sheet" },
    msg("shipments.import.failed", {
      first: first ? msg("catalog.import.failed_first", { message: first.message }) : "",
      count: r.errorCount,
      applied: r.applied ? "yes" : "no",
    }),
    first?.hint ?? msg(r.applied ? "shipments.import.failed_hint_applied" : "shipments.import.failed_hint_rejected"),
  );
}

export function assertMaxErrors(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(msg("catalog.import.max_errors_bad", { value: raw }), msg("catalog.import.max_errors_hint"));
  return n;
}

/** The store's orders by the numbers a sheet wrote, "#1001" and "1001" alike when only the other is stored. */
async function findSheetOrders(orders: LocalData, numbers: readonly string[]): ReturnType<LocalData["findOrders"]> {
  const written = [...new Set(numbers)];
  const alternatives = written.map((n) => alternativeOrderNumber(n)).filter((n): n is string => n !== undefined);
  const found = await orders.findOrders([...written, ...alternatives]);
  const out: Awaited<ReturnType<LocalData["findOrders"]>> = new Map();
  for (const n of written) {
    const alternative = alternativeOrderNumber(n);
    const order = found.get(n) ?? (alternative !== undefined ? found.get(alternative) : undefined);
    if (order) out.set(n, order);
  }
  return out;
}
