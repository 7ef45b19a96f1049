/**
 * 淘宝助理 (Taobao Assistant) item CSV: the catalog format most Taobao and Tmall sellers have.
 *
 * The file (as studied, see fixtures/catalog/cn/README.md): UTF-16 (LE or BE, with BOM; older
 * generations GBK), tab-separated, text fields in double quotes. Generations 5.x start with a
 * `version 1.00` line, then the English field-name line (`title cid seller_cids ... skuProps
 * inputPids inputValues outer_id propAlias ...`), then the Chinese header line; 4.x exports have
 * only the Chinese line (宝贝名称, 宝贝类目, 宝贝价格, 宝贝数量, 宝贝描述, 宝贝图片 ...). The English
 * line is preferred: it survives a Chinese line garbled by a non-Chinese Windows code page, and the
 * newest Chinese line names two columns 物流体积.
 *
 * One row is one item (product). Its variants are in 销售属性组合 (skuProps):
 * `price:quantity:outer_id:pid:vid;pid:vid;price:quantity:outer_id:pid:vid;...` — a SKU starts with
 * price, quantity and its 商家编码 (empty is normal), followed by its property pairs. A property
 * value is named by 销售属性别名 (propAlias, `pid:vid:alias;`), 自定义属性值 (input_custom_cpv,
 * the same syntax, for the seller's own values with negative vids), 用户输入ID串 / 用户输入名-值对
 * (inputPids / inputValues, comma lists), or Taobao's standard value ids. 新图片 (picture):
 * `name:1:position:|url;` for the item's pictures, `name:2:0:pid:vid|url;` for a property value's.
 *
 * This module turns each item row into rows of a fixed native-like layout (one per SKU) that the
 * shared row parser reads: the same standardization, validation and SKU-less rules apply as for
 * any sheet, and messages name the 淘宝助理 column a value came from.
 */
import type { AttributeDictionary } from "../attributes/index.js";
import { type Message, msg } from "../i18n/index.js";
import type { HeaderMapping, MappedColumn } from "./dialects.js";
import { catalogIssue } from "./issue.js";
import { isTaobaoFieldLine, isTaobaoHeader, taobaoField } from "./taobao-fields.js";
import { type Cell, cellText } from "./text.js";
import type { CatalogIssue } from "./types.js";

/**
 * Taobao's standard sale properties (pid -> the attribute it is and its Chinese name), as the
 * studied sources document them: 1627207 颜色分类, 20509 尺码, 20549 鞋码.
 */
export const TAOBAO_PROPERTIES: ReadonlyMap<string, { attr: string; zh: string }> = new Map([
  ["1627207", { attr: "colour", zh: "颜色分类" }],
  ["20509", { attr: "size", zh: "尺码" }],
  ["20549", { attr: "size", zh: "鞋码" }],
]);

/**
 * Standard value ids (vid) whose names the studied files and API documents show; other standard
 * values are named in the file by 销售属性别名 when the seller renamed them, else kept as
 * "pid:vid" with a warning (their names live in Taobao's category data, not in the file).
 */
export const TAOBAO_VALUES: ReadonlyMap<string, string> = new Map([
  ["1627207:28320", "白色"],
  ["1627207:28341", "黑色"],
  ["1627207:28326", "红色"],
  ["1627207:28338", "蓝色"],
  ["1627207:28335", "绿色"],
  ["1627207:28324", "黄色"],
  ["1627207:28329", "紫色"],
  ["1627207:28334", "灰色"],
  ["1627207:3232480", "粉红色"],
  ["1627207:3232483", "军绿色"],
  ["1627207:107121", "透明"],
  ["20509:28381", "XXS"],
  ["20509:28313", "XS"],
  ["20509:28314", "S"],
  ["20509:28315", "M"],
  ["20509:28316", "L"],
  ["20509:28317", "XL"],
  ["20509:28318", "XXL"],
  ["20509:28319", "XXXL"],
]);

/** The sku barcode column as 淘宝助理 names it: the merchant's own header, quoted as written in issues. */
const SKU_BARCODE_COLUMN = "sku 条形码";

/** The attribute an axis of unknown pid goes to: the catch-all spec, or size when a dictionary lacks it. */
const OTHER_AXIS = "spec";

