/**
 * Report charts drawn by Apache ECharts' server-side SVG renderer: no browser and no script at
 * render time, and none in the page; the SVG string is inlined into the self-contained HTML.
 *
 * What the charts promise a reader: thresholds are mark lines; additive quantities start at zero;
 * every category is labelled in full (bars turn horizontal when labels would not fit under them);
 * bars carry their value; a time axis shows wall-clock time in the store's zone.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { Locale } from "../core/i18n/index.js";
import type { Chart, ChartMarkLine, ColumnKind } from "../core/report.js";
import { offsetMs } from "../core/time.js";
import { formatDuration, formatMoney, formatNumber, formatPercent, formatValue } from "../io/format.js";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies; yellow last (weak on white). */
export const CHART_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"] as const;
/** Thresholds: the breach red of the tables, dashed so it never reads as a series. */
export const MARK_LINE_COLOUR = "#CF222E";

export const CHART_WIDTH = 960;
const LINE_HEIGHT = 340;
const AXIS_FONT = 12;
/** Height per category row of a horizontal bar chart, per series. */
const BAR_ROW = 22;
/** Width left for the plot once the value axis labels are drawn (an estimate; ECharts lays out). */
const PLOT_WIDTH = CHART_WIDTH - 120;
/** Labels up to this wide (px) are turned 45° rather than making the bars horizontal. */
const ROTATED_LABEL_MAX = 90;
/** Line charts show a dot per point up to this many points; beyond, the dots merge into a bar. */
const MAX_DOTS = 45;
const LATIN_FONTS = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial"];
/**
 * CJK fonts per script: Noto Sans CJK (Linux, the headless Chromium of the tests), PingFang (macOS,
 * iOS), Microsoft YaHei / JhengHei (Windows). Chinese pages list them first, so Chinese text and the
 * Latin figures beside it come from one font, and a Traditional page picks the TC forms.
 */
const CJK_FONTS: Record<Locale, readonly string[]> = {
  en: ["PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC"],
  "zh-Hans": ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB"],
  "zh-Hant": ["Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK SC", "PingFang SC"],
};

/**
 * The font stack of a page in `locale`, for CSS and for the charts' SVG text. ECharts writes the
 * family unescaped into a double-quoted style attribute: the charts quote names with single quotes.
 */
export function fontStack(locale: Locale, quote: "'" | '"' = "'"): string {
  const fonts = locale === "en" ? [...LATIN_FONTS, ...CJK_FONTS.en] : [...CJK_FONTS[locale], ...LATIN_FONTS];
  return [...fonts.map((f) => (/^[\w-]+$/.test(f) ? f : `${quote}${f}${quote}`)), "sans-serif"].join(", ");
}

/** The SVG of one chart, or null when no series has a value (the page says "no data" instead). */
export function chartSvg(chart: Chart, locale: Locale = "en"): string | null {
  const series = chart.series.map((s) => ({ name: s.name, values: cleanValues(s.values, chart.x.length) }));
  if (!series.some((s) => s.values.some((v) => v !== null))) return null;
  const layout = chooseLayout(chart, series.length);
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height: layout.height });
  try {
    instance.setOption(chartOption(chart, series, layout, locale));
    return inlineSvg(instance.renderToSVGString());
  } finally {
    instance.dispose();
  }
}

/**
 * Inline SVG in HTML needs no namespace declarations (the parser knows <svg>); dropping them keeps
 * the page free of any URL, so "no external reference" stays checkable by a plain search.
 */
function inlineSvg(svg: string): string {
  return svg.replace(/^<svg\b[^>]*>/, (open) => open.replace(/\s+xmlns(?::xlink)?="[^"]*"/g, "").replace(/\s+baseProfile="[^"]*"/, ""));
}

interface CleanSeries {
  name: string;
  values: (number | null)[];
}

interface Layout {
  /** Bars run left to right with the categories down the side (long labels). */
  horizontal: boolean;
  /** Degrees to turn category labels that are short but more than fit side by side (dates). */
  rotate: number;
  /** Whether each bar gets its value printed (only when the labels have room). */
  labelBars: boolean;
  height: number;
}

/** Aligns values to the x labels; anything non-finite is a gap, like null, never 0. */
function cleanValues(values: (number | null)[], n: number): (number | null)[] {
  return Array.from({ length: n }, (_, i) => {
    const v = values[i];
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  });
}

