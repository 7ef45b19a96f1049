/**
 * The merchops benchmark (`npm run bench`; never part of `npm test`). Prints one JSON line per
 * figure on stdout, progress on stderr. Every figure is a ratio of contenders run side by side in
 * this run, interleaved and repeated (medians, plus the raw times), because the machine is shared
 * and noisy: absolute times from different runs do not compare.
 *
 *   kpi_vs_csv_parse   `kpi report` over a generated files store vs csv-parse reading the same CSVs
 *   kpi_peak_rss_mb    the kpi report's peak RSS
 *   duckdb_reference   the same headline aggregation in DuckDB, and whether its figures agree
 *   help_vs_node       `merchops --help` vs `node -e 0` (start-up cost)
 *   catalog_import_vs_csv_parse   `catalog import` of a 1,000,000-variant native CSV into a fresh
 *                      local store vs csv-parse reading the same file; with its peak RSS
 *   catalog_xlsx_peak_rss_mb      `catalog import` of a 100,000-row XLSX: peak RSS
 *   shopify_export_kpi_vs_csv_parse   `kpi report` over a 1,000,000-order Shopify orders export read
 *                      through its export profile vs csv-parse reading the same file; with its peak RSS
 *   shopify_pacing     5,000 product writes against the fake Shopify's cost bucket: ours vs a naive client
 *   courier_sync       10,000 shipments tracked against the 17TRACK and AfterShip fakes: wall time vs the
 *                      bound their rate limits set
 *
 * BENCH_ORDERS (default 1,000,000) sets the store size; BENCH_RUNS (default 3) the repetitions.
 * The store is generated once into bench/.data/<orders>/ and reused.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateFilesStore } from "./generate-files-store.js";
import { generateShopifyExport } from "./generate-shopify-export.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const NODE = process.execPath;
const ORDERS = positiveInt("BENCH_ORDERS", 1_000_000);
const RUNS = positiveInt("BENCH_RUNS", 3);
const HELP_RUNS = 10;
const SEED = 20261124;
/** The data ends on END_DATE; "now" is the next day, so last-30-days is the data's last 30 days. */
const END_DATE = "2026-11-24";
const NOW = "2026-11-25T12:00:00+08:00";
const TIMEZONE = "Asia/Shanghai";
/** Asia/Shanghai has kept +08:00 all year since 1991: the period's instants in the DuckDB query. */
const UTC_OFFSET = "+08:00";
const PERIOD = "last-30-days";
const TARGETS = { kpiVsCsvParse: 1.5, peakRssMb: 300, helpVsNode: 2, catalogVsCsvParse: 2, catalogRssMb: 300, catalogXlsxRssMb: 500 };
const CATALOG_VARIANTS = positiveInt("BENCH_VARIANTS", 1_000_000);
const CATALOG_XLSX_ROWS = positiveInt("BENCH_XLSX_ROWS", 100_000);
/** The source the figures belong to: HEAD, "+dirty" when the work tree has changes. */
const COMMIT = gitDescribe();

function gitDescribe(): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? "+dirty" : ""}`;
  } catch {
    return "unknown";
  }
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const emit = (figure: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...figure, commit: COMMIT })}\n`);

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
const round = (x: number, digits = 0) => Number(x.toFixed(digits));

// --- The store --------------------------------------------------------------------------------

