/**
 * Real-browser checks for the HTML writer: screenshot a file with headless Chromium and make sure
 * the PNG shows something (text, colours, chart series) rather than a blank or broken page.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PNG } from "pngjs";
import { expect } from "vitest";

export const MISSING_CHROMIUM =
  "Chromium not found (checked $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser). " +
  "Run `node scripts/ensure-browser.mjs` (as root with apt-get) or install Chromium and set CHROMIUM_PATH.";

/** Keep in sync with scripts/ensure-browser.mjs. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return null;
}

/** Screenshots a local HTML file; `size` is Chromium's "width,height" of the viewport. */
export async function screenshot(htmlPath: string, pngPath: string, size = "1200,1600"): Promise<void> {
  const chromium = findChromium();
  if (chromium === null) throw new Error(MISSING_CHROMIUM);
  // A fresh profile per run: a shared one locks and leaks state between test runs.
  const profile = await mkdtemp(join(tmpdir(), "merchops-chromium-"));
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    `--user-data-dir=${profile}`,
    `--window-size=${size}`,
    `--screenshot=${resolve(pngPath)}`,
    pathToFileURL(resolve(htmlPath)).href,
  ];
  try {
    await new Promise<void>((done, fail) => {
      execFile(chromium, args, { timeout: 60_000, killSignal: "SIGKILL" }, (error, _stdout, stderr) => {
        if (error) fail(new Error(`Chromium failed (${error.message}):\n${stderr.slice(-2000)}`));
        else done();
      });
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  if (!existsSync(pngPath)) throw new Error(`Chromium exited without writing ${pngPath}`);
}

export interface ColourStats {
  /** Pixels within the tolerance of the colour. */
  count: number;
  /** Bounding box of those pixels, or null when there are none. */
  box: { left: number; top: number; right: number; bottom: number } | null;
}

export interface PngStats {
  width: number;
  height: number;
  nonWhiteShare: number;
  /** Colour buckets (5 bits per channel) holding at least 20 pixels: antialiasing noise is not a colour. */
  distinctColours: number;
  colours: Record<string, ColourStats>;
}

export interface NotBlankOptions {
  /** "#RRGGBB" colours that must each cover at least `minColourPixels` pixels. */
  expectColours?: string[];
  minColourPixels?: number;
  minNonWhiteShare?: number;
  minDistinctColours?: number;
  /** Max per-channel difference for a pixel to count as an expected colour. */
  tolerance?: number;
}

/** Decodes a screenshot and asserts it is a rendered page, not a blank or single-colour one. */
export function assertNotBlank(pngPath: string, opts: NotBlankOptions = {}): PngStats {
  const stats = pngStats(pngPath, opts.expectColours ?? [], opts.tolerance ?? 40);
  const minShare = opts.minNonWhiteShare ?? 0.01;
  const minDistinct = opts.minDistinctColours ?? 6;
  const minPixels = opts.minColourPixels ?? 300;
  expect(stats.nonWhiteShare, `${pngPath}: only ${(stats.nonWhiteShare * 100).toFixed(2)}% non-white pixels`).toBeGreaterThanOrEqual(
    minShare,
  );
  expect(stats.distinctColours, `${pngPath}: only ${stats.distinctColours} distinct colours`).toBeGreaterThanOrEqual(minDistinct);
  for (const [hex, c] of Object.entries(stats.colours)) {
    expect(c.count, `${pngPath}: ${c.count} pixels close to ${hex}, expected at least ${minPixels}`).toBeGreaterThanOrEqual(minPixels);
  }
  return stats;
}

export function pngStats(pngPath: string, expectColours: string[] = [], tolerance = 40): PngStats {
  const png = PNG.sync.read(readFileSync(pngPath));
  const { width, height, data } = png;
  const targets = expectColours.map((hex) => ({ hex, rgb: parseHex(hex) }));
  const colours: Record<string, ColourStats> = Object.fromEntries(targets.map((t) => [t.hex, { count: 0, box: null }]));
  const buckets = new Map<number, number>();
  let nonWhite = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const rgb: [number, number, number] = [data[o] ?? 0, data[o + 1] ?? 0, data[o + 2] ?? 0];
      if (rgb[0] < 245 || rgb[1] < 245 || rgb[2] < 245) nonWhite++;
      const bucket = ((rgb[0] >> 3) << 10) | ((rgb[1] >> 3) << 5) | (rgb[2] >> 3);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
      for (const t of targets) {
        if (!near(rgb, t.rgb, tolerance)) continue;
        const c = colours[t.hex];
        if (!c) continue;
        c.count++;
        c.box = c.box
          ? {
              left: Math.min(c.box.left, x),
              top: Math.min(c.box.top, y),
              right: Math.max(c.box.right, x),
              bottom: Math.max(c.box.bottom, y),
            }
          : { left: x, top: y, right: x, bottom: y };
      }
    }
  }
  const distinctColours = [...buckets.values()].filter((n) => n >= 20).length;
  return { width, height, nonWhiteShare: nonWhite / (width * height), distinctColours, colours };
}