function chooseLayout(chart: Chart, seriesCount: number): Layout {
  const flat = { horizontal: false, rotate: 0, labelBars: false, height: LINE_HEIGHT };
  if (chart.kind !== "bar" || chart.xTime) return flat;
  const band = PLOT_WIDTH / Math.max(1, chart.x.length);
  const barWidth = (band * 0.8) / Math.max(1, seriesCount);
  const widestValue = Math.max(
    0,
    ...chart.series.flatMap((s) => s.values.map((v) => (v === null ? 0 : textWidth(pointLabel(v, chart), 11)))),
  );
  const labelBars = widestValue <= barWidth + 4;
  const widest = Math.max(0, ...chart.x.map((label) => textWidth(label, AXIS_FONT)));
  if (widest + 8 <= band) return { ...flat, labelBars };
  // Short labels (days, sizes) turned 45° fit a narrow slot: a line of text needs only its height.
  if (widest <= ROTATED_LABEL_MAX && band >= AXIS_FONT + 4) return { ...flat, rotate: 45, labelBars, height: LINE_HEIGHT + widest * 0.7 };
  // Longer labels would be cut or skipped; on their own row each is shown whole, bars labelled.
  const rows = chart.x.length * Math.max(1, seriesCount);
  return { horizontal: true, rotate: 0, labelBars: true, height: Math.max(180, rows * BAR_ROW + chart.x.length * 8 + 70) };
}

/** Rough rendered width; wide (CJK) characters take a full em. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return em * fontSize;
}

function chartOption(chart: Chart, series: CleanSeries[], layout: Layout, locale: Locale): echarts.EChartsCoreOption {
  const valueAxis = {
    type: "value",
    // scale: true lets the axis leave out zero; only quantities that are not additive may.
    scale: chart.floatingY === true,
    minInterval: chart.unit === "integer" ? 1 : undefined,
    ...markLineBounds(chart),
    axisLabel: { formatter: (v: number) => axisLabel(v, chart), fontSize: AXIS_FONT },
    splitLine: { lineStyle: { color: "#E6E9EC" } },
  };
  const categoryAxis = chart.xTime
    ? timeAxis()
    : {
        type: "category",
        data: chart.x,
        // Bars: every category gets its label (a skipped label is a bar nobody can name); a line's
        // days may skip labels as long as they do not overlap.
        axisLabel:
          chart.kind === "bar" ? { interval: 0, rotate: layout.rotate, fontSize: AXIS_FONT } : { hideOverlap: true, fontSize: AXIS_FONT },
        axisTick: { alignWithLabel: true },
        ...(layout.horizontal ? { inverse: true } : {}),
      };
  const legend = series.length > 1 || (chart.markLines?.length ?? 0) > 0;
  return {
    animation: false,
    useUTC: true,
    color: [...CHART_PALETTE],
    textStyle: { fontFamily: fontStack(locale), color: "#59636E" },
    legend: legend ? { show: true, top: 0, left: 0, itemGap: 18, textStyle: { fontSize: 13 } } : { show: false },
    grid: gridOption(chart, layout, legend),
    xAxis: layout.horizontal ? valueAxis : categoryAxis,
    yAxis: layout.horizontal ? categoryAxis : valueAxis,
    series: [
      ...series.map((s, i) => seriesOption(chart, s, i, layout)),
      ...(chart.markLines ?? []).map((m) => markLineSeries(chart, m, layout)),
    ],
  };
}

/**
 * ECharts 6 keeps axis labels inside the chart by itself, but on the server it measures text
 * without fonts and cuts long category labels of horizontal bars: those get a margin from our own
 * (generous) estimate instead.
 */
function gridOption(chart: Chart, layout: Layout, legend: boolean): Record<string, unknown> {
  const top = legend ? 40 : 16;
  if (!layout.horizontal) return { left: 8, right: 24, top, bottom: 8, outerBoundsMode: "same" };
  const widest = Math.max(0, ...chart.x.map((label) => textWidth(label, AXIS_FONT)));
  return { left: Math.ceil(widest * 1.1) + 16, right: 72, top, bottom: 28, outerBoundsMode: "none" };
}

function timeAxis(): Record<string, unknown> {
  return {
    type: "time",
    axisLabel: {
      fontSize: AXIS_FONT,
      hideOverlap: true,
      // Wall-clock values are stored as UTC (useUTC), so these read as the store's local time.
      formatter: { year: "{yyyy}", month: "{yyyy}-{MM}", day: "{MM}-{dd}", hour: "{MM}-{dd} {HH}:{mm}", minute: "{HH}:{mm}" },
    },
    splitLine: { show: false },
  };
}

/**
 * The axis must reach every reference line, or it would be drawn off the plot. Only when a line
 * lies beyond the data is the bound set (to a round number); otherwise ECharts picks round ticks.
 */
