/**
 * One spreadsheet row -> the product and variant fields it carries, per dialect, with every cell
 * problem as a CatalogIssue naming file, row and column. Cells are read by column index from a
 * plan compiled once per file (no header -> value object per row, no regular expression built per
 * row); attribute values go through the cached Standardizer.
 *
 * What a row is, per dialect:
 * - native: one variant, with its product's fields (first non-empty value per product wins). A
 *   row with no handle and no title (or the previous row's title) continues the previous product,
 *   the way merged cells and "fill only the first row" sheets read.
 * - shopify: a variant row (any of SKU, price, option value, barcode, compare-at present) or an
 *   image-only row. Option names and values stay raw here: names live on the product's first row
 *   only, so the assembler resolves them.
 * - woocommerce: a simple product (product + one variant), a variable product (product + its
 *   attribute lists) or a variation (variant + parent reference + its single attribute values).
 */

import type { AttributeDictionary } from "../attributes/index.js";
import { parseWeightGrams, readSpec } from "../attributes/index.js";
import { english, type Message, msg } from "../i18n/index.js";
import type { Product } from "../model.js";
import { isCurrencyCode, isProblem, minorToDecimal, parseCost, parseMoney, parseStock } from "../values.js";
import { cnAmountText, cnStockWord, isTotalsWord } from "./cn-values.js";
import type { ColumnField, HeaderMapping } from "./dialects.js";
import { splitNamedValues } from "./named-values.js";
import { AttributeValues, defaultStandardizeMode, type StandardizeMode, type Standardizer, standardizerFor } from "./standardize.js";
import {
  type Cell,
  cellText,
  handleFromText,
  INVISIBLE,
  identifierCell,
  identifierName,
  normalizeCategory,
  parseStatus,
  shownInvisible,
  splitTags,
} from "./text.js";
import type { CatalogDialect, CatalogIssue, CellRef, VariantDraft } from "./types.js";

export interface ProductFields {
  title?: string;
  description?: string;
  vendor?: string;
  category?: string;
  tags?: string[];
  status?: Product["status"];
  images?: string[];
}

export interface ShopifyOptionCells {
  /** Raw "OptionN Name" cell ("" when blank or absent). */
  name: string;
  /** Raw "OptionN Value" cell. */
  value: string;
  nameColumn: string;
  valueColumn: string;
}

export interface WooAttributeCells {
  /** The attribute the slot's name resolves to. */
  attr: string;
  /** The name as written ("Color", "pa_color"), for the store's own option name. */
  name: string;
  /** Parent: the listed values, raw; variation: its one value, standardized. */
  values: string[];
  column: string;
}

export interface WooRowInfo {
  kind: "simple" | "variable" | "variation" | "unsupported";
  /** The Type cell as written, for messages. */
  type: string;
  id: string;
  sku: string;
  /** Parent reference as written: a parent SKU or "id:N". */
  parent: string;
  parentColumn: string;
  attributes: WooAttributeCells[];
}

export interface ParsedRow {
  dialect: CatalogDialect;
  at: CellRef;
  /** The product the row belongs to: its handle (native, Shopify); "" for WooCommerce and for rows too broken to place. */
  key: string;
  product: ProductFields;
  /** Absent on Shopify image-only rows and WooCommerce variable-product rows. */
  variant?: VariantDraft;
  /** Canonical attribute -> header of the column its value came from. */
  axisColumns: ReadonlyMap<string, string>;
  /** Field -> header of its column (one map per file, shared by its rows). */
  fieldColumns: ReadonlyMap<string, string>;
  shopifyOptions?: ShopifyOptionCells[];
  woo?: WooRowInfo;
  /** Cell problems of this row (errors and warnings); the row is still returned. */
  issues: CatalogIssue[];
}

export interface RowParserContext {
  file: string;
  /** The store's currency: prices are decimals in it. */
  currency: string;
  dict: AttributeDictionary;
  tz?: string;
  /** Display values: canonical ("values") or as written ("keep"); default by dialect (`--standardize`). */
  standardize?: StandardizeMode;
  /** Unknown attribute values are errors instead of warnings (`--strict-attributes`). */
  strictAttributes?: boolean;
}

export interface RowParser {
  /** null for a blank row. `row` is the 1-based row the spreadsheet shows (the header is row 1). */
  parse(cells: readonly Cell[], row: number): ParsedRow | null;
}

interface AttrColumn {
  index: number;
  attr: string;
  header: string;
  /** 聚水潭 颜色及规格: "红色;XL" is this attribute before the first ";" and `attr` after it. */
  before?: string;
}

interface Plan {
  index: Map<ColumnField, number>;
  header: Map<ColumnField, string>;
  unit: Map<ColumnField, string>;
  attrs: AttrColumn[];
  /** WooCommerce attribute slots: name and value(s) column per slot number. */
  wooSlots: { n: number; name: number; nameHeader: string; values: number; valuesHeader: string }[];
  /** Shopify "Option4 Value" and beyond. */
  extraOptions: { index: number; header: string }[];
  /** 规格名 / 规格值: the name list's and the value list's columns (-1 when absent). */
  pairs: { names: number; namesHeader: string; values: number; valuesHeader: string };
  used: number[];
  /** Column index -> its field and header, for problems found by index (an Excel error value). */
  byIndex: Map<number, { field: ColumnField; header: string }>;
}

