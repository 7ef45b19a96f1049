import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findingKey, findUntranslated } from "../../helpers/untranslated.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const baseline = new Set(JSON.parse(readFileSync(new URL("./untranslated-baseline.json", import.meta.url), "utf8")) as string[]);

/**
 * English written straight into error messages, log lines, notes and document labels never reaches
 * a zh user translated. The baseline lists the sites not converted yet; it may only shrink.
 */
describe("user-visible strings go through the catalog", () => {
  const findings = findUntranslated(root);
  const keys = new Set(findings.map(findingKey));

  it("adds no new English literal outside the catalog", () => {
    const fresh = findings.filter((f) => !baseline.has(findingKey(f))).map((f) => `${f.file}:${f.line} ${f.sink}: ${f.text}`);
    expect(fresh, "put these in src/core/i18n/catalog (en and zh-Hans) and pass msg(id, params)").toEqual([]);
  });

  it("lists no converted site in the baseline (npx tsx scripts/untranslated.ts --write-baseline)", () => {
    expect([...baseline].filter((k) => !keys.has(k))).toEqual([]);
  });

  it("finds the sinks it is meant to find", () => {
    // The scanner itself: a literal error message, log line and label are found; a message id is not.
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((f) => f.sink.startsWith("new ") && f.file.startsWith("src/"))).toBe(true);
  });
});