function markLineBounds(chart: Chart): { max?: number; min?: number } {
  const marks = (chart.markLines ?? []).map((m) => m.value);
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (marks.length === 0 || values.length === 0) return {};
  const top = Math.max(...marks);
  const bottom = Math.min(...marks);
  const dataMax = values.reduce((a, b) => Math.max(a, b));
  const dataMin = values.reduce((a, b) => Math.min(a, b));
  return {
    ...(top > dataMax ? { max: niceCeil(top * 1.1) } : {}),
    // A floating axis starts near the data; a line below it pulls the start down.
    ...(chart.floatingY && bottom < dataMin && bottom > 0 ? { min: niceFloor(bottom * 0.97) } : {}),
  };
}

/** Rounds down to a multiple of the power of ten below the value's own magnitude: 38700 -> 38000. */
function niceFloor(v: number): number {
  const step = 10 ** Math.floor(Math.log10(v) - 1);
  return Math.floor(v / step) * step;
}

/** Rounds up to 1, 2, 2.5 or 5 times a power of ten, so the top tick stays a round number. */
function niceCeil(v: number): number {
  if (v <= 0) return 0;
  const mag = 10 ** Math.floor(Math.log10(v));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * mag >= v) ?? 10;
  return Number((step * mag).toPrecision(12));
}

function seriesOption(chart: Chart, s: CleanSeries, index: number, layout: Layout): Record<string, unknown> {
  const data = chart.xTime ? s.values.map((v, i) => [wallClock(chart.x[i] ?? "", chart.xTime?.timeZone ?? "UTC"), v]) : s.values;
  if (chart.kind === "bar") {
    return {
      type: "bar",
      name: s.name,
      data,
      barMaxWidth: 48,
      label: {
        show: layout.labelBars,
        position: layout.horizontal ? "right" : "top",
        fontSize: 11,
        formatter: (p: { value: number | null }) => (p.value === null ? "" : pointLabel(p.value, chart)),
      },
    };
  }
  const points = s.values.filter((v) => v !== null).length;
  return {
    type: "line",
    name: s.name,
    data,
    // A null is a gap in the line, not a fall to zero.
    connectNulls: false,
    showSymbol: points <= MAX_DOTS || isolatedPoints(s.values),
    symbolSize: 6,
    lineStyle: { width: 2.5 },
    color: CHART_PALETTE[index % CHART_PALETTE.length],
  };
}

/** A point with no neighbour has no line: without its dot it would not be drawn at all. */
function isolatedPoints(values: (number | null)[]): boolean {
  return values.some((v, i) => v !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null);
}

/** A threshold as its own legend entry with an empty series carrying the dashed line. */
function markLineSeries(chart: Chart, mark: ChartMarkLine, layout: Layout): Record<string, unknown> {
  return {
    // A line series with no points: it reserves no bar slot, yet gives the threshold a legend entry.
    type: "line",
    name: mark.name,
    data: [],
    color: MARK_LINE_COLOUR,
    markLine: {
      silent: true,
      symbol: "none",
      lineStyle: { color: MARK_LINE_COLOUR, type: "dashed", width: 2 },
      label: {
        position: "insideEndTop",
        color: MARK_LINE_COLOUR,
        fontSize: 12,
        formatter: `${mark.name} ${pointLabel(mark.value, chart)}`,
      },
      data: [layout.horizontal ? { xAxis: mark.value } : { yAxis: mark.value }],
    },
  };
}

function pointLabel(v: number, chart: Chart): string {
  if (chart.unit === "money") return trimWholeMoney(formatMoney(v, chart.currency ?? "CNY"));
  return formatValue(v, chart.unit, chart.currency ? { currency: chart.currency } : {});
}

function axisLabel(v: number, chart: Chart): string {
  return formatTick(v, chart.unit, chart.currency);
}

function formatTick(v: number, unit: ColumnKind, currency: string | undefined): string {
  switch (unit) {
    case "money":
      // "¥1,000.00" on every tick reads as noise; whole amounts drop the fraction.
      return trimWholeMoney(formatMoney(v, currency ?? "CNY"));
    case "percent":
      return formatPercent(v, decimalsOf(v * 100));
    case "duration":
      return v === 0 ? "0" : formatDuration(v);
    case "integer":
      return formatNumber(Math.round(v), 0);
    default:
      return formatNumber(v, decimalsOf(v));
  }
}

function trimWholeMoney(text: string): string {
  return text.replace(/\.0+$/, "");
}

/** Fraction digits needed to show a tick exactly: 0.25 -> 2, 5 -> 0 (at most 4). */
function decimalsOf(v: number): number {
  const s = String(Number(v.toPrecision(6)));
  if (s.includes("e")) return 4;
  return Math.min(4, s.split(".")[1]?.length ?? 0);
}

/**
 * An instant as the wall-clock time of `timeZone`, encoded as if it were UTC: with `useUTC` the
 * time axis then labels and spaces the points in the store's local time.
 */
export function wallClock(iso: string, timeZone: string): number | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return Math.floor(t / 1000) * 1000 + offsetMs(t, timeZone);
}
