/** The mapping prompt's question and the mapping files: template names, each field once, samples from the file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createAttributeDictionary } from "../../../src/core/attributes/index.js";
import { mapHeaders } from "../../../src/core/catalog/dialects.js";
import { mappingChoices, mappingQuestion, readMapping, writeMapping } from "../../../src/services/catalog-mapping.js";

const dir = mkdtempSync(join(tmpdir(), "merchops-mapping-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mappingChoices", () => {
  it("lists each field once by its snake_case template name; the net weight attribute apart from the shipping weight", () => {
    const names = mappingChoices().map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("compare_at_price");
    expect(names).toContain("product_image");
    expect(names).not.toContain("compareAtPrice");
    expect(names.filter((n) => n === "weight")).toHaveLength(1);
    expect(mappingChoices().find((c) => c.value === "attr:weight")?.name).toBe("net_weight");
  });
});

describe("mapping files", () => {
  it("round-trip with template names; the older camelCase names still read", async () => {
    const path = join(dir, "map.yaml");
    await writeMapping(path, { 划线: "compareAtPrice", 净重: "attr:weight", 尺寸: "attr:size", 备注: "ignore" });
    const text = readFileSync(path, "utf8");
    expect(text).toContain("划线: compare_at_price");
    expect(text).toContain("净重: net_weight");
    expect(readMapping(path)).toEqual({ 划线: "compareAtPrice", 净重: "attr:weight", 尺寸: "attr:size", 备注: "ignore" });
    writeFileSync(path, "a: compareAtPrice\nb: product_image\n");
    expect(readMapping(path)).toEqual({ a: "compareAtPrice", b: "productImage" });
  });
});

describe("mappingQuestion", () => {
  it("shows 3 distinct sample values per unknown column, a guess each, the fields taken and the required columns missing", async () => {
    const file = join(dir, "odd.csv");
    writeFileSync(
      file,
      "Title,Price,Ausführung,Schnitt,Menge,Notiz\nTee,79.00,black,S,5,\nTee,79.00,black,M,10,\nTee,79.00,white,L,3,gift\nTee,79.00,red,XL,1,\n",
    );
    const header = ["Title", "Price", "Ausführung", "Schnitt", "Menge", "Notiz"];
    const mapping = mapHeaders(header, { dict: createAttributeDictionary(), file });
    const q = await mappingQuestion(file, {}, mapping, undefined);
    expect(q.columns).toEqual([
      { header: "Ausführung", samples: ["black", "white", "red"], guess: "attr:colour" },
      { header: "Schnitt", samples: ["S", "M", "L"], guess: "attr:size" },
      { header: "Menge", samples: ["5", "10", "3"], guess: "inventory" },
      { header: "Notiz", samples: ["gift"], guess: "ignore" },
    ]);
    expect(q.taken).toEqual({ title: "Title", price: "Price" });
    expect(q.missing).toEqual(['"SKU" (or 商家编码 / 商家編碼 / 货号)']);
  });
});
