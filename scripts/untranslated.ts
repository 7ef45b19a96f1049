/**
 * Lists the user-visible English still written in src/ instead of the catalog, by file; with
 * --write-baseline, records the current list as test/unit/i18n/untranslated-baseline.json (only
 * to shrink it: the test fails on any site that is not in the baseline).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findingKey, findUntranslated } from "../test/helpers/untranslated.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const findings = findUntranslated(root);
if (process.argv.includes("--write-baseline")) {
  const keys = [...new Set(findings.map(findingKey))].sort();
  writeFileSync(new URL("../test/unit/i18n/untranslated-baseline.json", import.meta.url), `${JSON.stringify(keys, null, 1)}\n`);
  console.log(`baseline: ${keys.length} sites`);
} else {
  for (const f of findings) console.log(`${f.file}:${f.line} ${f.sink}: ${f.text}`);
  console.log(`${findings.length} sites`);
}
