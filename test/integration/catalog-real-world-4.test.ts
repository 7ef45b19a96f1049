/**
 * Round 4 of real catalog layouts (fixtures/catalog/real-world/README.md says which real files each
 * fixture stands for): stores writing their option names and values in their own language.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errors, importCatalogFile } from "../helpers/catalog-file.js";
import { REPO } from "../helpers/cli.js";

const REAL = join(REPO, "fixtures", "catalog", "real-world");

describe("option names and values in the store's language (de, fr, pt-BR, es, it, nl, pl, sv, ja, ko)", () => {
  it("are read as size, colour and material; the names and values stay as written, the canonical values go beside them", async () => {
    const r = await importCatalogFile(REAL, "shopify-multilingual-options.csv", "EUR");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["shopify", [], []]);
    // No value of these is unknown: nothing warned but the empty descriptions the helper leaves out.
    expect(r.issues.filter((i) => /not in the attribute dictionary/.test(i.message))).toEqual([]);
    const seen = r.products.map((p) => [
      p.handle,
      p.optionNames,
      p.variants.map((v) => p.options?.map((a) => `${v.options[a]} -> ${v.attributes?.[a]}`).join(" | ")),
    ]);
    expect(seen).toEqual([
      [
        "t-shirt-basic",
        ["Größe", "Farbe", "Material"],
        [
          "S -> S | Schwarz -> black | Baumwolle -> cotton",
          "M -> M | Schwarz -> black | Baumwolle -> cotton",
          "L -> L | Rot -> red | Baumwolle -> cotton",
        ],
      ],
      [
        "pull-marin",
        ["Taille", "Couleur", "Matière"],
        ["Taille unique -> One Size | Bleu marine -> navy | Laine -> wool", "Taille unique -> One Size | Écru -> cream | Laine -> wool"],
      ],
      ["camiseta-lisa", ["Tamanho", "Cor"], ["P -> S | Vermelho -> red", "G -> L | Branco -> white", "GG -> XL | Preto -> black"]],
      ["falda-midi", ["Talla", "Color"], ["Mediana -> M | Rojo -> red"]],
      ["borsa", ["Colore", "Taglia"], ["Nero -> black | Taglia unica -> One Size"]],
      ["trui", ["Maat", "Kleur"], ["Groot -> L | Groen -> green"]],
      ["bluza", ["Rozmiar", "Kolor"], ["XL -> XL | Szary -> grey"]],
      ["troja", ["Storlek", "Färg"], ["Liten -> S | Blå -> blue"]],
      ["tシャツ", ["サイズ", "カラー"], ["M -> M | ネイビー -> navy", "L -> L | ホワイト -> white"]],
      ["hoodie-kr", ["사이즈", "색상"], ["프리 -> One Size | 블랙 -> black"]],
      // Baby and kids' sizes by age, in the shop's language (a Honduran baby shop's "0-3 meses", "Cafe").
      [
        "body-bebe",
        ["Talla", "Color"],
        [
          "0-3 meses -> 0-3 months | Cafe -> brown",
          "3-6 meses -> 3-6 months | Cafe -> brown",
          "18-24-meses -> 18-24 months | Cafe -> brown",
        ],
      ],
      ["kids-tee", ["Size", "Color"], ["2T -> 2 years | Navy -> navy", "4 Jahre -> 4 years | Navy -> navy"]],
    ]);
    // The axes are the canonical attributes, in the store's option order.
    expect(r.products.find((p) => p.handle === "borsa")?.options).toEqual(["colour", "size"]);
  });
});

describe("Shopify's cross-border export (Handle, Title, SKU, options, COO, HS Code)", () => {
  it("is read as Shopify: COO and HS Code are known, not imported; no price column is said on every variant", async () => {
    const r = await importCatalogFile(REAL, "shopify-cross-border-export.csv", "PLN");
    expect([r.dialect, r.unmatched, errors(r), r.ignored]).toEqual(["shopify", [], [], ["COO", "HS Code"]]);
    expect(r.products.map((p) => [p.handle, p.variants.map((v) => [v.sku, v.options])])).toEqual([
      ["ledger-book", [["48201000_001", {}]]],
      [
        "steel-shelf",
        [
          ["94032080_002", { size: "Small" }],
          ["94032080_003", { size: "Large" }],
        ],
      ],
    ]);
    expect(r.issues.filter((i) => i.message.startsWith("the file has no price column")).map((i) => i.at.row)).toEqual([2, 3, 4]);
  });
});

describe("Shopify's inventory export (one row per variant and location)", () => {
  it("reads the available stock; a count typed in On hand (new) is warned on its row, never applied", async () => {
    const r = await importCatalogFile(REAL, "shopify-inventory-export.csv", "SGD");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["shopify", [], []]);
    expect(r.products.map((p) => [p.handle, p.variants.map((v) => [v.sku, v.options, v.inventory])])).toEqual([
      ["copper-bottle", [["0105969", {}, 15]]],
      [
        "linen-shawl",
        [
          ["0203312", { colour: "Indigo" }, 4],
          ["0203313", { colour: "Rust" }, 0],
        ],
      ],
    ]);
    expect(r.issues.filter((i) => i.at.column === "On hand (new)").map((i) => [i.severity, i.at.row, i.message])).toEqual([
      [
        "warning",
        4,
        'On hand (new) is "12": a new on-hand count for Shopify\'s inventory import; merchops reads the available stock beside it, so this count is not applied',
      ],
    ]);
  });
});
