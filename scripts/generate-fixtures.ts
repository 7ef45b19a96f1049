/**
 * Writes the demo store into fixtures/demo-store/ (`npm run fixtures`): products, orders,
 * order_lines, returns, traffic and tickets as CSV plus manifest.json, then prints a summary of
 * what was planted. Same seed, same bytes: rerun it after changing scripts/lib/demo-data.ts and
 * commit the result.
 */

import { stat } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { DATASET_ORDER, DEMO_STORE, writeDemoStore } from "./lib/demo-data.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = join(root, "fixtures", "demo-store");

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

const started = performance.now();
const { manifest: m, figures: f } = await writeDemoStore(dir);
const ms = Math.round(performance.now() - started);

let bytes = 0;
const sizes: string[] = [];
for (const name of [...DATASET_ORDER.map((d) => `${d}.csv`), "manifest.json"]) {
  const size = (await stat(join(dir, name))).size;
  bytes += size;
  sizes.push(`${name} ${(size / 1024).toFixed(0)} KB`);
}

const p = m.planted;
const lines = [
  `demo store -> ${relative(process.cwd(), dir) || "."}  (seed ${m.seed}, ${m.firstDate}..${m.endDate}, ${DEMO_STORE.timezone}, ${m.currency}; ${ms} ms)`,
  `  ${sizes.join(", ")}; total ${(bytes / 1024 / 1024).toFixed(2)} MB`,
  `  ${f.shape.products} products / ${f.shape.variants} variants (${f.shape.draftVariants} draft), ${f.shape.orders} orders (${f.shape.ordersPerDay.min}-${f.shape.ordersPerDay.max} a day), ${f.shape.orderLines} lines, ${f.shape.payingCustomers} paying customers`,
  `  cancelled ${pct(f.shape.cancelledShare)}, test ${f.shape.testOrders}, pending ${f.shape.pendingOrders}; returns ${f.shape.returns} rows (${f.shape.openReturns} open), ${f.shape.conversations} conversations`,
  "planted",
  `  high-return SKU ${p.highReturnSku.sku} (${p.highReturnSku.title} ${p.highReturnSku.colour} ${p.highReturnSku.size}): ${pct(p.highReturnSku.actual)} of ${p.highReturnSku.unitsSold} units returned, ${pct(p.highReturnSku.expectationReasonShare)} not-as-described/colour`,
  `  size skew ${p.sizeSkew.productId} (${p.sizeSkew.title}) size ${p.sizeSkew.size}: ${pct(p.sizeSkew.sizeRate)} vs ${pct(p.sizeSkew.otherSizesRate)} for the other sizes = ${p.sizeSkew.actual.toFixed(2)}x`,
  `  ROAS social ${p.socialRoas.actual.toFixed(2)} (target 3), paid_search ${m.kpis.roasPaidSearch.actual.toFixed(2)}`,
  `  chat first response median ${p.chatFirstResponse.medianSeconds} s, p90 ${p.chatFirstResponse.p90Seconds} s (target 30 s)`,
  `  tickets answered within 24 h ${pct(p.ticketFirstResponse.actual)} (backlog ${p.supportBacklog.from}..${p.supportBacklog.to}: ${pct(p.supportBacklog.ticketsWithin24h)}), CSAT ${pct(p.csat.actual)} of ${pct(p.csat.ratedShare)} rated (target 95%)`,
  "calibrated",
  `  conversion ${pct(m.kpis.conversion.daily)} daily, ${pct(m.kpis.conversion.last7Days)} last 7 days, ${pct(m.kpis.conversion.last30Days)} last 30 days; organic search share ${pct(m.kpis.organicSearchShare.actual)}`,
  `  store unit return rate ${pct(m.kpis.returnRateUnits.actual)}, resolution rate ${pct(m.kpis.resolutionRate.actual)}`,
];
process.stdout.write(`${lines.join("\n")}\n`);
