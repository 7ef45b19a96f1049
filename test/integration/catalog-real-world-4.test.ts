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

describe("a WooCommerce export with a plugin's own columns", () => {
  it("reads the products; the columns WooCommerce's importer would not map are known, not imported (exit 2 before)", async () => {
    const r = await importCatalogFile(REAL, "woocommerce-plugin-columns.csv");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["woocommerce", [], []]);
    expect(r.ignored).toEqual(expect.arrayContaining(["Swatches Attributes", "Badge text", "Meta: _yoast_wpseo_focuskw"]));
    expect(
      r.products.map((p) => [p.handle, p.variants.map((v) => [v.sku, v.options, v.price, v.compareAtPrice ?? null, v.inventory])]),
    ).toEqual([
      [
        "canvas-cap",
        [
          ["CAP-SAND", { colour: "Sand" }, 2200, null, 8],
          ["CAP-OLIVE", { colour: "Olive" }, 1900, 2200, 3],
        ],
      ],
      ["enamel-pin", [["PIN", {}, 600, null, 40]]],
    ]);
  });
});

describe("supplier price lists in European languages", () => {
  it("German: notes above the header, semicolons and decimal commas, Artikelnummer/Bezeichnung/EK/VK-Preis/UVP/Bestand", async () => {
    const r = await importCatalogFile(REAL, "supplier-de-price-list.csv", "EUR");
    expect([r.dialect, r.headerRow, r.unmatched, errors(r)]).toEqual(["native", 3, [], []]);
    expect(
      r.products.map((p) => [
        p.title,
        p.variants.map((v) => [
          v.sku,
          v.options,
          v.attributes ?? {},
          v.cost,
          v.price,
          v.compareAtPrice ?? null,
          v.inventory,
          v.barcode ?? null,
        ]),
      ]),
    ).toEqual([
      [
        "T-Shirt Basic",
        [
          ["NF-100-S", { colour: "black", size: "S" }, { colour: "black", size: "S" }, 620, 1990, 2490, 12, "4006381333931"],
          ["NF-100-M", { colour: "black", size: "M" }, { colour: "black", size: "M" }, 620, 1990, 2490, 8, "4006381333948"],
          ["NF-100-L", { colour: "red", size: "L" }, { colour: "red", size: "L" }, 620, 1990, 2490, 0, "4006381333955"],
        ],
      ],
      ["Leinentasche", [["NF-200", { colour: "Natur", size: "One Size" }, { size: "One Size" }, 310, 1250, null, 40, null]]],
    ]);
  });

  it("French: Référence/Désignation/Prix d'achat/Prix de vente/Marque/Code EAN", async () => {
    const r = await importCatalogFile(REAL, "supplier-fr-tarif.csv", "EUR");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["native", [], []]);
    expect(r.products.map((p) => [p.title, p.vendor, p.variants.map((v) => [v.sku, v.options, v.cost, v.price])])).toEqual([
      [
        "Pull marin",
        "Atelier",
        [
          ["AT-01-BM", { colour: "navy", size: "One Size" }, 3100, 7900],
          ["AT-01-EC", { colour: "cream", size: "One Size" }, 3100, 7900],
        ],
      ],
    ]);
  });

  it("English part list: the one text column (Description) names each item; List Price is the compare-at price", async () => {
    const r = await importCatalogFile(REAL, "supplier-en-part-list.csv");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["native", [], []]);
    expect(r.products.map((p) => [p.title, p.variants.map((v) => [v.sku, v.price, v.cost, v.compareAtPrice, v.inventory])])).toEqual([
      ['Hinge, stainless 3"', [["HW-1001", 425, 180, 599, 120]]],
      ['Hinge, brass 3"', [["HW-1002", 510, 235, 699, 0]]],
    ]);
  });
});
