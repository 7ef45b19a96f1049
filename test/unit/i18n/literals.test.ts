import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    // The scanner itself, on a file of its own: a literal error message, log line and label are
    // found; a message id is not.
    const dir = mkdtempSync(join(tmpdir(), "merchops-untranslated-"));
    try {
      mkdirSync(join(dir, "src", "services"), { recursive: true });
      writeFileSync(
        join(dir, "src", "services", "present-sample.ts"),
        [
          'throw new UsageError("the store is not there", "add it to the config");',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample source holds a template literal
          "ctx.log.warn(`skipped ${n} rows without a price`);",
          'const doc = { title: "Orders sync", notes: [] };',
          'throw new UsageError(msg("store.unknown"), msg("store.add_it"));',
        ].join("\n"),
      );
      const found = findUntranslated(dir).map((f) => f.sink);
      expect(found).toEqual(
        ["new UsageError", "new UsageError", "log.warn", "title"].map((s) => expect.stringContaining(s.split(".").pop() as string)),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
