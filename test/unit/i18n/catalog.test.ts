import type { EventEmitter } from "node:events";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../../src/cli.js";
import { enHelp } from "../../../src/core/i18n/catalog/en-help.js";
import { enHelpAfter } from "../../../src/core/i18n/catalog/en-help-after.js";
import { zhHantGenerated } from "../../../src/core/i18n/catalog/zh-Hant.generated.js";
import { CATALOGS, LOCALES, localized, type MessageId, msg, t, translator } from "../../../src/core/i18n/index.js";
import { helpKey } from "../../../src/ui/i18n.js";
import { zhHantMessages } from "../../helpers/zh-hant.js";

const ids = Object.keys(CATALOGS.en) as MessageId[];

/** The argument names of an ICU message: {name}, {name, number}, {name, plural, ...}. */
function argumentNames(text: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown[]) => {
    for (const n of nodes as { type: number; value?: string; options?: Record<string, { value: unknown[] }> }[]) {
      if (n.type !== 0 && n.type !== 7 && typeof n.value === "string") names.add(n.value);
      for (const o of Object.values(n.options ?? {})) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(text, "en", undefined, { ignoreTag: true }).getAst() as unknown[]);
  return [...names].sort();
}

describe("the message catalog", () => {
  it("has every key in en, zh-Hans and zh-Hant, none empty", () => {
    for (const locale of LOCALES) {
      const missing = ids.filter((id) => !(CATALOGS[locale][id] ?? "").trim());
      expect(missing, `${locale} lacks these messages`).toEqual([]);
      expect(
        Object.keys(CATALOGS[locale]).filter((k) => !(k in CATALOGS.en)),
        `${locale} has keys en lacks`,
      ).toEqual([]);
    }
  });

  it("parses every message; a translation uses no parameter English does not pass", () => {
    for (const id of ids) {
      const en = argumentNames(CATALOGS.en[id] as string);
      // A translation may leave out a parameter (English needs the plural word, Chinese not), never add one.
      for (const locale of LOCALES)
        expect(
          argumentNames(CATALOGS[locale][id] as string).filter((n) => !en.includes(n)),
          `${locale} ${id}`,
        ).toEqual([]);
    }
  });

  it("has Chinese in every zh message that has English words in en", () => {
    const chinese = /[\u4e00-\u9fff]/;
    const untranslated = ids.filter(
      (id) =>
        /[a-z]{3,}/.test((CATALOGS.en[id] as string).replace(/\{[^}]*\}/g, "")) &&
        !chinese.test(CATALOGS["zh-Hans"][id] as string) &&
        // an abbreviation (sku -> SKU) is the same word in both
        (CATALOGS.en[id] as string).toLowerCase() !== (CATALOGS["zh-Hans"][id] as string).toLowerCase(),
    );
    expect(untranslated).toEqual([]);
  });

  it("keeps zh-Hant.generated.ts in step with zh-Hans (npm run i18n)", () => {
    expect(zhHantGenerated).toEqual(zhHantMessages());
  });

  it("plural forms follow Intl.PluralRules", () => {
    expect(t("en", "doc.more_rows", { hidden: 1 })).toBe("… 1 more row: all rows are in --format csv, xlsx or json");
    expect(t("en", "doc.more_rows", { hidden: 1200 })).toBe("… 1,200 more rows: all rows are in --format csv, xlsx or json");
    expect(t("zh-Hans", "doc.more_rows", { hidden: 1200 })).toBe("… 另有 1,200 行：全部行见 --format csv、xlsx 或 json");
  });

  it("renders nested messages and missing figures as n/a in the same language", () => {
    const tr = translator("zh-Hans");
    expect(tr("error.input", { where: msg("loc.row", { file: "a.csv", row: "3" }), problem: "x" })).toBe("a.csv，第 3 行：x");
    expect(tr("prices.match.title", { confidence: null })).toBe("标题相似，置信度 无数据");
    expect(translator("zh-Hant")("status.breach")).toBe("超限");
  });

  it("renders a localized param (a dictionary label) in the run's language, nested or not", () => {
    const axes = localized({ en: "colour, size", "zh-Hans": "颜色、尺码", "zh-Hant": "顏色、尺碼" });
    expect(t("en", "catalog.check.axis_empty_hint", { axes })).toBe(
      "every variant of a product needs a value for each of its options (colour, size)",
    );
    expect(t("zh-Hans", "catalog.check.axis_empty_hint", { axes })).toBe("商品的每个规格都需要填写所有规格项（颜色、尺码）");
    const nested = msg("error.input", { where: "a.csv", problem: msg("catalog.check.axis_empty_hint", { axes }) });
    expect(t("zh-Hant", nested.id, nested.params)).toContain("（顏色、尺碼）");
  });
});

describe("help texts", () => {
  it("every command and option has a catalog entry whose English is the command's own text", () => {
    const program = buildProgram();
    const problems: string[] = [];
    const walk = (cmd: ReturnType<typeof buildProgram>, path: string[]) => {
      const check = (key: string, text: string) => {
        const en = (enHelp as Record<string, string>)[key];
        if (en === undefined) problems.push(`${key}: not in the catalog (add it to en-help.ts and zh-Hans-help.ts)`);
        else if (en !== text) problems.push(`${key}: the catalog says "${en}", the command "${text}"`);
      };
      check(helpKey(path), cmd.description());
      for (const o of cmd.options) if (o.attributeName() !== "help") check(helpKey(path, o.attributeName()), o.description);
      for (const sub of cmd.commands) walk(sub as ReturnType<typeof buildProgram>, [...path, sub.name()]);
    };
    walk(program, []);
    expect(problems).toEqual([]);
  });

  it("every text after a command's help is in the catalog, its English the command's own", () => {
    const program = buildProgram();
    const problems: string[] = [];
    const walk = (cmd: ReturnType<typeof buildProgram>, path: string[]) => {
      let text = "";
      const context = {
        error: false,
        command: cmd,
        write: (s: string) => {
          text += s;
        },
      };
      for (const listener of (cmd as unknown as EventEmitter).listeners("afterHelp")) listener(context);
      const key = `${helpKey(path)}.after` as MessageId;
      // The program's own text is built from catalog entries already (examples, exit codes).
      if (path.length > 0 && text !== "") {
        if (!(key in enHelpAfter)) problems.push(`${key}: not in the catalog (add it to en-help-after.ts and zh-Hans-help-after.ts)`);
        else if (t("en", key) !== text.replace(/\n$/, "")) problems.push(`${key}: the catalog's English differs from the command's`);
      }
      for (const sub of cmd.commands) walk(sub as ReturnType<typeof buildProgram>, [...path, sub.name()]);
    };
    walk(program, []);
    expect(problems).toEqual([]);
  });
});