export interface TaobaoSku {
  price: string;
  quantity: string;
  outerId: string;
  /** "pid:vid" pairs in the order written. */
  props: { pid: string; vid: string }[];
}

/** 销售属性组合 -> SKUs; a malformed part is an error naming it. */
export function parseSkuProps(text: string): { skus: TaobaoSku[]; problem?: Message } {
  const skus: TaobaoSku[] = [];
  let current: TaobaoSku | undefined;
  for (const raw of text.split(";")) {
    const token = raw.trim();
    if (token === "") continue;
    const parts = token.split(":");
    if (parts.length >= 5) {
      current = {
        price: (parts[0] as string).trim(),
        quantity: (parts[1] as string).trim(),
        outerId: parts.slice(2, -2).join(":").trim(),
        props: [{ pid: (parts[parts.length - 2] as string).trim(), vid: (parts[parts.length - 1] as string).trim() }],
      };
      skus.push(current);
    } else if (parts.length === 4 && /^\d+(\.\d+)?$/.test((parts[0] as string).trim())) {
      // Some writers leave the 商家编码 slot out entirely: price:quantity:pid:vid.
      current = {
        price: (parts[0] as string).trim(),
        quantity: (parts[1] as string).trim(),
        outerId: "",
        props: [{ pid: (parts[2] as string).trim(), vid: (parts[3] as string).trim() }],
      };
      skus.push(current);
    } else if (parts.length === 2 && current) {
      current.props.push({ pid: (parts[0] as string).trim(), vid: (parts[1] as string).trim() });
    } else {
      return { skus, problem: msg("catalog.taobao.bad_sku_props", { token }) };
    }
  }
  return { skus };
}

/** 销售属性别名 / 自定义属性值: `pid:vid:name;` -> "pid:vid" -> name. */
export function parseValueNames(text: string, into = new Map<string, string>()): Map<string, string> {
  for (const raw of text.split(";")) {
    const token = raw.trim();
    if (token === "") continue;
    const first = token.indexOf(":");
    const second = first < 0 ? -1 : token.indexOf(":", first + 1);
    if (second < 0) continue;
    const name = token.slice(second + 1).trim();
    if (name !== "") into.set(`${token.slice(0, first).trim()}:${token.slice(first + 1, second).trim()}`, name);
  }
  return into;
}

export interface TaobaoPictures {
  /** The item's pictures in position order: URLs only. */
  main: string[];
  /** "pid:vid" -> the property value's picture URL. */
  byValue: Map<string, string>;
  /** Pictures given only as 淘宝助理 local image names (a .tbi file in the export's folder). */
  local: number;
}

const URL = /^(https?:)?\/\//i;
// name:kind:position: for an item picture, name:kind:position:pid:vid for a value's; the name
// itself may be a URL (it has colons), so the name is the shortest prefix that leaves this shape.
const PICTURE = /^(.*?):(\d+):(\d+):(?:(\d+):(-?\d+))?$/;

/** 新图片: `name:1:position:|url;` and `name:2:0:pid:vid|url;`. */
export function parsePictures(text: string): TaobaoPictures {
  const main: { pos: number; url: string }[] = [];
  const byValue = new Map<string, string>();
  let local = 0;
  for (const raw of text.split(";")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const bar = entry.indexOf("|");
    const left = bar < 0 ? entry : entry.slice(0, bar);
    const url = bar < 0 ? "" : entry.slice(bar + 1).trim();
    const m = PICTURE.exec(left.endsWith(":") || /:-?\d+:-?\d+$/.test(left) ? left : `${left}:`);
    const name = m ? (m[1] as string) : left;
    const ref = url !== "" ? url : name;
    if (!URL.test(ref)) {
      local++;
      continue;
    }
    if (m?.[4] !== undefined && m[5] !== undefined) byValue.set(`${m[4]}:${m[5]}`, ref);
    else main.push({ pos: m ? Number(m[3]) : main.length, url: ref });
  }
  main.sort((a, b) => a.pos - b.pos);
  return { main: main.map((m) => m.url), byValue, local };
}

/** 宝贝类目 (cid): Taobao's category id, kept as the product's category; 0 or empty is none yet. */
function categoryId(cid: string): string {
  const t = cid.trim();
  return t === "" || t === "0" ? "" : t;
}