function compile(mapping: HeaderMapping, standardizer: Standardizer): Plan {
  const index = new Map<ColumnField, number>();
  const header = new Map<ColumnField, string>();
  const unit = new Map<ColumnField, string>();
  const attrs: AttrColumn[] = [];
  const slots = new Map<number, { n: number; name: number; nameHeader: string; values: number; valuesHeader: string }>();
  const used: number[] = [];
  const byIndex = new Map<number, { field: ColumnField; header: string }>();
  const extraOptions: { index: number; header: string }[] = [];
  let pairs: Plan["pairs"] = { names: -1, namesHeader: "", values: -1, valuesHeader: "" };
  for (const c of mapping.columns) {
    if (c.field === "ignore") continue;
    if (c.field.startsWith("shopify:extraOption")) extraOptions.push({ index: c.index, header: c.header });
    used.push(c.index);
    byIndex.set(c.index, { field: c.field, header: c.header });
    index.set(c.field, c.index);
    header.set(c.field, c.header);
    if (c.unit) unit.set(c.field, c.unit);
    if (c.field.startsWith("attr:")) {
      const attr = standardizer.attributeForName(c.field.slice(5));
      if (attr !== undefined) attrs.push({ index: c.index, attr, header: c.header });
    }
    if (c.field === "spec:names") pairs = { ...pairs, names: c.index, namesHeader: c.header };
    if (c.field === "spec:values") pairs = { ...pairs, values: c.index, valuesHeader: c.header };
    if (c.field === "jst:colourAndSpec") {
      const spec = standardizer.attributeForName("spec");
      const colour = standardizer.attributeForName("colour");
      if (spec !== undefined && colour !== undefined) attrs.push({ index: c.index, attr: spec, header: c.header, before: colour });
    }
    const slot = /^woo:attr(Name|Values):(\d+)$/.exec(c.field);
    if (slot) {
      const n = Number(slot[2]);
      const s = slots.get(n) ?? { n, name: -1, nameHeader: "", values: -1, valuesHeader: "" };
      if (slot[1] === "Name") {
        s.name = c.index;
        s.nameHeader = c.header;
      } else {
        s.values = c.index;
        s.valuesHeader = c.header;
      }
      slots.set(n, s);
    }
  }
  const wooSlots = [...slots.values()].filter((s) => s.name >= 0 && s.values >= 0).sort((a, b) => a.n - b.n);
  return { index, header, unit, attrs, wooSlots, extraOptions, pairs, used, byIndex };
}

const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

/** What Excel shows in a cell whose formula failed (and writes into a CSV saved from it). */
const EXCEL_ERRORS = new Set([
  "#N/A",
  "#REF!",
  "#DIV/0!",
  "#VALUE!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#GETTING_DATA",
  "#ERROR!",
]);
/** Descriptive fields an Excel error leaves blank (with a warning) instead of refusing the row. */
const BLANKABLE = new Set<ColumnField>(["description", "vendor", "category", "tags", "barcode", "image", "productImage", "shopify:type"]);

function isExcelErrorMessage(m: string | Message): boolean {
  return typeof m !== "string" && m.id === "hostile.cell.excel_error";
}
/** Between a colour and a size in one 规格 cell: "红色/XL", "黑色,均码", "白色 M". */
const SPEC_PARTS = /[/,，、\s]+/;

/**
 * "49,90", "€ 1.049,90": a price in a sheet re-saved by a European Excel (real Shopify exports
 * come back so, semicolon-separated). One or two digits after a single comma cannot be a
 * thousands group, so these read one way only; "1,049" stays the thousands separator.
 */
const DECIMAL_COMMA = /^[^\d,.]*(\d+|\d{1,3}(\.\d{3})+),\d{1,2}[^\d,.]*$/;

/** An amount with a decimal comma (DECIMAL_COMMA) in the point form parseMoney reads; others unchanged. */
function pointDecimal(raw: string): string {
  return DECIMAL_COMMA.test(raw) ? raw.replace(/\./g, "").replace(",", ".") : raw;
}

const WOO_PUBLISHED = new Map<string, Product["status"]>([
  ["1", "active"],
  ["true", "active"],
  ["yes", "active"],
  ["0", "archived"],
  ["-1", "draft"],
  ["false", "draft"],
  ["no", "draft"],
]);
const SHOPIFY_PUBLISHED = new Map<string, Product["status"]>([
  ["true", "active"],
  ["yes", "active"],
  ["1", "active"],
  ["false", "draft"],
  ["no", "draft"],
  ["0", "draft"],
]);

const NO_AXES: ReadonlyMap<string, string> = new Map();

export function createRowParser(mapping: HeaderMapping, ctx: RowParserContext): RowParser {
  return new DialectRowParser(mapping, ctx);
}

/** Last input -> output, for cells repeated on every row of a product (category, handle). */
class LastValue {
  private input: string | undefined;
  private output = "";
  constructor(private readonly fn: (s: string) => string) {}
  get(s: string): string {
    if (s !== this.input) {
      this.input = s;
      this.output = this.fn(s);
    }
    return this.output;
  }
}

const MAX_CACHED_WEIGHTS = 10_000;

// One object per file; the row being parsed lives in fields, so parsing a row creates no closures.
class DialectRowParser implements RowParser {
  private readonly dialect: CatalogDialect;
  private readonly file: string;
  private readonly currency: string;
  private readonly standardizer: Standardizer;
  private readonly dict: AttributeDictionary;
  private readonly values: AttributeValues;
  private readonly plan: Plan;
  private readonly nativeAxes: ReadonlyMap<string, string>;
  private readonly fieldColumns: Map<string, string>;
  private readonly iHandle: number;
  private readonly iTitle: number;
  private readonly iDescription: number;
  private readonly iVendor: number;
  private readonly iCategory: number;
  private readonly iTags: number;
  private readonly iStatus: number;
  private readonly iSku: number;
  private readonly iPrice: number;
  private readonly iCompare: number;
  private readonly iCost: number;
  private readonly iCurrency: number;
  private readonly iBarcode: number;
  private readonly iWeight: number;
  private readonly iWeightUnit: number;
  private readonly iCommand: number;
  private readonly iOnHandNew: number;
  private readonly iInventory: number;
  private readonly iImage: number;
  private readonly iProductImage: number;
  private readonly iShopifyType: number;
  private readonly iShopifyPublished: number;
  private readonly iWooId: number;
  private readonly iWooType: number;
  private readonly iWooParent: number;
  private readonly iWooPublished: number;
  private readonly iWooVisibility: number;
  private readonly iWooRegular: number;
  private readonly iWooSale: number;
  private readonly iWooImages: number;
  private readonly shopifyOptionColumns: { name: number; value: number; nameHeader: string; valueHeader: string }[];
  private readonly weightUnit: string | undefined;
  private readonly weights = new Map<string, number | { problem: Message }>();
  private readonly categories = new LastValue(normalizeCategory);
  private readonly handles = new LastValue(handleFromText);

  // Continuation: the previous row's product, for rows that leave handle and title blank (native, Shopify).
  private previousKey = "";
  private previousTitle = "";
  /** Shopify: the last handle generated from a title, so its warning is given once per product. */
  private previousGenerated = "";

