/** The attribute words of western, Japanese and Korean stores: option names and values. */
import { describe, expect, it } from "vitest";
import { createAttributeDictionary } from "../../../../src/core/attributes/index.js";

const dict = createAttributeDictionary();
const value = (attr: string, raw: string) => {
  const r = dict.standardize(attr, raw);
  return r.ok ? r.value : undefined;
};

describe("option names in the store's language", () => {
  it.each([
    ["size", ["Größe", "Grösse", "Taille", "Tamanho", "Talla", "Taglia", "Maat", "Rozmiar", "Storlek", "サイズ", "사이즈"]],
    ["colour", ["Farbe", "Couleur", "Cor", "Colore", "Kleur", "Kolor", "Färg", "カラー", "色", "색상"]],
    ["material", ["Material", "Matière", "Materiale", "Materiaal", "素材"]],
  ])("%s", (attr, names) => {
    for (const n of names) expect([n, dict.attributeForHeader(n)]).toEqual([n, attr]);
  });
});

describe("values in the store's language", () => {
  it("colours: the common ones in each language; a word that means another canonical value stays that value", () => {
    const words = ["Rot", "Rouge", "Vermelho", "Rojo", "Rosso", "Rood", "Czerwony", "Röd", "レッド", "赤", "레드"];
    expect(words.map((w) => value("colour", w))).toEqual(words.map(() => "red"));
    expect(["Schwarz", "Noir", "Preto", "Nero", "Zwart", "ブラック"].map((w) => value("colour", w))).toEqual(Array(6).fill("black"));
    expect(["Bleu marine", "Marineblau", "Azul marino", "ネイビー"].map((w) => value("colour", w))).toEqual(Array(4).fill("navy"));
    // French "rose" is pink, but the dictionary's own "rose" (hot pink) keeps the word; Finnish is not added.
    expect([value("colour", "Rose"), value("colour", "musta")]).toEqual(["rose", undefined]);
  });

  it("sizes: words for S/M/L, one size, Brazilian P/G/GG, ages; EU shoe sizes need their system", () => {
    const cases: [string, string | undefined][] = [
      ["Klein", "S"],
      ["Mittel", "M"],
      ["Groß", "L"],
      ["Petit", "S"],
      ["Grande", "L"],
      ["P", "S"],
      ["G", "L"],
      ["GG", "XL"],
      ["Einheitsgröße", "One Size"],
      ["Taille unique", "One Size"],
      ["Talla única", "One Size"],
      ["フリー", "One Size"],
      ["0-3 meses", "0-3 months"],
      ["6-12 mois", "6-12 months"],
      ["3M", "3 months"],
      ["2T", "2 years"],
      ["4 años", "4 years"],
      ["6-3 months", undefined],
      ["EU 42", "EU 42"],
      ["42", "42"],
    ];
    expect(cases.map(([raw]) => [raw, value("size", raw)])).toEqual(cases);
    expect(["2 years", "M", "3-6 months", "0-3 months"].sort((a, b) => dict.compare("size", a, b))).toEqual([
      "M",
      "0-3 months",
      "3-6 months",
      "2 years",
    ]);
  });

  it("materials, compositions included", () => {
    expect(value("material", "Baumwolle")).toBe("cotton");
    expect(value("material", "95% Baumwolle, 5% Elasthan")).toBe("cotton 95%, spandex 5%");
    expect(value("material", "Cuir")).toBe("leather");
  });
});
