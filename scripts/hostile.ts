/**
 * `npm run hostile`: the heavy hostile cases (issue 13), which `npm test` leaves out for time:
 * 1 GB zip bombs, 50 MB lines, a million-row file with one late error. Each runs the built CLI
 * under NODE_OPTIONS=--max-old-space-size=256 through GNU time, and must exit with the expected
 * code and message, write nothing to the store, stay within the memory bound and (bombs) the time
 * bound, and never die of a V8 fatal error. Prints one line per case; exits 1 if any case fails.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { gbkWithBadByte, longLine, xlsxBomb, xlsxHugeCell, xlsxLyingSizes } from "../test/hostile/generators.js";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "merchops.js");
const RSS_LIMIT_MB = 300;
const BOMB_SECONDS = 5;

interface Case {
  name: string;
  file: string;
  make: () => Buffer | string;
  exit: number;
  message: RegExp;
  /** Bombs must be refused quickly; other cases only need to finish. */
  maxSeconds?: number;
  /** Refusals before any row is processed must stay small; a full import pass is only reported. */
  maxRssMb?: number;
  config?: string;
}

function millionRows(): string {
  const parts: string[] = ["handle,title,sku,price\n"];
  for (let i = 1; i <= 1_000_000; i++) parts.push(`p-${i},Tee ${i},SKU-${i},${i === 999_999 ? "abc" : "12.50"}\n`);
  return parts.join("");
}

const CASES: Case[] = [
  {
    name: "xlsx bomb 1 GB",
    file: "bomb.xlsx",
    make: () => xlsxBomb(1024),
    exit: 3,
    message: /zip bomb.*limits\.xlsxRatio/,
    maxSeconds: BOMB_SECONDS,
  },
  {
    name: "xlsx one 1 GB cell",
    file: "cell.xlsx",
    make: () => xlsxHugeCell(1024),
    exit: 3,
    message: /zip bomb.*limits\.xlsxRatio/,
    maxSeconds: BOMB_SECONDS,
  },
  {
    name: "xlsx 1 GB cell, ratio limit raised",
    file: "cell-raised.xlsx",
    make: () => xlsxHugeCell(1024),
    exit: 3,
    message: /longer than 1,000,000 characters.*limits\.cellChars/,
    maxSeconds: BOMB_SECONDS,
    config: "limits:\n  xlsxRatio: 1000000000\n  xlsxExpandedMB: 100000\n",
  },
  {
    name: "xlsx forged sizes, 1 GB",
    file: "forged.xlsx",
    make: () => xlsxLyingSizes(1024),
    exit: 3,
    message: /forged/,
    maxSeconds: BOMB_SECONDS,
  },
  // Lines are refused at limits.rowMB (16 MB) whatever their length: linear time, reported here.
  {
    name: "csv 50 MB line, no line break",
    file: "line.csv",
    make: () => longLine(50, false),
    exit: 3,
    message: /longer than 16 MB \(limits\.rowMB\)/,
  },
  {
    name: "csv 50 MB unclosed quote",
    file: "quote.csv",
    make: () => longLine(50, true),
    exit: 3,
    message: /longer than 16 MB \(limits\.rowMB\)/,
  },
  {
    name: "csv 1M rows, error at row 999,999",
    file: "million.csv",
    make: millionRows,
    exit: 3,
    message: /million\.csv, row 1000000, column "price"/,
    // A full validation pass over a million rows: the importer's memory, not a bomb's.
    maxRssMb: 400,
  },
  {
    name: "gbk bad byte at the end",
    file: "gbk.csv",
    make: () => gbkWithBadByte("end"),
    exit: 3,
    message: /not valid gb18030 at byte \d+/,
  },
];

function storedVariants(dir: string): number {
  try {
    const db = new Database(join(dir, ".merchops", "state.db"), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM variants").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

let failed = 0;
execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
for (const c of CASES) {
  const dir = mkdtempSync(join(tmpdir(), "merchops-hostile-"));
  try {
    writeFileSync(join(dir, "merchops.config.yaml"), `stores:\n  shop:\n    platform: local\n${c.config ?? ""}`);
    writeFileSync(join(dir, c.file), c.make());
    const timing = join(dir, "time.txt");
    const r = spawnSync("/usr/bin/time", ["-f", "%M %e", "-o", timing, "node", BIN, "catalog", "import", c.file, "--store", "shop"], {
      cwd: dir,
      env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=256", NO_COLOR: "1" },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const [kb = "0", seconds = "0"] = readFileSync(timing, "utf8").trim().split(/\s+/).slice(-2);
    const rssMb = Number(kb) / 1024;
    const secs = Number(seconds);
    const problems: string[] = [];
    if (r.status !== c.exit) problems.push(`exit ${r.status}, expected ${c.exit}`);
    if (!c.message.test(r.stderr)) problems.push(`message ${JSON.stringify(r.stderr.slice(0, 300))}`);
    if (/FATAL ERROR|Invalid string length|heap out of memory/i.test(r.stderr)) problems.push("V8 fatal error");
    const rssLimit = c.maxRssMb ?? RSS_LIMIT_MB;
    if (rssMb > rssLimit) problems.push(`peak RSS ${rssMb.toFixed(0)} MB > ${rssLimit} MB`);
    if (c.maxSeconds !== undefined && secs > c.maxSeconds) problems.push(`${secs} s > ${c.maxSeconds} s`);
    const stored = storedVariants(dir);
    if (stored !== 0) problems.push(`${stored} variants written`);
    if (problems.length > 0) failed++;
    console.log(
      `${problems.length === 0 ? "ok  " : "FAIL"} ${c.name.padEnd(38)} exit ${r.status}  ${secs.toFixed(2).padStart(6)} s  peak RSS ${rssMb.toFixed(0).padStart(4)} MB${problems.length ? `  <- ${problems.join("; ")}` : ""}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exitCode = failed === 0 ? 0 : 1;
