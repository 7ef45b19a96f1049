/** docs/schemas is generated from the zod schemas: the committed files must be what `npm run schemas` writes. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { SCHEMAS_DIR, schemaFiles } from "../../../scripts/generate-schemas.js";
import { SNAKE } from "../../helpers/schemas.js";

describe("docs/schemas", () => {
  const files = schemaFiles();

  it("holds exactly the generated files, byte for byte (run `npm run schemas` after changing a schema)", () => {
    const committed = readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith(".schema.json"));
    expect(committed.sort()).toEqual(Object.keys(files).sort());
    for (const [file, text] of Object.entries(files)) expect(readFileSync(join(SCHEMAS_DIR, file), "utf8"), file).toBe(text);
  });

  it("every file is a valid draft 2020-12 schema that a strict validator compiles", () => {
    const ajv = new Ajv2020({ strict: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    for (const [file, text] of Object.entries(files)) expect(() => ajv.compile(JSON.parse(text)), file).not.toThrow();
  });

  it("every property name is snake_case, and every document starts with schema_version 1", () => {
    for (const [file, text] of Object.entries(files)) {
      const names: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === "object") {
          const o = node as Record<string, unknown>;
          if (o.properties && typeof o.properties === "object") names.push(...Object.keys(o.properties));
          Object.values(o).forEach(walk);
        }
      };
      const schema = JSON.parse(text) as { properties: Record<string, { const?: unknown }>; required: string[] };
      walk(schema);
      expect(
        names.filter((n) => !SNAKE.test(n)),
        file,
      ).toEqual([]);
      expect(schema.properties.schema_version?.const, file).toBe(1);
      expect(schema.required, file).toContain("schema_version");
    }
  });
});