  // The row being parsed.
  private cells: readonly Cell[] = [];
  private row = 0;
  private key = "";
  private sku = "";
  private issues: CatalogIssue[] = [];
  /** Canonical values of the row's options (written by AttributeValues.put). */
  attributes: Record<string, string> | undefined;
  /** The options as written where they show another form (written by AttributeValues.put). */
  written: Record<string, string> | undefined;
  /** Whether a non-blank row has been read (the first one may be notes under the header). */
  private seenData = false;
  /** Headers of the row's columns refused for an Excel error value. */
  private broken: Set<string> | undefined;

  constructor(mapping: HeaderMapping, ctx: RowParserContext) {
    this.dialect = mapping.dialect;
    this.file = ctx.file;
    this.currency = ctx.currency;
    this.standardizer = standardizerFor(ctx.dict, ctx.standardize ?? defaultStandardizeMode(mapping.dialect));
    this.values = new AttributeValues(this.standardizer, ctx.strictAttributes ?? false);
    this.dict = ctx.dict;
    const plan = compile(mapping, this.standardizer);
    this.plan = plan;
    this.nativeAxes = new Map(
      plan.attrs.flatMap((a) =>
        a.before === undefined
          ? [[a.attr, a.header]]
          : [
              [a.before, a.header],
              [a.attr, a.header],
            ],
      ),
    );
    const col = (f: ColumnField) => plan.index.get(f) ?? -1;
    this.iHandle = col("handle");
    this.iTitle = col("title");
    this.iDescription = col("description");
    this.iVendor = col("vendor");
    this.iCategory = col("category");
    this.iTags = col("tags");
    this.iStatus = col("status");
    this.iSku = col("sku");
    this.iPrice = col("price");
    this.iCompare = col("compareAtPrice");
    this.iCost = col("cost");
    this.iCurrency = col("currency");
    this.iBarcode = col("barcode");
    this.iWeight = col("weight");
    this.iWeightUnit = col("shopify:weightUnit");
    this.iCommand = col("shopify:command");
    this.iOnHandNew = col("shopify:onHandNew");
    this.iInventory = col("inventory");
    this.iImage = col("image");
    this.iProductImage = col("productImage");
    this.iShopifyType = col("shopify:type");
    this.iShopifyPublished = col("shopify:published");
    this.shopifyOptionColumns = ([1, 2, 3] as const).map((n) => ({
      name: col(`shopify:option${n}Name`),
      value: col(`shopify:option${n}Value`),
      nameHeader: plan.header.get(`shopify:option${n}Name`) ?? `Option${n} Name`,
      valueHeader: plan.header.get(`shopify:option${n}Value`) ?? `Option${n} Value`,
    }));
    this.iWooId = col("woo:id");
    this.iWooType = col("woo:type");
    this.iWooParent = col("woo:parent");
    this.iWooPublished = col("woo:published");
    this.iWooVisibility = col("woo:visibility");
    this.iWooRegular = col("woo:regularPrice");
    this.iWooSale = col("woo:salePrice");
    this.iWooImages = col("woo:images");
    this.weightUnit = plan.unit.get("weight");
    this.fieldColumns = new Map<string, string>(plan.header);
    const wooPriceHeader = plan.header.get("woo:salePrice") ?? plan.header.get("woo:regularPrice");
    if (wooPriceHeader !== undefined) this.fieldColumns.set("price", wooPriceHeader);
    const wooRegularHeader = plan.header.get("woo:regularPrice");
    if (wooRegularHeader !== undefined) this.fieldColumns.set("compareAtPrice", wooRegularHeader);
  }

  parse(cells: readonly Cell[], row: number): ParsedRow | null {
    let blank = true;
    for (const i of this.plan.used) {
      if (cellText(cells[i]) !== "") {
        blank = false;
        break;
      }
    }
    if (blank) return null;
    this.cells = cells;
    this.row = row;
    this.key = "";
    this.sku = "";
    this.issues = [];
    this.attributes = undefined;
    this.written = undefined;
    this.broken = undefined;
    this.cells = this.withoutExcelErrors(cells);
    const first = !this.seenData;
    this.seenData = true;
    if (first && this.dialect === "native" && this.isNotesRow()) return this.notesRow();
    if (this.dialect === "native") {
      const totals = this.totalsCell();
      if (totals) return this.totalsRow(totals);
    }
    if (this.repeatsHeader()) return this.headerAgain();
    // 淘宝助理 rows arrive expanded to this layout, one per SKU (taobao.ts).
    if (this.dialect === "native" || this.dialect === "taobao") return this.parseNative();
    if (this.dialect === "shopify") return this.parseShopify();
    return this.parseWoo();
  }

  /**
   * 千牛's 商品列表 export has a row of notes under its header (a group header above it, data from
   * the row after): text in the price column and no number anywhere. Only the first row under the
   * header is looked at; a product row has a price or a stock, a notes row has neither, and its
   * identifier cell is a sentence ("商品的唯一标识，不可修改"), not a code: a first product whose price
   * is garbage stays an error, never skipped as notes.
   */
  private isNotesRow(): boolean {
    const price = this.text(this.iPrice);
    if (price === "" || /^[\s¥￥$€£]*[-+]?\d/.test(price)) return false;
    if (!/[\p{Script=Han}\s]/u.test(this.text(this.iHandle >= 0 ? this.iHandle : this.iSku))) return false;
    for (const i of this.plan.used) {
      const cell = this.cells[i];
      if (typeof cell === "number" || BARE_NUMBER.test(cellText(cell))) return false;
    }
    return true;
  }

  /**
   * A data row that is the header again: two exports joined into one file (the second one's header
   * in the middle), or a sheet with its header row pasted twice. Every filled mapped cell equals its
   * column's name; reading it as a product would only give "price \"price\" is not an amount".
   */
  private repeatsHeader(): boolean {
    let same = 0;
    for (const i of this.plan.used) {
      const text = cellText(this.cells[i]);
      if (text === "") continue;
      const header = this.plan.byIndex.get(i)?.header ?? "";
      if (text.toLowerCase() !== header.trim().toLowerCase()) return false;
      same++;
    }
    return same >= 2;
  }

  private headerAgain(): ParsedRow {
    this.push("", msg("hostile.row.header_again"), msg("hostile.row.header_again_hint"));
    return this.skippedRow();
  }