// The native-like layout the expanded rows are in: field, and the 淘宝助理 column named in messages.
const LAYOUT: readonly [MappedColumn["field"], string][] = [
  ["handle", "商家编码"],
  ["title", "宝贝名称"],
  ["description", "宝贝描述"],
  ["status", "放入仓库"],
  ["sku", "销售属性组合"],
  ["price", "宝贝价格"],
  ["inventory", "宝贝数量"],
  ["barcode", "商品条形码"],
  ["category", "宝贝类目"],
  ["image", "新图片"],
  ["productImage", "新图片"],
];
const I = Object.fromEntries(LAYOUT.map(([f], i) => [f, i])) as Record<string, number>;

export interface TaobaoExpansion {
  rows: Cell[][];
  issues: CatalogIssue[];
}

/**
 * Reads a 淘宝助理 file's rows as native-layout rows. Built from the file's header (either line);
 * `mapping` is what the row parser is given.
 */
export class TaobaoExpander {
  readonly mapping: HeaderMapping;
  private readonly index = new Map<string, number>();
  private readonly axes: string[];
  private readonly axisColumn = new Map<string, number>();
  private readonly file: string;
  /** The other header line of the file, when the reader returned it as the first data row. */
  private pendingHeaderLine = true;
  /** The header is the English field-name line. */
  private readonly fromFieldLine: boolean;

  constructor(header: readonly string[], dict: AttributeDictionary, file: string) {
    this.file = file;
    this.fromFieldLine = isTaobaoFieldLine(header);
    header.forEach((h, i) => {
      const f = taobaoField(h);
      if (f !== undefined && !this.index.has(f)) this.index.set(f, i);
    });
    const names = new Set(dict.names());
    this.axes = ["colour", "size", names.has(OTHER_AXIS) ? OTHER_AXIS : undefined].filter((a): a is string => a !== undefined);
    const columns: MappedColumn[] = LAYOUT.map(([field, label], index) => ({ index, header: label, field }));
    for (const axis of this.axes) {
      this.axisColumn.set(axis, columns.length);
      columns.push({ index: columns.length, header: "销售属性组合", field: `attr:${axis}` });
    }
    this.mapping = { dialect: "taobao", columns, unmatched: [], problems: [] };
  }

  /** The 淘宝助理 column names this file's header has. */
  has(field: string): boolean {
    return this.index.has(field);
  }

  private cell(cells: readonly Cell[], field: string): string {
    const i = this.index.get(field);
    return i === undefined ? "" : cellText(cells[i]);
  }

