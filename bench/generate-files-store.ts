/**
 * Writes a large files-adapter store (the demo store's six CSVs at any number of orders) for the
 * benchmarks. Rows are generated and written batch by batch with stream backpressure, so memory
 * stays flat: a million orders take seconds and well under 300 MB.
 *
 *   tsx bench/generate-files-store.ts <dir> <orders> [seed]
 */

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DEMO_STORE, writeStoreFiles } from "../scripts/lib/demo-data.js";

export interface FilesStoreCounts {
  orders: number;
  lines: number;
  returns: number;
  trafficRows: number;
  tickets: number;
}

export async function generateFilesStore(
  dir: string,
  opts: { orders: number; seed?: number; endDate?: string },
): Promise<FilesStoreCounts> {
  if (!Number.isInteger(opts.orders) || opts.orders < 1) throw new Error(`orders must be a positive integer, got ${opts.orders}`);
  const counts = await writeStoreFiles(dir, {
    orders: opts.orders,
    seed: opts.seed ?? DEMO_STORE.seed,
    endDate: opts.endDate ?? DEMO_STORE.endDate,
    days: DEMO_STORE.days,
  });
  return {
    orders: counts.orders,
    lines: counts.lines,
    returns: counts.returns,
    trafficRows: counts.trafficRows,
    tickets: counts.tickets,
  };
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  const [dir, ordersArg, seedArg] = process.argv.slice(2);
  const orders = Number(ordersArg);
  if (!dir || !Number.isInteger(orders) || orders < 1) {
    process.stderr.write("usage: tsx bench/generate-files-store.ts <dir> <orders> [seed]\n");
    process.exit(2);
  }
  const started = performance.now();
  const counts = await generateFilesStore(dir, { orders, ...(seedArg ? { seed: Number(seedArg) } : {}) });
  const seconds = (performance.now() - started) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${resolve(dir)}: ${counts.orders} orders, ${counts.lines} lines, ${counts.returns} returns, ` +
      `${counts.trafficRows} traffic rows, ${counts.tickets} tickets in ${seconds.toFixed(1)} s (max RSS ${rssMb.toFixed(0)} MB)\n`,
  );
}
