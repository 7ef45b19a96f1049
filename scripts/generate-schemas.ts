/**
 * Writes docs/schemas/<name>.schema.json, the JSON Schema of each machine-output document, from the
 * zod schemas the documents are produced through (src/services/schemas). `npm run schemas`; a test
 * fails when the committed files differ from what this writes.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { OUTPUT_SCHEMAS } from "../src/services/schemas/index.js";

export const SCHEMAS_DIR = resolve(import.meta.dirname, "..", "docs", "schemas");

export function schemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, schema] of Object.entries(OUTPUT_SCHEMAS)) {
    // "output": what the command writes (constants and defaults are filled in, unknown keys are refused).
    const json = z.toJSONSchema(schema, { io: "output", target: "draft-2020-12" });
    files[`${name}.schema.json`] = `${JSON.stringify(json, null, 2)}\n`;
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(SCHEMAS_DIR, { recursive: true });
  const files = schemaFiles();
  for (const old of readdirSync(SCHEMAS_DIR)) {
    if (old.endsWith(".schema.json") && !(old in files)) rmSync(join(SCHEMAS_DIR, old));
  }
  for (const [file, text] of Object.entries(files)) writeFileSync(join(SCHEMAS_DIR, file), text);
  process.stdout.write(`wrote ${Object.keys(files).length} schemas to ${SCHEMAS_DIR}\n`);
}
