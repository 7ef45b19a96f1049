/**
 * A 淘宝助理 item CSV, the way 淘宝助理 writes it: UTF-16LE with a BOM, tab-separated, CRLF, text
 * in double quotes, the `version 1.00` line and both header lines first. The rows are held until
 * `commit()` (a shop's item list is small) and written atomically. Every cell passes the
 * formula-injection guard, as in every other writer.
 */
import { stringify } from "csv-stringify/sync";
import { taobaoPreamble } from "../../core/catalog/taobao-export.js";
import { InputError } from "../../core/errors.js";
import { msg } from "../../core/i18n/index.js";
import { writeFileAtomic } from "../atomic-write.js";
import { neutralizeFormula } from "../formula-guard.js";
import type { RowsCell, RowsWriter } from "./rows-file.js";

const OPTIONS = { delimiter: "\t", record_delimiter: "\r\n", quoted_match: /[\t"\r\n]|^$|\D/ } as const;

const guard = (c: RowsCell): string => (c == null ? "" : typeof c === "number" ? String(c) : neutralizeFormula(c));

export async function openTaobaoWriter(path: string): Promise<RowsWriter> {
  if (!/\.(csv|txt|tsv)$/i.test(path)) {
    throw new InputError({ file: path }, msg("io.taobao_is_text"), msg("io.taobao_is_text_hint"));
  }
  const [version, fields, chinese] = taobaoPreamble();
  // The version line and the English field names are written bare, as 淘宝助理 does.
  let text = `${(version as string[]).join("\t")}\r\n${(fields as string[]).join("\t")}\r\n${(chinese as string[]).join("\t")}\r\n`;
  let done = false;
  return {
    path,
    write(cells) {
      text += stringify([cells.map(guard)], OPTIONS);
    },
    async flush() {},
    async commit() {
      if (done) return;
      done = true;
      await writeFileAtomic(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    },
    async abort() {
      done = true;
    },
  };
}