  private notesRow(): ParsedRow {
    this.push(this.headerOf("price"), msg("data.notes_row", { value: this.text(this.iPrice) }), undefined, "warning");
    return this.skippedRow();
  }

  /**
   * A 合计 / 总计 line under the data of a 报价单 or 进销存 sheet: its first identifying cell (code,
   * style or name) is the totals word. Columns are looked at in the sheet's order.
   */
  private totalsCell(): { field: ColumnField; text: string } | undefined {
    let first: { field: ColumnField; index: number } | undefined;
    for (const [field, index] of [
      ["handle", this.iHandle],
      ["sku", this.iSku],
      ["title", this.iTitle],
    ] as const) {
      if (index >= 0 && cellText(this.cells[index]) !== "" && (first === undefined || index < first.index)) first = { field, index };
    }
    if (first === undefined) return undefined;
    const text = cellText(this.cells[first.index]);
    return isTotalsWord(text) ? { field: first.field, text } : undefined;
  }

  private totalsRow(totals: { field: ColumnField; text: string }): ParsedRow {
    const column = this.headerOf(totals.field);
    this.push(column, msg("data_zh.totals_row", { value: totals.text, column }), undefined, "warning");
    return this.skippedRow();
  }

  /** A row that is no product (notes, a Matrixify DELETE): only its warning goes on. */
  private skippedRow(): ParsedRow {
    return {
      dialect: this.dialect,
      at: this.at(),
      key: "",
      product: {},
      axisColumns: NO_AXES,
      fieldColumns: this.fieldColumns,
      issues: this.issues,
    };
  }

  private parseNative(): ParsedRow {
    const handleText = this.text(this.iHandle);
    const title = this.text(this.iTitle);
    if (handleText) this.key = this.handles.get(handleText);
    else if (title && title !== this.previousTitle) this.key = this.handles.get(title);
    else this.key = this.previousKey;
    this.sku = this.identifier("sku", this.iSku, "SKU");
    if (this.key === "") {
      this.issue(this.iHandle >= 0 ? "handle" : "title", msg("catalog.row.no_product"), msg("catalog.row.no_product_hint"));
    }
    this.previousKey = this.key;
    if (title) this.previousTitle = title;
    const options = this.attributeColumns();
    const pairAxes = this.plan.pairs.values >= 0 ? this.pairColumns(options) : undefined;
    return {
      dialect: this.dialect,
      at: this.at(),
      key: this.key,
      product: this.product(),
      variant: this.variant(true, options),
      axisColumns: pairAxes ?? this.nativeAxes,
      fieldColumns: this.fieldColumns,
      issues: this.issues,
    };
  }

  private parseShopify(): ParsedRow {
    // Matrixify marks rows to delete or to leave alone: neither is a product to import.
    const command = this.text(this.iCommand).toUpperCase();
    if (command === "DELETE" || command === "IGNORE") {
      this.push(this.headerOf("shopify:command"), msg("data.matrixify.command", { command }), undefined, "warning");
      return this.skippedRow();
    }
    this.key = this.shopifyKey();
    this.onHandNew();
    const options = this.shopifyOptionColumns.map((c) => ({
      name: this.text(c.name),
      value: this.text(c.value),
      nameColumn: c.nameHeader,
      valueColumn: c.valueHeader,
    }));
    const isVariant =
      options.some((o) => o.value !== "") ||
      this.text(this.iSku) !== "" ||
      this.text(this.iPrice) !== "" ||
      this.text(this.iBarcode) !== "" ||
      this.text(this.iCompare) !== "" ||
      this.defaultVariantOnly(options);
    const parsed: ParsedRow = {
      dialect: "shopify",
      at: this.at(),
      key: this.key,
      product: this.product(),
      axisColumns: NO_AXES,
      fieldColumns: this.fieldColumns,
      shopifyOptions: options,
      issues: this.issues,
    };
    for (const extra of this.plan.extraOptions) {
      const value = cellText(this.cells[extra.index]);
      if (value === "") continue;
      this.push(
        extra.header,
        `${extra.header} is "${value}": Shopify allows 3 options per product`,
        "merge this option into one of Option1-3, or make the variants separate products",
      );
    }
    if (isVariant) {
      this.sku = this.identifier("sku", this.iSku, "SKU");
      parsed.variant = this.variant(true, this.attributeColumns());
      // A trimmed export (stock or SKUs only) says nothing of prices: never a silent 0.00.
      if (this.iPrice < 0)
        this.push(this.headerOf("handle"), msg("data.shopify.no_price_column"), msg("data.shopify.no_price_column_hint"), "warning");
    }
    return parsed;
  }

  /**
   * Shopify's inventory export: "On hand (new)" is where a merchant types a new stock count for
   * Shopify's inventory import, which sets the on-hand quantity; merchops holds what is available
   * (on hand less committed and unavailable), which the file gives beside it. A count typed there is
   * not read as the available stock: said on its row, never applied silently.
   */
  private onHandNew(): void {
    const typed = this.text(this.iOnHandNew);
    if (typed === "") return;
    const column = this.headerOf("shopify:onHandNew");
    this.push(column, msg("data.shopify.on_hand_new", { column, value: typed }), msg("data.shopify.on_hand_new_hint"), "warning");
  }

  /**
   * A product's first row in a trimmed export (no price column, say) whose only variant cells are
   * its stock or weight: Shopify writes every product's first variant on its first row, so with no
   * option of its own (no option name, or Title / Default Title) that row is the product's one
   * variant, a Default Title without SKU. Image rows carry no Title and are not taken for one.
   */
  private defaultVariantOnly(options: readonly { name: string; value: string }[]): boolean {
    if (this.text(this.iTitle) === "") return false;
    if (options.some((o) => o.name !== "" && o.name.toLowerCase() !== "title")) return false;
    return this.text(this.iInventory) !== "" || this.text(this.iWeight) !== "";
  }

