/**
 * Checks a command's real `--json` output against its contract twice: the zod schema it is
 * produced through, and the committed JSON Schema file read by an independent validator (ajv),
 * so the file a consumer downloads is proven too, not only the code.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { OUTPUT_SCHEMAS, type OutputName } from "../../src/services/schemas/index.js";
import { REPO } from "./cli.js";

const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);

const validators = new Map<OutputName, ReturnType<Ajv2020["compile"]>>();

export function committedSchema(name: OutputName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO, "docs", "schemas", `${name}.schema.json`), "utf8")) as Record<string, unknown>;
}

function validatorFor(name: OutputName) {
  let v = validators.get(name);
  if (!v) {
    v = ajv.compile(committedSchema(name));
    validators.set(name, v);
  }
  return v;
}

/** Parses stdout as JSON and asserts it fits the named contract both ways; returns the document. */
export function expectContract<T = Record<string, unknown>>(name: OutputName, stdout: string): T {
  const doc = JSON.parse(stdout) as unknown;
  const zod = OUTPUT_SCHEMAS[name].safeParse(doc);
  expect(zod.success ? [] : zod.error.issues, `zod: ${name}`).toEqual([]);
  const validate = validatorFor(name);
  const ok = validate(doc);
  expect(ok ? [] : validate.errors, `ajv over docs/schemas/${name}.schema.json`).toEqual([]);
  return doc as T;
}

/** snake_case: what every key of machine output and every CSV header is. */
export const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