  expand(cells: readonly Cell[], row: number): TaobaoExpansion {
    const issues: CatalogIssue[] = [];
    const texts = cells.map((c) => cellText(c));
    if (this.pendingHeaderLine) {
      this.pendingHeaderLine = false;
      // The Chinese line under the English one (or the English under the Chinese): not an item.
      // Under the English line it is skipped even when a non-Chinese code page garbled it: an
      // item row has a number in 宝贝价格 or 宝贝数量.
      if (isTaobaoHeader(texts)) return { rows: [], issues };
      const numeric = (f: string) => /^\d+(\.\d+)?$/.test(this.cell(cells, f));
      if (this.fromFieldLine && !numeric("price") && !numeric("num")) return { rows: [], issues };
    }
    const title = this.cell(cells, "title");
    const outer = this.cell(cells, "outer_id");
    const numId = this.cell(cells, "num_id");
    const handle = outer !== "" ? outer : numId !== "" ? `taobao-${numId}` : title;
    const approve = this.cell(cells, "approve_status").toLowerCase();
    const status = approve === "1" || approve === "instock" ? "draft" : "active";
    const pictures = parsePictures(this.cell(cells, "picture"));
    if (pictures.local > 0) {
      issues.push(
        this.issue(
          row,
          "新图片",
          msg("catalog.taobao.local_pictures", { count: pictures.local }),
          msg("catalog.taobao.local_pictures_hint"),
          "warning",
        ),
      );
    }
    const base = (): Cell[] => {
      const out: Cell[] = new Array<Cell>(this.mapping.columns.length).fill("");
      out[I.handle as number] = handle;
      out[I.title as number] = title;
      out[I.description as number] = this.cell(cells, "description");
      out[I.status as number] = status;
      out[I.productImage as number] = pictures.main.join(" ");
      out[I.category as number] = categoryId(this.cell(cells, "cid"));
      return out;
    };

    const skuText = this.cell(cells, "skuProps");
    const parsed = parseSkuProps(skuText);
    if (parsed.problem !== undefined) {
      issues.push(this.issue(row, "销售属性组合", parsed.problem, msg("catalog.taobao.bad_sku_props_hint")));
      return { rows: [], issues };
    }
    if (parsed.skus.length === 0) {
      const out = base();
      out[I.sku as number] = outer;
      out[I.price as number] = this.cell(cells, "price");
      out[I.inventory as number] = this.cell(cells, "num");
      out[I.barcode as number] = this.cell(cells, "barcode");
      return { rows: [out], issues };
    }

    const barcodes = this.skuBarcodes(cells, parsed.skus.length, row, issues);
    const names = parseValueNames(this.cell(cells, "propAlias"));
    parseValueNames(this.cell(cells, "input_custom_cpv"), names);
    const inputPids = this.cell(cells, "inputPids")
      .split(",")
      .map((s) => s.trim());
    const inputValues = this.cell(cells, "inputValues").split(",");
    const unnamed = new Set<string>();
    const rows = parsed.skus.map((sku, n) => {
      const out = base();
      out[I.sku as number] = sku.outerId;
      out[I.barcode as number] = barcodes[n] ?? "";
      out[I.price as number] = sku.price;
      out[I.inventory as number] = sku.quantity;
      const values = new Map<string, string[]>();
      for (const { pid, vid } of sku.props) {
        const key = `${pid}:${vid}`;
        const at = inputPids.indexOf(pid);
        let name = names.get(key) ?? (at >= 0 ? inputValues[at]?.trim() : undefined) ?? TAOBAO_VALUES.get(key);
        if (name === undefined || name === "") {
          unnamed.add(key);
          name = key;
        }
        const axis = TAOBAO_PROPERTIES.get(pid)?.attr ?? this.axes[this.axes.length - 1] ?? "size";
        const list = values.get(axis) ?? [];
        list.push(name);
        values.set(axis, list);
        const picture = pictures.byValue.get(key);
        if (picture !== undefined && out[I.image as number] === "") out[I.image as number] = picture;
      }
      for (const [axis, list] of values) {
        const col = this.axisColumn.get(axis);
        if (col !== undefined) out[col] = list.join(" / ");
      }
      return out;
    });
    if (unnamed.size > 0) {
      issues.push(
        this.issue(
          row,
          "销售属性组合",
          msg("catalog.taobao.unnamed", { values: [...unnamed].join(", ") }),
          msg("catalog.taobao.unnamed_hint"),
          "warning",
        ),
      );
    }
    return { rows, issues };
  }

  /**
   * sku 条形码 (sku_barcode): one barcode per SKU in 销售属性组合's order, comma-separated, as
   * Taobao's item API defines the field ("与SKU价格库存格式类似，用逗号分隔"); a trailing or `;`
   * separator is tolerated. A list that does not have one entry per SKU cannot be matched to the
   * SKUs without guessing: not imported, with a warning. An empty entry is a SKU without barcode.
   */
  private skuBarcodes(cells: readonly Cell[], skus: number, row: number, issues: CatalogIssue[]): string[] {
    const text = this.cell(cells, "sku_barcode").trim();
    if (text === "") return [];
    const list = text
      .replace(/[,;]\s*$/, "")
      .split(/[,;]/)
      .map((b) => b.trim());
    if (list.length === skus) return list;
    issues.push(
      this.issue(
        row,
        SKU_BARCODE_COLUMN,
        msg("catalog.taobao.barcodes", { barcodes: list.length, skus }),
        msg("catalog.taobao.barcodes_hint"),
        "warning",
      ),
    );
    return [];
  }

  private issue(row: number, column: string, message: Message, hint: Message, severity: "error" | "warning" = "error"): CatalogIssue {
    return catalogIssue(severity, { file: this.file, row, column }, message, hint);
  }
}

export {
  isTaobaoChineseLine,
  isTaobaoFieldLine,
  isTaobaoHeader,
  isTaobaoHeaderRow,
  TAOBAO_FIELDS,
  taobaoField,
  taobaoKey,
} from "./taobao-fields.js";