  /**
   * The row's product handle. Shopify's own rules for an empty Handle: a row with a Title is a new
   * product whose handle Shopify generates from the title (warned once per product); a row with
   * neither continues the product above it (variant and image rows of hand-made sheets).
   */
  private shopifyKey(): string {
    const handleText = this.text(this.iHandle);
    if (handleText) {
      this.previousKey = this.handles.get(handleText);
      return this.previousKey;
    }
    const title = this.text(this.iTitle);
    if (title) {
      const generated = handleFromText(title);
      if (generated && generated !== this.previousGenerated) {
        this.previousGenerated = generated;
        this.key = generated;
        this.issue(
          "handle",
          msg("catalog.row.handle_generated", { column: this.headerOf("handle"), handle: generated }),
          msg("catalog.row.handle_generated_hint"),
          "warning",
        );
      }
      this.previousKey = generated;
      return generated;
    }
    if (this.previousKey === "") {
      this.issue(
        "handle",
        msg("catalog.row.no_handle", { handleColumn: this.headerOf("handle"), titleColumn: this.headerOf("title") }),
        msg("catalog.row.no_handle_hint"),
      );
    }
    return this.previousKey;
  }

  private parseWoo(): ParsedRow {
    const typeText = this.text(this.iWooType);
    const words = typeText
      .toLowerCase()
      .split(",")
      .map((w) => w.trim());
    const kind: WooRowInfo["kind"] = words.includes("variation")
      ? "variation"
      : words.includes("variable")
        ? "variable"
        : words.includes("grouped") || words.includes("external")
          ? "unsupported"
          : "simple";
    if (kind === "simple" && typeText !== "" && !words.includes("simple")) {
      this.issue("woo:type", msg("catalog.row.woo_type", { value: typeText }), msg("catalog.row.woo_type_hint"));
    }
    this.sku = this.identifier("sku", this.iSku, "SKU");
    const woo: WooRowInfo = {
      kind,
      type: typeText,
      id: this.text(this.iWooId),
      sku: this.sku,
      parent: this.text(this.iWooParent),
      parentColumn: this.headerOf("woo:parent"),
      attributes: [],
    };
    const parsed: ParsedRow = {
      dialect: "woocommerce",
      at: this.at(),
      key: "",
      product: {},
      axisColumns: NO_AXES,
      fieldColumns: this.fieldColumns,
      woo,
      issues: this.issues,
    };
    if (kind === "unsupported") {
      this.issue("woo:type", msg("catalog.row.woo_unsupported", { type: typeText }), msg("catalog.row.woo_unsupported_hint"), "warning");
      return parsed;
    }
    if (kind !== "variation") parsed.product = this.product();
    if (kind === "simple") {
      if (this.wooUnpriced()) {
        this.issue("woo:regularPrice", msg("data.woo.simple_no_price"), msg("data.woo.no_price_hint"), "warning");
        return parsed;
      }
      parsed.variant = this.variant(true, {});
      // A simple product's Images are the product's (already read above), not a variant image.
      if (this.iImage < 0) delete parsed.variant.image;
      return parsed;
    }
    const axisColumns = new Map<string, string>();
    const options: Record<string, string> = {};
    for (const slot of this.plan.wooSlots) {
      const name = cellText(this.cells[slot.name]);
      const raw = cellText(this.cells[slot.values]);
      if (name === "" && raw === "") continue;
      if (name === "") {
        this.issue(
          `woo:attrName:${slot.n}`,
          msg("catalog.row.attr_name_empty", { nameColumn: slot.nameHeader, valuesColumn: slot.valuesHeader, value: raw }),
          msg("catalog.row.attr_name_empty_hint"),
        );
        continue;
      }
      const attr = this.standardizer.attributeForName(name.replace(/^pa_/i, ""));
      if (attr === undefined) {
        this.issue(`woo:attrName:${slot.n}`, msg("catalog.row.attr_name_bad", { name }), msg("catalog.row.attr_name_bad_hint"));
        continue;
      }
      if (kind === "variable") {
        woo.attributes.push({ attr, name, values: splitList(raw), column: slot.valuesHeader });
      } else if (raw !== "") {
        axisColumns.set(attr, slot.valuesHeader);
        this.standardizeInto(options, attr, raw, slot.valuesHeader);
        woo.attributes.push({ attr, name, values: [options[attr] as string], column: slot.valuesHeader });
      }
    }
    if (kind === "variation") {
      if (woo.parent === "") this.issue("woo:parent", msg("catalog.row.no_parent"), msg("catalog.row.no_parent_hint"));
      parsed.axisColumns = axisColumns;
      if (this.wooUnpriced()) {
        this.issue("woo:regularPrice", msg("data.woo.variation_no_price"), msg("data.woo.no_price_hint"), "warning");
        return parsed;
      }
      parsed.variant = this.variant(true, options);
    }
    return parsed;
  }

  /**
   * A WooCommerce product or variation whose price cells are both empty: the shop keeps it (its own
   * sample data has such products) but cannot sell it, so it is left out with a warning, not
   * refused. A file with no price column at all still needs one (the row is then an error).
   */
  private wooUnpriced(): boolean {
    if (this.iWooRegular < 0 && this.iWooSale < 0) return false;
    return this.text(this.iWooRegular) === "" && this.text(this.iWooSale) === "";
  }

  private at(): CellRef {
    return { file: this.file, row: this.row };
  }

  private text(i: number): string {
    return i < 0 ? "" : cellText(this.cells[i]);
  }

  /**
   * A cell showing an Excel error (#N/A, #REF!, #DIV/0!: a formula that failed, or its saved text in
   * a CSV) is no value. Where the row needs it (identity, prices, stock, options) the row is an
   * error naming the cell, and that column's other complaints are left out; in a descriptive
   * column (description, tags, barcode...) it is read as blank with a warning. Never stored as text.
   */
  private withoutExcelErrors(cells: readonly Cell[]): readonly Cell[] {
    let out: Cell[] | undefined;
    for (const i of this.plan.used) {
      const c = cells[i];
      if (typeof c !== "string" || c.length > 20) continue;
      const value = c.trim();
      if (value.charCodeAt(0) !== 0x23 || !EXCEL_ERRORS.has(value.toUpperCase())) continue;
      const col = this.plan.byIndex.get(i);
      if (!col) continue;
      const blank = BLANKABLE.has(col.field);
      this.push(
        col.header,
        msg("hostile.cell.excel_error", { value }),
        msg(blank ? "hostile.cell.excel_error_blank" : "hostile.cell.excel_error_hint"),
        blank ? "warning" : "error",
      );
      if (!blank) {
        this.broken ??= new Set();
        this.broken.add(col.header);
      }
      out ??= cells.slice();
      out[i] = null;
    }
    return out ?? cells;
  }

