/**
 * A string item of a workbook (a shared string `<si>`, an inline string `<is>`) as one plain `<t>`,
 * rewritten in the XML text before exceljs' streaming reader sees it. That reader gets two things
 * wrong which real workbooks hit:
 * - a phonetic guide `<rPh><t>カンジ</t></rPh>`, which Excel adds by itself to text typed through a
 *   Japanese IME (and WPS to some Chinese text), replaced the value: 漢字 read as カンジ
 *   (the same bug in openxlsx #374, spreadsheet-parsexlsx #72, ExcelDataReader #12);
 * - an inline string of several rich-text runs `<r><t>Sh</t></r><r><t>irt</t></r>` (LibreOffice,
 *   openpyxl, SAS and report generators write them) read as its last run only: "irt".
 * The value Excel shows is the item's own `<t>` or the `<t>` of each `<r>` run, joined; the text
 * inside `<rPh>` is left out, and so are the run properties (formatting is no value).
 */

export interface TextTransform {
  push(text: string): string;
  end(): string;
}

const RPH = /<rPh(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/rPh>)/g;
const TEXT = /<t(?=[\s/>])[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g;

/** The item's text: its `<t>` runs outside `<rPh>`, joined (still XML-escaped, as in the file). */
function itemText(inner: string): string {
  let s = "";
  for (const m of inner.replace(RPH, "").matchAll(TEXT)) s += m[1] ?? "";
  return s;
}

/** Whether the item is more than one plain `<t>`: most are not, and pass untouched. */
function needsRewrite(inner: string): boolean {
  const first = inner.indexOf("<t");
  return first === -1 ? inner.includes("<r") : inner.indexOf("<t", first + 2) !== -1 || inner.includes("<rPh");
}

/**
 * Rewrites every `<si>` (shared strings) or `<is>` (a sheet's inline strings) of a streamed part.
 * An item cut by a chunk boundary is held until its end tag arrives; an item is bounded by the
 * cell-length and row-length limits checked on the raw text before this runs.
 */
export class StringItems implements TextTransform {
  private held = "";
  private readonly open: string;
  private readonly close: string;

  constructor(element: "si" | "is") {
    this.open = `<${element}`;
    this.close = `</${element}>`;
  }

  push(text: string): string {
    const s = this.held + text;
    this.held = "";
    let out = "";
    let from = 0;
    while (true) {
      const start = this.findOpen(s, from);
      if (start === -1) {
        // Hold back a tail that may be the start of an item's open tag cut by the chunk boundary.
        const lt = s.lastIndexOf("<");
        const keep = lt >= from && s.length - lt < this.open.length + 1 ? lt : s.length;
        this.held = s.slice(keep);
        return out + s.slice(from, keep);
      }
      const tagEnd = s.indexOf(">", start);
      if (tagEnd === -1) {
        this.held = s.slice(start);
        return out + s.slice(from, start);
      }
      out += s.slice(from, start);
      if (s.charCodeAt(tagEnd - 1) === 0x2f) {
        // <si/>: an empty item.
        out += s.slice(start, tagEnd + 1);
        from = tagEnd + 1;
        continue;
      }
      const end = s.indexOf(this.close, tagEnd);
      if (end === -1) {
        this.held = s.slice(start);
        return out;
      }
      const inner = s.slice(tagEnd + 1, end);
      out += needsRewrite(inner)
        ? `${s.slice(start, tagEnd + 1)}<t xml:space="preserve">${itemText(inner)}</t>${this.close}`
        : s.slice(start, end + this.close.length);
      from = end + this.close.length;
    }
  }

  end(): string {
    const rest = this.held;
    this.held = "";
    return rest;
  }

  /** The next `<si` / `<is` that opens the element (not `<sheet`, `<isoX`...). */
  private findOpen(s: string, from: number): number {
    let i = s.indexOf(this.open, from);
    while (i !== -1) {
      const next = s.charCodeAt(i + this.open.length);
      if (next === 0x3e || next === 0x2f || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d) return i;
      if (Number.isNaN(next)) return i; // cut at the chunk's end: decided when the rest arrives
      i = s.indexOf(this.open, i + 1);
    }
    return -1;
  }
}

const MAIN_NAMESPACES = ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"];
const PREFIX_DECLARATION = /\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']/g;

/**
 * Elements of SpreadsheetML written with a namespace prefix (`<x:row>`, `<x:si><x:t>`), as the .NET
 * Open XML SDK writes them (php-ext-xlswriter #418 met such a file): valid XML that exceljs, which
 * matches element names as written, read as an empty sheet. The prefix the root element binds to
 * the main namespace is dropped from element names; a part without one passes untouched.
 */
export class MainPrefix implements TextTransform {
  private prefix: string | null | undefined;
  private held = "";

  push(text: string): string {
    let s = this.held + text;
    this.held = "";
    if (this.prefix === undefined) {
      const root = /<(?![?!])[^>]*>/.exec(s);
      if (!root) {
        this.held = s;
        return "";
      }
      this.prefix = null;
      for (const m of root[0].matchAll(PREFIX_DECLARATION)) if (MAIN_NAMESPACES.includes(m[2] as string)) this.prefix = m[1] as string;
    }
    if (this.prefix === null) return s;
    const lt = s.lastIndexOf("<");
    if (lt !== -1 && s.length - lt <= this.prefix.length + 2) {
      this.held = s.slice(lt);
      s = s.slice(0, lt);
    }
    return s.replaceAll(`<${this.prefix}:`, "<").replaceAll(`</${this.prefix}:`, "</");
  }

  end(): string {
    const rest = this.held;
    this.held = "";
    return this.prefix ? rest.replaceAll(`<${this.prefix}:`, "<").replaceAll(`</${this.prefix}:`, "</") : rest;
  }
}