function parseHex(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return [Number.parseInt(m[1] ?? "0", 16), Number.parseInt(m[2] ?? "0", 16), Number.parseInt(m[3] ?? "0", 16)];
}

function near(a: [number, number, number], b: [number, number, number], tolerance: number): boolean {
  return Math.abs(a[0] - b[0]) <= tolerance && Math.abs(a[1] - b[1]) <= tolerance && Math.abs(a[2] - b[2]) <= tolerance;
}

/** What the probe script measured in the page, as Chromium laid it out. */
export interface PageProbe {
  title: string;
  tiles: number;
  tables: string[];
  charts: {
    id: string;
    title: string;
    /** Data marks (bars, line points) with a non-empty box on the page. */
    marks: number;
    /** Dashed reference lines (thresholds). */
    markLines: number;
    /** Text drawn in the chart, in document order (axis labels, values, legend). */
    texts: string[];
    /** Rendered size of the chart's SVG in CSS pixels. */
    width: number;
    height: number;
  }[];
  noData: string[];
  /** CJK characters of the page drawn in the page's font: distinct glyphs and tofu (.notdef) boxes. */
  cjk: { chars: number; distinctGlyphs: number; tofu: number };
  /** The page's lang attribute and the body's computed font-family. */
  lang: string;
  font: string;
}

/**
 * Runs in the page (a copy of it: the report itself carries no script) after Chromium laid it out,
 * and leaves its measurements as JSON in a <pre> for --dump-dom to print.
 */
const PROBE_SCRIPT = `
(() => {
  const box = (el) => { const r = el.getBBox(); return r.width > 0 || r.height > 0; };
  const charts = [...document.querySelectorAll("figure.chart")].map((fig) => {
    const svg = fig.querySelector("svg");
    const rect = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    const marks = svg ? [...svg.querySelectorAll('[ecmeta_ssr_type="chart"]:not([ecmeta_silent])')].filter(box).length : 0;
    return {
      id: fig.id.replace(/^chart-/, ""),
      title: fig.querySelector("figcaption h2")?.textContent ?? "",
      marks,
      markLines: svg ? svg.querySelectorAll("path[stroke-dasharray]").length : 0,
      texts: svg ? [...svg.querySelectorAll("text")].map((t) => t.textContent) : [],
      width: rect.width,
      height: rect.height,
    };
  });
  const glyph = (ch, font) => {
    const c = document.createElement("canvas");
    c.width = 48; c.height = 48;
    const g = c.getContext("2d");
    g.font = "40px " + font;
    g.fillText(ch, 2, 40);
    const d = g.getImageData(0, 0, 48, 48).data;
    let h = 0;
    for (let i = 3; i < d.length; i += 4) h = (h * 31 + d[i]) | 0;
    return h;
  };
  const font = getComputedStyle(document.body).fontFamily;
  const chars = [...new Set([...document.body.innerText].filter((ch) => /[\\u4e00-\\u9fff]/.test(ch)))].slice(0, 12);
  const notdef = glyph("\\u{10FFFD}", font);
  const hashes = chars.map((ch) => glyph(ch, font));
  const out = {
    title: document.title,
    tiles: document.querySelectorAll(".tile").length,
    tables: [...document.querySelectorAll("section.report-table h2")].map((h) => h.textContent),
    charts,
    noData: [...document.querySelectorAll("figure.chart .no-data")].map((p) => p.closest("figure").id),
    cjk: { chars: chars.length, distinctGlyphs: new Set(hashes).size, tofu: hashes.filter((h) => h === notdef).length },
    lang: document.documentElement.lang,
    font,
  };
  const pre = document.createElement("pre");
  pre.id = "merchops-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
`;

/** Opens a copy of the page with the probe script in headless Chromium and returns what it measured. */
export async function probePage(htmlPath: string, size = "1280,2000"): Promise<PageProbe> {
  const chromium = findChromium();
  if (chromium === null) throw new Error(MISSING_CHROMIUM);
  const work = await mkdtemp(join(tmpdir(), "merchops-probe-"));
  const copy = join(work, "page.html");
  const html = readFileSync(htmlPath, "utf8");
  writeFileSync(copy, html.replace("</body>", `<script>${PROBE_SCRIPT}</script>\n</body>`), "utf8");
  const profile = join(work, "profile");
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${profile}`,
    `--window-size=${size}`,
    "--dump-dom",
    pathToFileURL(copy).href,
  ];
  try {
    const dom = await new Promise<string>((done, fail) => {
      execFile(chromium, args, { timeout: 60_000, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) fail(new Error(`Chromium failed (${error.message}):\n${stderr.slice(-2000)}`));
        else done(stdout);
      });
    });
    const m = /<pre id="merchops-probe">([\s\S]*?)<\/pre>/.exec(dom);
    if (!m?.[1]) throw new Error(`the probe did not run in ${htmlPath}`);
    return JSON.parse(decodeEntities(m[1])) as PageProbe;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e] ?? "");
}
