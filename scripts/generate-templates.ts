/**
 * Writes templates/files-store (English headers) and templates/files-store-zh (Chinese headers,
 * UTF-8 with BOM so Excel shows them): one header-only CSV per dataset of the files adapter,
 * ready to fill in. `npm run templates`; a test keeps the committed files in step.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DATASETS } from "../src/adapters/platforms/files/columns.js";

const ROOT = resolve(import.meta.dirname, "..");
const CJK = /[\u4e00-\u9fff]/;

export function templateFiles(): Record<string, Record<string, string>> {
  const en: Record<string, string> = {};
  const zh: Record<string, string> = {};
  for (const ds of Object.values(DATASETS)) {
    en[`${ds.name}.csv`] = `${ds.columns.map((c) => c.key).join(",")}\r\n`;
    const zhHeaders = ds.columns.map((c) => c.headers.find((h) => CJK.test(h)) ?? c.key);
    const zhName = ds.fileNames.find((n) => CJK.test(n)) ?? ds.name;
    zh[`${zhName}.csv`] = `\uFEFF${zhHeaders.join(",")}\r\n`;
  }
  return { "files-store": en, "files-store-zh": zh };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const [name, files] of Object.entries(templateFiles())) {
    const dir = join(ROOT, "templates", name);
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    process.stdout.write(`templates/${name}: ${Object.keys(files).join(", ")}\n`);
  }
}
