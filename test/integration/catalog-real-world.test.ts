/**
 * fixtures/catalog/real-world: one hand-made file per layout or quirk seen in real public product
 * exports (fixtures/catalog/real-world/README.md says which real files each stands for). Each runs
 * through the real reader (header-row detection, CSV quirks) and the catalog pipeline; the test
 * asserts the products, variants, display and canonical values and the warnings.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errors, importCatalogFile, product, variantsOf, warnings } from "../helpers/catalog-file.js";
import { REPO } from "../helpers/cli.js";

const DIR = join(REPO, "fixtures", "catalog", "real-world");
const importFile = (name: string, currency?: string) => importCatalogFile(DIR, name, currency);

describe("real-world Shopify exports, every generation", () => {
  it("2019-era minimal export: no SKU column, lowercase true, Title/Default Title", async () => {
    const r = await importFile("shopify-2019-minimal.csv");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["shopify", [], []]);
    expect(r.products.map((p) => [p.handle, p.status, p.options, p.variants.length])).toEqual([
      ["argan-shampoo-300ml", "active", [], 1],
      ["argan-conditioner-300ml", "active", [], 1],
      ["untitled-mar2_10-12", "active", [], 1],
    ]);
    expect(variantsOf(product(r, "argan-shampoo-300ml"))).toEqual([[null, {}, {}, 4200]]);
    expect(product(r, "argan-shampoo-300ml").category).toBe(
      "Health & Beauty > Personal Care > Hair Care > Shampoo & Conditioner > Shampoo",
    );
  });

  it("2021-22 export: Standard Product Type + Custom Product Type, AdWords columns, a gift card, image rows", async () => {
    const r = await importFile("shopify-2021-standard-type.csv");
    expect([r.dialect, r.unmatched, errors(r), warnings(r)]).toEqual(["shopify", [], [], []]);
    expect(r.ignored).toEqual(expect.arrayContaining(["Google Shopping / AdWords Grouping", "Gift Card", "Variant Tax Code"]));
    const ball = product(r, "scratch-ball");
    expect(ball.category).toBe("Animali > Articoli per gatti");
    expect(ball.options).toEqual(["shape", "size"]);
    expect(ball.optionNames).toEqual(["Shape", "Size"]);
    expect(variantsOf(ball)).toEqual([
      ["88120-R-S", { shape: "Round", size: "Small" }, { shape: "Round", size: "S" }, 2699],
      ["88120-R-L", { shape: "Round", size: "Large" }, { shape: "Round", size: "L" }, 2999],
    ]);
    expect(ball.images).toEqual([
      "https://cdn.example.com/ball-1.jpg",
      "https://cdn.example.com/ball-2.jpg",
      "https://cdn.example.com/ball-3.jpg",
    ]);
    expect(ball.description).toBe('<p>A <strong>sisal</strong> ball, "sturdy" and fun.</p>');
    // Gift card denominations are SKU-less variants of a free-form "amount" option, written as the store writes them.
    const card = product(r, "pawsome-gift-card");
    expect(variantsOf(card)).toEqual([
      [null, { amount: "10,00 €" }, { amount: "10,00 €" }, 1000],
      [null, { amount: "50,00 €" }, { amount: "50,00 €" }, 5000],
    ]);
    expect(card.variants.map((v) => v.weightGrams)).toEqual([0, 0]);
  });

  it("2021-23 export: Standardized Product Type, a padded header, colours the dictionary knows by family", async () => {
    const r = await importFile("shopify-2022-standardized-type.csv");
    expect([r.dialect, r.unmatched, errors(r), warnings(r)]).toEqual(["shopify", [], [], []]);
    const shirt = product(r, "linen-shirt");
    expect(shirt).toMatchObject({ category: "Apparel & Accessories > Clothing > Shirts & Tops", tags: ["summer", "linen"] });
    expect(variantsOf(shirt)).toEqual([
      ["LS-BG-M", { colour: "Bark Grey", size: "M" }, { colour: "grey", size: "M" }, 5900],
      ["LS-BG-L", { colour: "Bark Grey", size: "L" }, { colour: "grey", size: "L" }, 5900],
      ["LS-WG-M", { colour: "White/Gray", size: "M" }, { colour: "multicolour", size: "M" }, 5900],
    ]);
    expect(shirt.variants.map((v) => [v.cost, v.inventory, v.weightGrams])).toEqual([
      [2150, 10, 250],
      [2150, 4, 250],
      [2150, 0, 250],
    ]);
  });

  it("2024+ export: Linked To, metafield and market columns are known and not imported; the store's option order stays", async () => {
    const r = await importFile("shopify-2024-current.csv");
    expect([r.dialect, r.unmatched, errors(r), warnings(r)]).toEqual(["shopify", [], [], []]);
    expect(r.ignored).toEqual(
      expect.arrayContaining([
        "Option2 Linked To",
        "Color (product.metafields.shopify.color-pattern)",
        "Care guide (product.metafields.custom.care_guide)",
        "Price / United States",
        "Included / International",
        "Compare At Price / International",
        "Google Shopping / Ads labels",
      ]),
    );
    const tee = product(r, "the-tour-tee");
    expect([tee.options, tee.optionNames]).toEqual([
      ["size", "colour"],
      ["Size", "Color"],
    ]);
    expect(variantsOf(tee)).toEqual([
      ["TT-S-BLK", { size: "S", colour: "Black" }, { size: "S", colour: "black" }, 2500],
      ["TT-M-BLK", { size: "M", colour: "Black" }, { size: "M", colour: "black" }, 2500],
      ["TT-S-WHT", { size: "S", colour: "White" }, { size: "S", colour: "white" }, 2500],
    ]);
    expect(variantsOf(product(r, "tour-ebook"))).toEqual([
      ["EB-PDF", { format: "PDF" }, { format: "PDF" }, 999],
      ["EB-AUDIO", { format: "Audio" }, { format: "Audio" }, 1499],
    ]);
  });

  it("Option4 columns: a value there is refused, naming row and column (Shopify allows 3 options)", async () => {
    const r = await importFile("shopify-option4.csv");
    expect(r.unmatched).toEqual([]);
    expect(errors(r).map((i) => [i.at.row, i.at.column, i.message])).toEqual([
      [2, "Option4 Value", 'Option4 Value is "Oak": Shopify allows 3 options per product'],
      [3, "Option4 Value", 'Option4 Value is "Walnut": Shopify allows 3 options per product'],
    ]);
  });
});

describe("real-world quirks", () => {
  it("SKUs shared by variants and products: warnings, the variants told apart by their options", async () => {
    const r = await importFile("shopify-shared-skus.csv");
    expect(errors(r)).toEqual([]);
    expect(warnings(r).map((i) => [i.at.row, i.message])).toEqual([
      [3, 'SKU "BLADE" is also used at row 2: Shopify allows that, so the variants are told apart by their options'],
      [4, 'SKU "BLADE" is also used at row 2: Shopify allows that, so the variants are told apart by their options'],
      [6, 'SKU "Warranty Item" is also used at row 5: Shopify allows that, so the variants are told apart by their options'],
    ]);
    expect(variantsOf(product(r, "spare-blade")).map((v) => v[1])).toEqual([{ length: "10 cm" }, { length: "15 cm" }, { length: "20 cm" }]);
  });

  it("SKU-less variants with the merchant's own option values: kept as written, unknown ones warned once, no typo suggested across languages", async () => {
    const r = await importFile("shopify-sku-less-own-values.csv");
    expect(errors(r)).toEqual([]);
    expect(variantsOf(product(r, "wool-throw"))).toEqual([
      [null, { colour: "Moss", size: "Cal.King" }, {}, 12000],
      [null, { colour: "rojo", size: "Cal.King" }, { colour: "red" }, 12000],
      [null, { colour: "musta", size: "13 × 18 cm (Small)" }, {}, 12000],
    ]);
    const unknown = warnings(r).filter((i) => /not in the attribute dictionary/.test(i.message));
    expect(unknown.map((i) => [i.at.row, i.at.column, i.hint ?? null])).toEqual([
      [2, "Option1 Value", null],
      [2, "Option2 Value", null],
      [4, "Option1 Value", null],
      [4, "Option2 Value", null],
      [5, "Option1 Value", null],
      [6, "Option1 Value", 'did you mean "XL", "XXL"?'],
    ]);
    // A free sample: price 0 is what the store sells it at, a warning only.
    expect(
      warnings(r)
        .filter((i) => /price is 0/.test(i.message))
        .map((i) => i.at.row),
    ).toEqual([5, 6]);
  });

  it("Excel-mangled barcodes and SKUs: those cells are ignored with a warning, the rest of the product is imported", async () => {
    const r = await importFile("shopify-excel-mangled.csv");
    expect(errors(r)).toEqual([]);
    const tee = product(r, "example-t-shirt");
    expect(tee.variants.map((v) => [v.sku ?? null, v.barcode ?? null, v.price, v.compareAtPrice])).toEqual([
      [null, null, 2500, null],
      ["example-shirt-s", null, 1999, 2499],
      ["example-shirt-m", null, 1999, 2499],
    ]);
    const hat = product(r, "example-hat");
    // Its SKU is lost; its compare-at (64.95) is below the price (95.00): not sent.
    expect(hat.variants.map((v) => [v.sku ?? null, v.price, v.compareAtPrice])).toEqual([[null, 9500, null]]);
    expect(warnings(r).map((i) => [i.at.row, i.at.column])).toEqual([
      [2, "Variant Barcode"],
      [3, "Variant Barcode"],
      [4, "Variant Barcode"],
      [5, "Variant SKU"],
      [5, "Variant Compare At Price"],
    ]);
  });

  it("empty Handles: follow-on and image rows continue the product above; a new title gets a generated handle", async () => {
    const r = await importFile("shopify-empty-handles.csv");
    expect(errors(r)).toEqual([]);
    expect(r.products.map((p) => [p.handle, p.variants.map((v) => v.sku), p.images])).toEqual([
      ["canvas-tote", ["CT-NAT", "CT-BLK"], ["https://cdn.example.com/ct1.jpg", "https://cdn.example.com/ct2.jpg"]],
      ["market-basket", ["MB-1"], undefined],
    ]);
    expect(warnings(r).find((i) => i.at.column === "Handle")?.message).toBe(
      'Handle is empty: the handle "market-basket" is generated from the title, as Shopify does',
    );
  });

  it("a title line above the header, padded names and values, stray quotes, whitespace-only trailing lines", async () => {
    const r = await importFile("shopify-title-line-padding-quotes.csv");
    expect([r.dialect, r.headerRow, r.unmatched, errors(r)]).toEqual(["shopify", 4, [], []]);
    expect(r.products.map((p) => [p.handle, p.title, variantsOf(p)])).toEqual([
      [
        "desk-lamp",
        "Desk Lamp",
        [
          ["DL-BR", { colour: "Brass" }, {}, 4900],
          ["DL-BK", { colour: "Black" }, { colour: "black" }, 4900],
        ],
      ],
      ["ruler-set", 'Ruler Set 12" steel', [["RS-12", {}, {}, 950]]],
      ["note-pad", '"Note" pad A5', [["NP-A5", {}, {}, 300]]],
    ]);
  });

  it("a header-only export: 0 products, no error", async () => {
    const r = await importFile("shopify-header-only.csv");
    expect([r.dialect, r.products, r.issues]).toEqual(["shopify", [], []]);
  });
});

describe("real-world Shopify export re-saved by a European Excel", () => {
  it("semicolons, decimal commas (49,90 and 1.049,90), leading-zero SKUs kept, Excel-rounded codes ignored", async () => {
    const r = await importFile("shopify-eu-excel-semicolon.csv", "EUR");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["shopify", [], []]);
    expect(warnings(r).map((i) => [i.at.row, i.at.column])).toEqual([
      [2, "Variant Barcode"],
      [4, "Variant SKU"],
    ]);
    const shirt = product(r, "chemise-lin");
    expect(shirt.description).toBe('<p>Lin lavé, "coupe droite".\nLavable à 30°.</p>');
    expect(
      shirt.variants.map((v) => [v.sku ?? null, v.options.size, v.price, v.compareAtPrice ?? null, v.cost ?? null, v.barcode ?? null]),
    ).toEqual([
      ["00123", "S", 4990, 5990, 1850, null],
      ["00124", "M", 4990, null, 1850, null],
      [null, "L", 104990, null, null, null],
    ]);
    // "€ 12,5" is 12.50; "1,299" has three digits after the comma: the thousands separator, as ever.
    expect(product(r, "bougie").variants.map((v) => [v.price, v.compareAtPrice])).toEqual([[1250, 129900]]);
  });
});

describe("real-world Shopify export of 2025: the unlisted status", () => {
  it("reads unlisted beside active and archived; Published is true on the unlisted product, as Shopify writes it", async () => {
    const r = await importFile("shopify-2025-unlisted.csv");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["shopify", [], []]);
    expect(r.products.map((p) => [p.handle, p.status, p.variants.length])).toEqual([
      ["foaming-wash-10", "unlisted", 1],
      ["night-cream", "active", 2],
      ["old-serum", "archived", 1],
    ]);
    expect(variantsOf(product(r, "foaming-wash-10"))).toEqual([[null, {}, {}, 1490]]);
    expect(r.ignored).toEqual(expect.arrayContaining(["Option1 Linked To", "Renk (product.metafields.shopify.color-pattern)"]));
  });
});

describe("real-world WooCommerce export with a GTIN plugin's columns and a hidden product", () => {
  it("knows GTIN8 ... MPN; a published product hidden from the catalogue is unlisted", async () => {
    const r = await importFile("woocommerce-gtin-plugin-hidden.csv");
    expect([r.dialect, r.unmatched, errors(r), warnings(r)]).toEqual(["woocommerce", [], [], []]);
    expect(r.ignored).toEqual(expect.arrayContaining(["GTIN8", "GTIN12 / UPC", "GTIN13 / EAN", "GTIN14 / ITF-14", "ISBN", "MPN"]));
    expect(r.products.map((p) => [p.title, p.status, p.variants.map((v) => [v.sku ?? null, v.options.tiers ?? null, v.price])])).toEqual([
      [
        "Recovery Pack",
        "active",
        [
          [null, "Bronze", 699],
          [null, "Silver", 1000],
          [null, "Gold", 1399],
        ],
      ],
      ["Ready Account", "unlisted", [["FM-01", null, 500]]],
    ]);
  });
});

describe("a sheet generated for WooCommerce's importer under its field keys", () => {
  it("stock_quantity, parent_id, sale_price ... are read as the importer maps them; a unitless weight is not imported", async () => {
    const r = await importFile("woocommerce-importer-keys.csv", "INR");
    expect([r.dialect, r.unmatched, errors(r), warnings(r)]).toEqual(["woocommerce", [], [], []]);
    expect(r.ignored).toEqual(expect.arrayContaining(["stock_status", "manage_stock", "weight", "sold_individually"]));
    expect(
      r.products.map((p) => [
        p.handle,
        p.category,
        p.variants.map((v) => [v.sku, v.options.colour, v.price, v.compareAtPrice ?? null, v.inventory ?? null]),
      ]),
    ).toEqual([
      ["cotton-saree", "Sarees > Cotton", [["SAR-1001", undefined, 99900, 129900, 20]]],
      [
        "silk-saree",
        "Sarees > Silk",
        [
          ["SAR-2000-R", "Red", 249900, null, 3],
          ["SAR-2000-G", "Green", 259900, null, 0],
        ],
      ],
    ]);
  });
});

describe("real-world WooCommerce export (the exporter's own sample layout)", () => {
  it("variable products with 'any' attributes, downloadable simple products, grouped and external rows warned", async () => {
    const r = await importFile("woocommerce-sample-layout.csv");
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["woocommerce", [], []]);
    // "Visibility in catalogue" is read: hidden on a published product is the unlisted status.
    expect(r.ignored).toEqual(expect.arrayContaining(["Is featured?", "Meta: _wpcom_is_markdown", "Attribute 1 default"]));
    expect(r.ignored).not.toContain("Visibility in catalogue");
    expect(warnings(r).map((i) => [i.at.row, i.message])).toEqual([
      [10, "grouped products are not imported"],
      [11, "external products are not imported"],
    ]);
    expect(r.products.map((p) => p.handle).sort()).toEqual(["album", "beanie", "hoodie", "tee"]);
    const hoodie = product(r, "hoodie");
    expect([hoodie.options, hoodie.optionNames]).toEqual([
      ["colour", "logo"],
      ["Color", "Logo"],
    ]);
    expect(variantsOf(hoodie)).toEqual([
      ["mk-hoodie-red-no", { colour: "Red", logo: "No" }, { colour: "red", logo: "No" }, 4200],
      ["mk-hoodie-blue-yes", { colour: "Blue", logo: "Yes" }, { colour: "blue", logo: "Yes" }, 4500],
    ]);
    expect(hoodie.variants[0]?.compareAtPrice).toBe(4500);
    // Size left blank on the variations means "any size": the tee varies by colour only.
    const tee = product(r, "tee");
    expect([tee.options, variantsOf(tee)]).toEqual([
      ["colour"],
      [
        ["mk-tee-blue", { colour: "Blue" }, { colour: "blue" }, 1800],
        ["mk-tee-green", { colour: "Green" }, { colour: "green" }, 1800],
      ],
    ]);
    expect(variantsOf(product(r, "beanie"))).toEqual([["mk-beanie", {}, {}, 1800]]);
  });
});

describe("WooCommerce exports with the column names in the shop's language", () => {
  // The exporter translates its column names (__() in class-wc-product-csv-exporter.php): the same
  // catalog exported by a German, Russian, French or Taiwanese shop. Each must read as the English one.
  it.each([
    ["woocommerce-de-localized.csv", "Artikelnummer"],
    ["woocommerce-ru-localized.csv", "Артикул"],
    ["woocommerce-fr-localized.csv", "UGS"],
    ["woocommerce-zh-tw-localized.csv", "貨號"],
    // zh_CN names both Upsells and Cross-sells 交叉销售: two columns of one name, neither read.
    ["woocommerce-zh-cn-localized.csv", "SKU"],
  ])("%s: the same products, variants, prices and options as the English export", async (name, skuHeader) => {
    const english = await importFile("woocommerce-sample-layout.csv");
    const r = await importFile(name);
    expect([r.dialect, r.unmatched, errors(r)]).toEqual(["woocommerce", [], []]);
    expect(r.products).toEqual(english.products);
    // Row numbers are the file's: the Russian export has an empty line above its header.
    const shift = r.headerRow - english.headerRow;
    expect(warnings(r).map((i) => [i.at.row - shift, i.message])).toEqual(warnings(english).map((i) => [i.at.row, i.message]));
    expect(r.ignored).not.toContain(skuHeader);
  });

  it("the Russian export's empty first line and the TAB before its BOM: the header is found on row 2", async () => {
    const r = await importFile("woocommerce-ru-localized.csv");
    expect(r.headerRow).toBe(2);
  });
});