  private headerOf(f: ColumnField): string {
    return this.plan.header.get(f) ?? f;
  }

  private issue(field: ColumnField, message: string | Message, hint?: string | Message, severity: "error" | "warning" = "error"): void {
    this.push(this.headerOf(field), message, hint, severity);
  }

  /** A catalog message keeps its English in `message` (JSON) and itself in `text` (rendered in the run's language). */
  private push(
    column: string,
    message: string | Message,
    hint: string | Message | undefined,
    severity: "error" | "warning" = "error",
  ): void {
    // A column refused for its Excel error says so once; "price is empty" after it would be noise.
    if (this.broken?.has(column) && severity === "error" && !isExcelErrorMessage(message)) return;
    const i: CatalogIssue = { severity, at: { file: this.file, row: this.row, column }, message: english(message) };
    if (typeof message !== "string") i.text = message;
    if (hint) {
      i.hint = english(hint);
      if (typeof hint !== "string") i.hintText = hint;
    }
    if (this.key) i.handle = this.key;
    if (this.sku) i.sku = this.sku;
    this.issues.push(i);
  }

  private money(field: ColumnField, i: number, required: boolean): number | null {
    if (i < 0) return null;
    const cell = this.cells[i];
    const raw = typeof cell === "number" ? cell : cellText(cell);
    if (raw === "") {
      if (required) this.issue(field, msg("catalog.row.empty", { field: fieldMessage(field) }), msg("catalog.row.price_needed"));
      return null;
    }
    if (this.otherCurrency(field)) return null;
    const text = typeof raw === "string" ? this.amountText(field, raw) : raw;
    if (text === null) return null;
    const parsed = parseMoney(typeof text === "string" ? pointDecimal(text) : text, this.currency);
    if (isProblem(parsed)) {
      this.issue(
        field,
        msg("catalog.row.bad_amount", { field: fieldMessage(field), problem: parsed.problem }),
        msg("catalog.row.bad_amount_hint"),
      );
      return null;
    }
    if (parsed < 0) {
      this.issue(field, msg("catalog.row.negative", { field: fieldMessage(field), value: cellText(cell) }), msg("catalog.row.amount_hint"));
      return null;
    }
    return parsed;
  }

  /** A money column whose header names another currency than the store's ("建议售价($)" into a CNY store): never converted. */
  private otherCurrency(field: ColumnField): boolean {
    const named = this.plan.unit.get(field);
    if (named === undefined || named === this.currency) return false;
    const column = this.headerOf(field);
    this.issue(
      field,
      msg("data_zh.column_currency", { column, named, currency: this.currency }),
      msg("data_zh.column_currency_hint", { named, currency: this.currency }),
    );
    return true;
  }

  /** An amount cell in a Chinese seller's words (39.90 元/件, 面议, 39-59): its number's text, or null with the error said. */
  private amountText(field: ColumnField, raw: string): string | null {
    const cn = cnAmountText(raw);
    if ("text" in cn) return cn.text;
    this.issue(field, msg("catalog.row.bad_amount", { field: fieldMessage(field), problem: cn.problem }), cn.hint);
    return null;
  }