async function ensureStore(orders: number): Promise<{ dir: string; config: string }> {
  const dir = join(ROOT, "bench", ".data", String(orders));
  const marker = join(dir, "generated.json");
  if (existsSync(marker)) {
    log(`store: reusing ${dir}`);
  } else {
    // No marker: absent or interrupted; start clean.
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    log(`store: generating ${orders.toLocaleString("en")} orders into ${dir} ...`);
    const started = performance.now();
    const counts = await generateFilesStore(dir, { orders, seed: SEED, endDate: END_DATE });
    log(`store: ${JSON.stringify(counts)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await writeFile(marker, `${JSON.stringify({ orders, seed: SEED, endDate: END_DATE, counts }, null, 2)}\n`);
  }
  // The config sits beside the CSVs (the files adapter only opens the names it knows), so the
  // state store lands in bench/.data/<orders>/.merchops/.
  const config = join(dir, "merchops.config.yaml");
  await writeFile(
    config,
    [
      `timezone: ${TIMEZONE}`,
      "currency: CNY",
      "defaultStore: bench",
      "stores:",
      "  bench:",
      "    platform: files",
      '    dir: "."',
      "",
    ].join("\n"),
  );
  return { dir, config };
}

// --- Running a contender ----------------------------------------------------------------------

interface RunResult {
  ms: number;
  stdout: string;
  /** Peak RSS in MB, when the run had the probe. */
  rssMb?: number;
}

/** The environment of every child: ours minus MERCHOPS_* (a developer's settings must not leak in). */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("MERCHOPS_")) env[k] = v;
  return { ...env, NO_COLOR: "1", ...extra };
}

let probeSeq = 0;

/** Spawns `node ...args` and times it from spawn to exit; with probe, records its peak RSS. */
async function runNode(args: string[], opts: { probe?: boolean; env?: Record<string, string> } = {}): Promise<RunResult> {
  const rssFile = opts.probe ? join(tmpdir(), `merchops-bench-rss-${process.pid}-${++probeSeq}`) : undefined;
  const argv = rssFile ? ["--import", join(ROOT, "bench", "rss-probe.mjs"), ...args] : args;
  const env = childEnv({ ...(opts.env ?? {}), ...(rssFile ? { BENCH_RSS_FILE: rssFile } : {}) });
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolveRun, reject) => {
    const child = spawn(NODE, argv, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (c) =>
      resolveRun({ code: c, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }),
    );
  });
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`node ${args.join(" ")} exited ${code}\n${stderr.slice(-2000)}`);
  const result: RunResult = { ms, stdout };
  if (rssFile) {
    const kib = Number(await readFile(rssFile, "utf8"));
    await rm(rssFile, { force: true });
    result.rssMb = kib / 1024;
  }
  return result;
}

// --- Figures 1-3: kpi report vs csv-parse vs DuckDB -------------------------------------------

interface Contender {
  name: "kpi" | "audit" | "baseline" | "duckdb";
  args: string[];
  env?: Record<string, string>;
  results: RunResult[];
}

/** RUNS rounds of every contender, timed with their peak RSS; the order rotates each round so none always runs first or last. */
async function runRounds(contenders: Contender[]): Promise<void> {
  for (let rep = 0; rep < RUNS; rep++) {
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(rep + i) % contenders.length] as Contender;
      const r = await runNode(c.args, { probe: true, ...(c.env ? { env: c.env } : {}) });
      c.results.push(r);
      log(`run ${rep + 1}/${RUNS} ${c.name.padEnd(8)} ${(r.ms / 1000).toFixed(2)} s  peak RSS ${r.rssMb?.toFixed(0)} MB`);
    }
  }
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

async function kpiFigures(dir: string, config: string): Promise<void> {
  // last-30-days as the CLI resolves it: today is NOW's day in the store's zone, the period is the
  // 30 days before it. Checked against the report's own period below.
  const today = NOW.slice(0, 10);
  const first = addDays(today, -30);
  const last = addDays(today, -1);
  const from = `${first}T00:00:00${UTC_OFFSET}`;
  const to = `${today}T00:00:00${UTC_OFFSET}`;

  const contenders: Contender[] = [
    {
      name: "kpi",
      args: ["bin/merchops.js", "kpi", "report", "--config", config, "--store", "bench", "--period", PERIOD, "--json", "--quiet"],
      env: { MERCHOPS_NOW: NOW },
      results: [],
    },
    { name: "baseline", args: ["bench/baselines/csv-parse-all.mjs", dir], results: [] },
    { name: "duckdb", args: ["bench/baselines/duckdb-kpi.mjs", dir, from, to, first, last], results: [] },
  ];
  const byName = (n: Contender["name"]) => contenders.find((c) => c.name === n) as Contender;

  // Warm the page cache and DuckDB's native library (untimed): the cold first read is not the figure.
  log("warm-up: csv-parse baseline and duckdb (untimed)");
  await runNode(byName("baseline").args);
  await runNode(byName("duckdb").args);

  await runRounds(contenders);

  const kpi = byName("kpi");
  const baseline = byName("baseline");
  const duck = byName("duckdb");
  const times = (c: Contender) => c.results.map((r) => round(r.ms));
  const kpiMs = median(kpi.results.map((r) => r.ms));
  const baselineMs = median(baseline.results.map((r) => r.ms));
  const duckMs = median(duck.results.map((r) => r.ms));

  const ratio = kpiMs / baselineMs;
  emit({
    figure: "kpi_vs_csv_parse",
    orders: ORDERS,
    ratio: round(ratio, 2),
    kpi_ms: round(kpiMs),
    baseline_ms: round(baselineMs),
    kpi_runs_ms: times(kpi),
    baseline_runs_ms: times(baseline),
    runs: RUNS,
    target: `<=${TARGETS.kpiVsCsvParse}`,
    ok: ratio <= TARGETS.kpiVsCsvParse,
  });

  const rss = kpi.results.map((r) => r.rssMb ?? Number.NaN);
  const peak = Math.max(...rss);
  emit({
    figure: "kpi_peak_rss_mb",
    orders: ORDERS,
    value: round(peak),
    kpi_runs_mb: rss.map((x) => round(x)),
    baseline_runs_mb: baseline.results.map((r) => round(r.rssMb ?? Number.NaN)),
    runs: RUNS,
    target: `<=${TARGETS.peakRssMb}`,
    ok: peak <= TARGETS.peakRssMb,
  });

  // Agreement: the report's own figures against DuckDB's, on the last run of each.
  const report = JSON.parse((kpi.results.at(-1) as RunResult).stdout) as {
    period: { first: string; last: string };
    rows: { id: string; value: number | null }[];
  };
  const ours = (id: string) => report.rows.find((r) => r.id === id)?.value ?? null;
  const theirs = JSON.parse((duck.results.at(-1) as RunResult).stdout) as Record<string, number>;
  const num = (k: string) => theirs[k] ?? Number.NaN;
  const checks = {
    period: { ours: `${report.period.first}..${report.period.last}`, duckdb: `${first}..${last}` },
    orders: { ours: ours("orders"), duckdb: num("orders") },
    gmv: { ours: ours("gmv"), duckdb: num("gmv") },
    paying_customers: { ours: ours("paying_customers"), duckdb: num("paying_customers") },
    visitors: { ours: ours("visitors"), duckdb: num("visitors") },
    sessions: { ours: ours("sessions"), duckdb: num("sessions") },
    return_rate_units: { ours: ours("return_rate_units"), duckdb: num("returned_units") / num("units") },
  };
  const same = (k: keyof typeof checks) => {
    const { ours: a, duckdb: b } = checks[k];
    return typeof a === "number" && typeof b === "number" ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : a === b;
  };
  const agrees = same("period") && same("orders") && same("gmv");
  const mismatched = (Object.keys(checks) as (keyof typeof checks)[]).filter((k) => !same(k));
  emit({
    figure: "duckdb_reference",
    orders: ORDERS,
    ratio: round(kpiMs / duckMs, 2),
    kpi_ms: round(kpiMs),
    duckdb_ms: round(duckMs),
    duckdb_runs_ms: times(duck),
    duckdb_in_process_ms: median(duck.results.map((r) => (JSON.parse(r.stdout) as { query_ms: number }).query_ms)),
    duckdb_peak_rss_mb: round(Math.max(...duck.results.map((r) => r.rssMb ?? Number.NaN))),
    runs: RUNS,
    agrees,
    also_checked: Object.fromEntries(Object.entries(checks).filter(([k]) => !["period", "orders", "gmv"].includes(k))),
    mismatched,
  });
}

// --- Figures 5-7: the returns audit -----------------------------------------------------------

async function returnsFigures(dir: string, config: string): Promise<void> {
  // The whole generated span, so every order's returns have had their window (a mature cohort).
  const first = "2026-08-27";
  const last = "2026-11-24";
  const from = `${first}T00:00:00${UTC_OFFSET}`;
  const to = `${addDays(last, 1)}T00:00:00${UTC_OFFSET}`;
  const contenders: Contender[] = [
    {
      name: "audit",
      args: [
        "bin/merchops.js",
        "returns",
        "audit",
        "--config",
        config,
        "--store",
        "bench",
        "--period",
        `${first}..${last}`,
        "--json",
        "--quiet",
      ],
      env: { MERCHOPS_NOW: NOW },
      results: [],
    },
    { name: "baseline", args: ["bench/baselines/csv-parse-all.mjs", dir, "orders.csv", "order_lines.csv", "returns.csv"], results: [] },
    { name: "duckdb", args: ["bench/baselines/duckdb-returns.mjs", dir, from, to], results: [] },
  ];
  const byName = (n: string) => contenders.find((c) => c.name === n) as Contender;
  log("returns audit warm-up (untimed)");
  await runNode(byName("baseline").args);
  await runNode(byName("duckdb").args);
  await runRounds(contenders);
  const audit = byName("audit");
  const baseline = byName("baseline");
  const duck = byName("duckdb");
  const ms = (c: Contender) => median(c.results.map((r) => r.ms));
  const counts = JSON.parse((baseline.results.at(-1) as RunResult).stdout) as Record<string, number>;
  const ratio = ms(audit) / ms(baseline);
  emit({
    figure: "returns_audit_vs_csv_parse",
    orders: ORDERS,
    order_lines: (counts["order_lines.csv"] ?? 1) - 1,
    returns: (counts["returns.csv"] ?? 1) - 1,
    ratio: round(ratio, 2),
    audit_ms: round(ms(audit)),
    baseline_ms: round(ms(baseline)),
    audit_runs_ms: audit.results.map((r) => round(r.ms)),
    baseline_runs_ms: baseline.results.map((r) => round(r.ms)),
    runs: RUNS,
    target: `<=${TARGETS.kpiVsCsvParse}`,
    ok: ratio <= TARGETS.kpiVsCsvParse,
  });
  const peak = Math.max(...audit.results.map((r) => r.rssMb ?? Number.NaN));
  emit({
    figure: "returns_audit_peak_rss_mb",
    orders: ORDERS,
    value: round(peak),
    audit_runs_mb: audit.results.map((r) => round(r.rssMb ?? Number.NaN)),
    baseline_runs_mb: baseline.results.map((r) => round(r.rssMb ?? Number.NaN)),
    runs: RUNS,
    target: `<=${TARGETS.peakRssMb}`,
    ok: peak <= TARGETS.peakRssMb,
  });
  const report = JSON.parse((audit.results.at(-1) as RunResult).stdout) as {
    summary: {
      orders: number;
      units_sold: number;
      returned_units: number;
      returned_orders: number;
      refund_value: number;
      merchandise: number;
    };
  };
  const theirs = JSON.parse((duck.results.at(-1) as RunResult).stdout) as Record<string, number>;
  const s = report.summary;
  const checks: Record<string, [number, number | undefined]> = {
    orders: [s.orders, theirs.orders],
    units: [s.units_sold, theirs.units],
    merchandise: [s.merchandise, theirs.merchandise],
    returned_units: [s.returned_units, theirs.returned_units],
    returned_orders: [s.returned_orders, theirs.returned_orders],
    refunds: [s.refund_value, theirs.refunds],
  };
  const mismatched = Object.entries(checks)
    .filter(([, [a, b]]) => a !== b)
    .map(([k]) => k);
  emit({
    figure: "returns_duckdb_reference",
    orders: ORDERS,
    ratio: round(ms(audit) / ms(duck), 2),
    audit_ms: round(ms(audit)),
    duckdb_ms: round(ms(duck)),
    duckdb_in_process_ms: median(duck.results.map((r) => (JSON.parse(r.stdout) as { query_ms: number }).query_ms)),
    runs: RUNS,
    agrees: mismatched.length === 0,
    mismatched,
    rates_ours: { units: s.returned_units / s.units_sold, orders: s.returned_orders / s.orders, value: s.refund_value / s.merchandise },
  });
}

// --- Figure 4: start-up -----------------------------------------------------------------------

async function helpFigure(): Promise<void> {
  const help: number[] = [];
  const bare: number[] = [];
  log(`help_vs_node: ${HELP_RUNS} runs each, interleaved`);
  await runNode(["bin/merchops.js", "--help"]); // warm-up, untimed
  for (let i = 0; i < HELP_RUNS; i++) {
    const pair = i % 2 === 0 ? ["help", "bare"] : ["bare", "help"];
    for (const which of pair) {
      if (which === "help") help.push((await runNode(["bin/merchops.js", "--help"])).ms);
      else bare.push((await runNode(["-e", "0"])).ms);
    }
  }
  const ratio = median(help) / median(bare);
  emit({
    figure: "help_vs_node",
    ratio: round(ratio, 2),
    help_ms: round(median(help), 1),
    node_ms: round(median(bare), 1),
    help_runs_ms: help.map((x) => round(x, 1)),
    node_runs_ms: bare.map((x) => round(x, 1)),
    runs: HELP_RUNS,
    target: `<=${TARGETS.helpVsNode}`,
    ok: ratio <= TARGETS.helpVsNode,
  });
}

// --- Figures 5-6: catalog import ------------------------------------------------------------------

async function catalogFigures(): Promise<void> {
  const { writeNativeCatalogCsv, writeCatalogXlsx } = await import("../scripts/lib/catalog-bench-data.js");
  const dataDir = join(ROOT, "bench", ".data");
  await mkdir(dataDir, { recursive: true });
  const csvName = `catalog-${CATALOG_VARIANTS}.csv`;
  const csv = join(dataDir, csvName);
  if (!existsSync(csv)) {
    log(`catalog: generating ${CATALOG_VARIANTS.toLocaleString("en")} variants into ${csv} ...`);
    await writeNativeCatalogCsv(`${csv}.tmp`, CATALOG_VARIANTS, SEED);
    await import("node:fs/promises").then((fs) => fs.rename(`${csv}.tmp`, csv));
  }
  const xlsx = join(dataDir, `catalog-${CATALOG_XLSX_ROWS}.xlsx`);
  if (!existsSync(xlsx)) {
    log(`catalog: generating ${CATALOG_XLSX_ROWS.toLocaleString("en")} xlsx rows into ${xlsx} ...`);
    await writeCatalogXlsx(`${xlsx}.tmp.xlsx`, CATALOG_XLSX_ROWS);
    await import("node:fs/promises").then((fs) => fs.rename(`${xlsx}.tmp.xlsx`, xlsx));
  }
  // Each import goes into a fresh local store (a new state file), so every run does the same work.
  const work = join(tmpdir(), `merchops-bench-catalog-${process.pid}`);
  await mkdir(work, { recursive: true });
  const config = join(work, "merchops.config.yaml");
  await writeFile(config, "defaultStore: bench\ntimezone: Asia/Shanghai\ncurrency: CNY\nstores:\n  bench: { platform: local }\n");
  const importArgs = (file: string, state: string) => [
    "bin/merchops.js",
    "catalog",
    "import",
    file,
    "--config",
    config,
    "--state",
    state,
    "--quiet",
    "--json",
  ];
  const ours: RunResult[] = [];
  const base: RunResult[] = [];
  log(`catalog_import_vs_csv_parse: ${RUNS} runs each, interleaved`);
  for (let i = 0; i < RUNS; i++) {
    for (const which of i % 2 === 0 ? ["ours", "base"] : ["base", "ours"]) {
      if (which === "base") base.push(await runNode([join(ROOT, "bench", "baselines", "csv-parse-all.mjs"), dataDir, csvName]));
      else {
        const state = join(work, `state-${i}.db`);
        const r = await runNode(importArgs(csv, state), { probe: true });
        const doc = JSON.parse(r.stdout) as { products: { create: number }; variants: { create: number }; error_count: number };
        if (doc.variants.create !== CATALOG_VARIANTS || doc.error_count !== 0) {
          throw new Error(
            `catalog import created ${doc.variants.create} variants with ${doc.error_count} errors; expected ${CATALOG_VARIANTS}`,
          );
        }
        ours.push(r);
        await rm(state, { force: true });
        await rm(`${state}-wal`, { force: true });
        await rm(`${state}-shm`, { force: true });
      }
    }
  }
  const ratio = median(ours.map((r) => r.ms)) / median(base.map((r) => r.ms));
  const rss = Math.max(...ours.map((r) => r.rssMb ?? 0));
  emit({
    figure: "catalog_import_vs_csv_parse",
    variants: CATALOG_VARIANTS,
    ratio: round(ratio, 2),
    import_ms: round(median(ours.map((r) => r.ms))),
    csv_parse_ms: round(median(base.map((r) => r.ms))),
    import_runs_ms: ours.map((r) => round(r.ms)),
    csv_parse_runs_ms: base.map((r) => round(r.ms)),
    target: `<=${TARGETS.catalogVsCsvParse}`,
    ok: ratio <= TARGETS.catalogVsCsvParse,
  });
  emit({
    figure: "catalog_import_peak_rss_mb",
    variants: CATALOG_VARIANTS,
    peak_rss_mb: round(rss),
    runs_mb: ours.map((r) => round(r.rssMb ?? 0)),
    target: `<=${TARGETS.catalogRssMb}`,
    ok: rss <= TARGETS.catalogRssMb,
  });
  const xr = await runNode(importArgs(xlsx, join(work, "state-xlsx.db")), { probe: true });
  const xdoc = JSON.parse(xr.stdout) as { rows: number; error_count: number };
  emit({
    figure: "catalog_xlsx_peak_rss_mb",
    rows: xdoc.rows,
    errors: xdoc.error_count,
    ms: round(xr.ms),
    peak_rss_mb: round(xr.rssMb ?? 0),
    target: `<=${TARGETS.catalogXlsxRssMb}`,
    ok: (xr.rssMb ?? 0) <= TARGETS.catalogXlsxRssMb,
  });
  await rm(work, { recursive: true, force: true });
}

// --- Shopify orders export through its profile -------------------------------------------------

async function shopifyExportFigures(): Promise<void> {
  const dir = join(ROOT, "bench", ".data", `shopify-export-${ORDERS}`);
  const marker = join(dir, "generated.json");
  if (!existsSync(marker)) {
    log(`generating a Shopify orders export of ${ORDERS.toLocaleString("en")} orders in ${dir}`);
    await generateShopifyExport(join(dir, "exports"), ORDERS, SEED, END_DATE);
    await writeFile(marker, JSON.stringify({ orders: ORDERS, seed: SEED }));
  }
  const config = join(dir, "merchops.config.yaml");
  await writeFile(
    config,
    [
      "timezone: Asia/Shanghai",
      "currency: CNY",
      "stores:",
      "  shop:",
      "    platform: files",
      `    dir: ${JSON.stringify(join(dir, "exports"))}`,
      "",
    ].join("\n"),
  );
  const contenders: Contender[] = [
    {
      name: "kpi",
      args: ["bin/merchops.js", "kpi", "report", "--config", config, "--store", "shop", "--period", PERIOD, "--json", "--quiet"],
      env: { MERCHOPS_NOW: NOW },
      results: [],
    },
    { name: "baseline", args: ["bench/baselines/csv-parse-all.mjs", join(dir, "exports"), "orders_export_1.csv"], results: [] },
  ];
  log("warm-up: csv-parse baseline (untimed)");
  await runNode((contenders[1] as Contender).args);
  await runRounds(contenders);
  const [kpi, baseline] = contenders as [Contender, Contender];
  const kpiMs = median(kpi.results.map((r) => r.ms));
  const baselineMs = median(baseline.results.map((r) => r.ms));
  const ratio = kpiMs / baselineMs;
  const report = JSON.parse(kpi.results[0]?.stdout ?? "{}") as { rows?: { id: string; value: number | null }[] };
  emit({
    figure: "shopify_export_kpi_vs_csv_parse",
    orders: ORDERS,
    ratio: round(ratio, 2),
    kpi_ms: round(kpiMs),
    baseline_ms: round(baselineMs),
    kpi_runs_ms: kpi.results.map((r) => round(r.ms)),
    baseline_runs_ms: baseline.results.map((r) => round(r.ms)),
    orders_in_period: report.rows?.find((r) => r.id === "orders")?.value ?? null,
    runs: RUNS,
    target: `<=${TARGETS.kpiVsCsvParse}`,
    ok: ratio <= TARGETS.kpiVsCsvParse,
  });
  const peak = Math.max(...kpi.results.map((r) => r.rssMb ?? Number.NaN));
  emit({
    figure: "shopify_export_kpi_peak_rss_mb",
    orders: ORDERS,
    value: round(peak),
    runs: RUNS,
    target: `<=${TARGETS.peakRssMb}`,
    ok: peak <= TARGETS.peakRssMb,
  });
}

async function shopifyPacingFigure(): Promise<void> {
  const { runShopifyPacingBench } = await import("./shopify-pacing.js");
  const products = positiveInt("BENCH_SHOPIFY_PRODUCTS", 5000);
  log(`shopify_pacing: ${products} product writes, ours then naive`);
  const r = await runShopifyPacingBench({ products });
  emit({ figure: "shopify_pacing", products, ...r });
}

async function wooFaultsFigure(): Promise<void> {
  const { runWooFaultsBench } = await import("./woocommerce-faults.js");
  const products = positiveInt("BENCH_WOO_PRODUCTS", 2000);
  log(`woocommerce_faults: ${products} products under the fault mix, slow answers included`);
  emit({ figure: "woocommerce_faults", ...(await runWooFaultsBench({ products })) });
}

async function courierFigure(): Promise<void> {
  const { runCourierBench } = await import("./couriers.js");
  const shipments = positiveInt("BENCH_SHIPMENTS", 10_000);
  log(`courier_sync: ${shipments} shipments per provider`);
  emit({ figure: "courier_sync", ...(await runCourierBench({ shipments })) });
}

// --- Main -------------------------------------------------------------------------------------

if (!existsSync(join(ROOT, "dist", "cli.js"))) throw new Error("dist/cli.js is missing: run `npm run build` first (npm run bench does)");
log(`merchops bench: ${ORDERS.toLocaleString("en")} orders, ${RUNS} runs per contender, node ${process.version}, commit ${COMMIT}`);
const only = process.env.BENCH_ONLY;
const needsStore = !only || only === "kpi" || only === "returns";
const { dir, config } = needsStore ? await ensureStore(ORDERS) : { dir: "", config: "" };
if (!only || only === "kpi") await kpiFigures(dir, config);
if (!only || only === "returns") await returnsFigures(dir, config);
if (!only || only === "help") await helpFigure();
if (!only || only === "catalog") await catalogFigures();
if (!only || only === "shopify") await shopifyPacingFigure();
if (!only || only === "shopify-export") await shopifyExportFigures();
if (!only || only === "couriers") await courierFigure();
if (!only || only === "woocommerce") await wooFaultsFigure();
