/**
 * What an input really is when it is not what its name says, or is a kind merchops does not read:
 * each refused naming the kind and the one step that makes it readable (issue 13, round 3). A file
 * is judged by its first bytes (and a zip by its entry names), never by its extension alone: a
 * workbook named .csv, a .zip of CSVs, a LibreOffice .ods renamed .xlsx.
 */
import { InputError } from "../core/errors.js";
import { type Message, msg } from "../core/i18n/index.js";

interface Kind {
  what: Message;
  hint: Message;
}

const KINDS = {
  ods: () => ({ what: msg("hostile.kind.ods"), hint: msg("hostile.kind.ods_hint") }),
  numbers: () => ({ what: msg("hostile.kind.numbers"), hint: msg("hostile.kind.numbers_hint") }),
  xlsb: () => ({ what: msg("hostile.kind.xlsb"), hint: msg("hostile.kind.xlsb_hint") }),
  et: () => ({ what: msg("hostile.kind.et"), hint: msg("hostile.kind.et_hint") }),
  archive: () => ({ what: msg("hostile.kind.archive"), hint: msg("hostile.kind.archive_hint") }),
  pdf: () => ({ what: msg("hostile.kind.pdf"), hint: msg("hostile.kind.pdf_hint") }),
  zip_as_text: () => ({ what: msg("hostile.kind.zip_as_text"), hint: msg("hostile.kind.zip_as_text_hint") }),
  gzip_as_text: () => ({ what: msg("hostile.kind.gzip_as_text"), hint: msg("hostile.kind.gzip_as_text_hint") }),
  ole_as_text: () => ({ what: msg("hostile.kind.ole_as_text"), hint: msg("hostile.kind.ole_as_text_hint") }),
  zip_not_workbook: () => ({ what: msg("hostile.kind.zip_not_workbook"), hint: msg("hostile.kind.zip_not_workbook_hint") }),
} satisfies Record<string, () => Kind>;
type KindName = keyof typeof KINDS;

const kind = (name: KindName): Kind => KINDS[name]();

/** Extensions of formats merchops does not read, with what they are. */
const BY_EXTENSION: Record<string, KindName> = {
  ".ods": "ods",
  ".fods": "ods",
  ".numbers": "numbers",
  ".xlsb": "xlsb",
  ".et": "et",
  ".ett": "et",
  ".gz": "archive",
  ".zip": "archive",
  ".7z": "archive",
  ".rar": "archive",
  ".bz2": "archive",
  ".xz": "archive",
  ".pdf": "pdf",
};

/** A refusal for an extension merchops does not read but knows, or undefined. */
export function knownUnsupported(file: string, ext: string): InputError | undefined {
  const name = BY_EXTENSION[ext];
  if (!name) return undefined;
  const k = kind(name);
  return new InputError({ file }, k.what, k.hint);
}

/** By the first bytes of a file read as delimited text: a binary format is no CSV. */
export function binaryKindOf(head: Uint8Array): KindName | undefined {
  const b = (i: number) => head[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && (b(2) === 0x03 || b(2) === 0x05) && (b(3) === 0x04 || b(3) === 0x06)) return "zip_as_text";
  if (b(0) === 0x1f && b(1) === 0x8b) return "gzip_as_text";
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) return "ole_as_text";
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return "pdf";
  return undefined;
}

/** A delimited-text input whose bytes are a zip, a gzip, an old Office file or a PDF: refused for what it is. */
export function refuseBinaryText(file: string, head: Uint8Array): void {
  const name = binaryKindOf(head);
  if (!name) return;
  const k = kind(name);
  throw new InputError({ file }, k.what, k.hint);
}

/**
 * A zip given as a workbook that is none: an OpenDocument spreadsheet, an Excel binary workbook,
 * an Apple Numbers document, or an archive of other files (CSVs). Judged by the entry names.
 */
export function refuseForeignZip(file: string, entries: Iterable<string>): void {
  const names = [...entries];
  if (names.includes("xl/workbook.xml")) return;
  let name: KindName = "zip_not_workbook";
  if (names.includes("mimetype") && names.includes("content.xml")) name = "ods";
  else if (names.includes("xl/workbook.bin")) name = "xlsb";
  else if (names.some((n) => n.startsWith("Index/") && n.endsWith(".iwa"))) name = "numbers";
  else if (names.some((n) => /\.(csv|tsv|txt|xlsx?)$/i.test(n))) name = "archive";
  const k = kind(name);
  throw new InputError({ file }, k.what, k.hint);
}