  /**
   * An identifier cell (SKU, barcode). One whose digits Excel lost (scientific notation) is left
   * out with a warning: the rest of the row is fine, and the store keeps the value it has. An
   * import never writes a value the file lost.
   */
  private identifier(field: ColumnField, i: number, what: string): string {
    if (i < 0) return "";
    const r = identifierCell(this.cells[i], what);
    if ("problem" in r) {
      this.issue(field, msg("catalog.row.id_ignored", { problem: r.problem, what: identifierName(what) }), r.hint, "warning");
      return "";
    }
    const hidden = INVISIBLE.exec(r.value);
    if (hidden) {
      // Kept as written (the platform keeps it too), but it will never match the same code typed by hand.
      const code = `U+${(hidden[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;
      this.issue(
        field,
        msg("hostile.id.invisible", { what: identifierName(what), value: shownInvisible(r.value), code }),
        msg("hostile.id.invisible_hint"),
        "warning",
      );
    }
    return r.value;
  }

  private product(): ProductFields {
    const p: ProductFields = {};
    const title = this.text(this.iTitle);
    if (title) p.title = title;
    const description = this.text(this.iDescription);
    if (description) p.description = description;
    const vendor = this.text(this.iVendor);
    if (vendor) p.vendor = vendor;
    let category = this.text(this.iCategory);
    if (this.dialect === "woocommerce" && category) category = firstWooCategory(category);
    if (!category && this.iShopifyType >= 0) category = this.text(this.iShopifyType);
    if (category) {
      const c = this.categories.get(category);
      if (c) p.category = c;
    }
    const tags = this.text(this.iTags);
    if (tags) {
      const list = splitTags(tags);
      if (list.length > 0) p.tags = list;
    }
    const statusText = this.text(this.iStatus);
    if (statusText) {
      const status = parseStatus(statusText);
      if (status) p.status = status;
      else this.issue("status", msg("catalog.row.bad_status", { value: statusText }), msg("catalog.row.bad_status_hint"));
    } else if (this.iShopifyPublished >= 0 || this.iWooPublished >= 0) {
      const shopify = this.iShopifyPublished >= 0;
      const published = this.text(shopify ? this.iShopifyPublished : this.iWooPublished).toLowerCase();
      if (published) {
        const status = (shopify ? SHOPIFY_PUBLISHED : WOO_PUBLISHED).get(published);
        const hidden = !shopify && this.text(this.iWooVisibility).toLowerCase() === "hidden";
        if (status) p.status = status === "active" && hidden ? "unlisted" : status;
        else
          this.issue(
            shopify ? "shopify:published" : "woo:published",
            msg("catalog.row.bad_published", { value: published }),
            msg("catalog.row.bad_published_hint"),
          );
      }
    }
    const images: string[] = [];
    const productImage = this.text(this.iProductImage);
    // Several product images in one cell are space-separated (a URL holds no raw space).
    if (productImage) for (const url of productImage.split(/\s+/)) if (url) images.push(url);
    if (this.iWooImages >= 0) for (const url of splitList(this.text(this.iWooImages))) images.push(url);
    if (images.length > 0) p.images = images;
    return p;
  }

  private variant(priceRequired: boolean, options: Record<string, string>): VariantDraft {
    const currency = this.currency;
    const currencyText = this.text(this.iCurrency);
    if (currencyText) {
      const code = currencyText.normalize("NFKC").toUpperCase();
      const normalized = code === "RMB" ? "CNY" : code;
      if (!isCurrencyCode(normalized)) {
        this.issue(
          "currency",
          msg("catalog.row.bad_currency", { value: currencyText }),
          msg("catalog.row.bad_currency_hint", { currency }),
        );
      } else if (normalized !== currency) {
        this.issue(
          "currency",
          msg("catalog.row.other_currency", { file: normalized, store: currency }),
          msg("catalog.row.other_currency_hint", { file: normalized, store: currency }),
        );
      }
    }
    let price: number | null;
    let compareAtPrice: number | null;
    if (this.dialect === "woocommerce") {
      const regular = this.money("woo:regularPrice", this.iWooRegular, false);
      const sale = this.money("woo:salePrice", this.iWooSale, false);
      price = sale ?? regular;
      compareAtPrice = sale !== null ? regular : null;
      if (priceRequired && this.text(this.iWooRegular) === "" && this.text(this.iWooSale) === "") {
        this.issue("woo:regularPrice", msg("catalog.row.regular_price_empty"), msg("catalog.row.price_needed"));
      }
    } else {
      price = this.money("price", this.iPrice, priceRequired);
      compareAtPrice = this.money("compareAtPrice", this.iCompare, false);
    }
    if (price !== null && compareAtPrice !== null && compareAtPrice < price) {
      // Shopify accepts this and shows no sale; sending it would make some stores show a "sale" upwards.
      this.issue(
        this.dialect === "woocommerce" ? "woo:regularPrice" : "compareAtPrice",
        msg("catalog.row.compare_below", { compareAt: minorToDecimal(compareAtPrice, currency), price: minorToDecimal(price, currency) }),
        msg("catalog.row.compare_below_hint"),
        "warning",
      );
      compareAtPrice = null;
    }
    const v: VariantDraft = {
      at: this.at(),
      sku: this.sku,
      options,
      price,
      compareAtPrice,
      cost: null,
      currency,
      weightGrams: null,
      inventory: null,
    };
    this.cost(v);
    const barcode = this.identifier("barcode", this.iBarcode, "barcode");
    if (barcode) v.barcode = barcode;
    const weight = this.text(this.iWeight);
    if (weight) {
      const grams = this.weight(weight);
      if (typeof grams === "number") v.weightGrams = grams;
      else {
        this.issue(
          "weight",
          msg("catalog.row.bad_weight", { problem: grams.problem }),
          this.weightUnit ? msg("catalog.row.weight_unit_hint", { unit: this.weightUnit }) : msg("catalog.row.weight_hint"),
        );
      }
    }
    if (this.iInventory >= 0) {
      const cell = this.cells[this.iInventory];
      const raw = typeof cell === "number" ? cell : cellText(cell);
      const word = typeof raw === "string" ? cnStockWord(raw) : undefined;
      if (word !== undefined) {
        if ("count" in word) v.inventory = word.count;
        else this.issue("inventory", word.unknown, msg("data_zh.stock.word_hint"), "warning");
      } else if (raw !== "") {
        const n = parseStock(raw);
        if (isProblem(n))
          this.issue("inventory", msg("catalog.row.bad_inventory", { problem: n.problem }), msg("catalog.row.bad_inventory_hint"));
        else {
          v.inventory = n.value;
          if (n.roundedFrom !== undefined) {
            this.issue(
              "inventory",
              msg("catalog.row.inventory_rounded", { value: n.roundedFrom, rounded: n.value }),
              msg("catalog.row.inventory_rounded_hint"),
              "warning",
            );
          }
        }
      }
    }
    const image =
      this.iImage >= 0
        ? this.text(this.iImage)
        : this.iWooImages >= 0 && this.dialect === "woocommerce"
          ? (splitList(this.text(this.iWooImages))[0] ?? "")
          : "";
    if (image) v.image = image;
    if (this.attributes !== undefined) v.attributes = this.attributes;
    if (this.written !== undefined) v.written = this.written;
    return v;
  }

  /** Cost: up to 4 decimals; more than the currency's minor unit are kept in costDecimal. */
  private cost(v: VariantDraft): void {
    if (this.iCost < 0) return;
    const cell = this.cells[this.iCost];
    const raw = typeof cell === "number" ? cell : cellText(cell);
    if (raw === "" || this.otherCurrency("cost")) return;
    const text = typeof raw === "string" ? this.amountText("cost", raw) : raw;
    if (text === null) return;
    const parsed = parseCost(typeof text === "string" ? pointDecimal(text) : text, this.currency);
    if (isProblem(parsed)) {
      this.issue("cost", msg("catalog.row.bad_cost", { problem: parsed.problem }), msg("catalog.row.bad_cost_hint"));
      return;
    }
    if (parsed.minor < 0) {
      this.issue(
        "cost",
        msg("catalog.row.negative", { field: fieldMessage("cost"), value: cellText(cell) }),
        msg("catalog.row.amount_hint"),
      );
      return;
    }
    v.cost = parsed.minor;
    if (parsed.decimal !== undefined) v.costDecimal = parsed.decimal;
  }

  /**
   * A weight cell; a bare number is in the header's unit ("Weight (kg)", "重量(斤)"), else in the
   * row's own unit column (Matrixify's "Variant Weight Unit"), else grams.
   */
  private weight(cell: string): number | { problem: Message } {
    // "0,35" from a European Excel re-save: the decimal comma read as prices read it (DECIMAL_COMMA).
    const text = pointDecimal(cell);
    const rowUnit = this.weightUnit === undefined && BARE_NUMBER.test(text) ? this.text(this.iWeightUnit) : "";
    if (rowUnit !== "") return parseWeightGrams(`${text}${rowUnit}`);
    let grams = this.weights.get(text);
    if (grams === undefined) {
      const unit = this.weightUnit;
      grams = unit !== undefined && BARE_NUMBER.test(text) ? parseWeightGrams(`${text}${unit}`) : parseWeightGrams(text);
      if (this.weights.size < MAX_CACHED_WEIGHTS) this.weights.set(text, grams);
    }
    return grams;
  }

  /** Display value into options, canonical value into the row's attributes; an unknown value is reported. */
  private standardizeInto(options: Record<string, string>, attr: string, raw: string, column: string): void {
    const issue = this.values.put(options, this, attr, raw);
    if (issue) this.push(column, issue.message, issue.hint, issue.severity);
    // A 规格 value stands for a net weight, a capacity, a pack size or a size: recorded beside it.
    if (attr === "spec") {
      const read = readSpec(raw, this.sizeOf);
      if (Object.keys(read).length === 0) Object.assign(read, this.colourAndSizeOf(raw));
      for (const [a, v] of Object.entries(read)) {
        this.attributes ??= {};
        if (this.attributes[a] === undefined) this.attributes[a] = v;
      }
    }
  }

  /**
   * A 规格 cell naming a colour and a size without their names ("红色/XL", "黑色,均码", "白 M"):
   * the canonical colour and size, recorded beside the spec (which stays as written), only when
   * every part is a colour or a size the dictionary knows, and not both.
   */
  private colourAndSizeOf(raw: string): Record<string, string> {
    const parts = raw
      .split(SPEC_PARTS)
      .map((p) => p.trim())
      .filter((p) => p !== "");
    if (parts.length !== 2) return {};
    const out: Record<string, string> = {};
    for (const part of parts) {
      const colour = this.dict.standardize("colour", part);
      const size = this.sizeOf(part);
      if (colour.ok === (size !== undefined)) return {};
      const [attr, value] = colour.ok ? ["colour", colour.value] : ["size", size as string];
      if (out[attr] !== undefined) return {};
      out[attr] = value;
    }
    return out;
  }

  private readonly sizeOf = (raw: string): string | undefined => {
    const r = this.dict.standardize("size", raw);
    return r.ok ? r.value : undefined;
  };

  private attributeColumns(): Record<string, string> {
    const options: Record<string, string> = {};
    for (const a of this.plan.attrs) {
      const raw = cellText(this.cells[a.index]);
      if (raw === "") continue;
      if (a.before !== undefined) {
        this.colourAndSpecInto(options, a, raw);
        continue;
      }
      // "Size:M" in a Variant / 规格 column is the size M.
      const named = splitNamedValues(raw, this.attributeOfName);
      if (named) for (const [attr, value] of named) this.standardizeInto(options, attr, value, a.header);
      else this.standardizeInto(options, a.attr, raw, a.header);
    }
    return options;
  }

  /**
   * 聚水潭 颜色及规格: "无;500ml" is colour 无 and spec 500ml. A value without ";" is one of the two
   * and the export does not say which, so it is kept as written as the spec, the attribute that
   * takes any value.
   */
  private colourAndSpecInto(options: Record<string, string>, a: AttrColumn, raw: string): void {
    const cut = raw.search(/[;；]/);
    if (cut < 0 || a.before === undefined) {
      this.standardizeInto(options, a.attr, raw, a.header);
      return;
    }
    const colour = raw.slice(0, cut).trim();
    const spec = raw.slice(cut + 1).trim();
    if (colour !== "") this.standardizeInto(options, a.before, colour, a.header);
    if (spec !== "") this.standardizeInto(options, a.attr, spec, a.header);
  }

  /**
   * 规格名 / 规格值 (有赞-style and shop-system sheets): "颜色;尺码" beside "红色;XL" is colour 红色 and
   * size XL, one value per name in the same order; a name the dictionary does not know is a
   * free-form attribute. Without names, the values are the spec. Returns the row's axes (the
   * dictionary's columns and the pair's).
   */
  private pairColumns(options: Record<string, string>): Map<string, string> {
    const { names: iNames, namesHeader, values: iValues, valuesHeader } = this.plan.pairs;
    const axes = new Map(this.nativeAxes);
    const valuesText = cellText(this.cells[iValues]);
    if (valuesText === "") return axes;
    const namesText = iNames >= 0 ? cellText(this.cells[iNames]) : "";
    const values = splitPairList(valuesText);
    const names = namesText === "" ? [] : splitPairList(namesText);
    if (names.length === 0) {
      const spec = this.standardizer.attributeForName("spec") ?? "spec";
      this.standardizeInto(options, spec, valuesText, valuesHeader);
      axes.set(spec, valuesHeader);
      return axes;
    }
    if (names.length !== values.length) {
      this.push(
        valuesHeader,
        msg("data.pairs.count", {
          namesColumn: namesHeader,
          names: names.length,
          namesText,
          valuesColumn: valuesHeader,
          values: values.length,
          valuesText,
        }),
        msg("data.pairs.count_hint"),
      );
      return axes;
    }
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const attr = this.standardizer.attributeForName(name);
      if (attr === undefined) {
        this.push(namesHeader, msg("catalog.row.attr_name_bad", { name }), msg("catalog.row.attr_name_bad_hint"));
        continue;
      }
      this.standardizeInto(options, attr, values[i] as string, valuesHeader);
      axes.set(attr, valuesHeader);
    }
    return axes;
  }

  private readonly attributeOfName = (name: string): string | undefined => this.dict.attributeForHeader(name);
}

/** The field's name in the run's language, for the messages that name it. */
function fieldMessage(field: ColumnField): Message | string {
  switch (field) {
    case "price":
    case "compareAtPrice":
    case "cost":
    case "woo:regularPrice":
    case "woo:salePrice":
      return msg(`catalog.field.${field.replace("woo:", "")}` as "catalog.field.price");
    default:
      return field;
  }
}

/** A 规格名 / 规格值 list: ";" (either width) between entries, or "," when there is no ";". */
function splitPairList(text: string): string[] {
  const parts = /[;；]/.test(text) ? text.split(/[;；]/) : text.split(/[,，]/);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** WooCommerce lists: comma-separated, "\," for a comma inside a value. */
function splitList(text: string): string[] {
  if (text === "") return [];
  if (!text.includes("\\,"))
    return text
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  return text
    .split(/(?<!\\),/)
    .map((s) => s.replace(/\\,/g, ",").trim())
    .filter((s) => s !== "");
}

/** WooCommerce "Clothing > Tshirts, Accessories": the product's first category path. */
function firstWooCategory(text: string): string {
  return splitList(text)[0] ?? "";
}
