/** The mapping prompt's preselection: by header, then by the values' shape, then by an attribute's list; else ignore. */
import { describe, expect, it } from "vitest";
import { createAttributeDictionary } from "../../../../src/core/attributes/index.js";
import { fieldName, guessField } from "../../../../src/core/catalog/guess-field.js";
import type { CatalogField } from "../../../../src/core/catalog/types.js";
import { mappingChoices } from "../../../../src/services/catalog-mapping.js";

const dict = createAttributeDictionary();
const fields = mappingChoices().map((c) => c.value);
const guess = (header: string, samples: string[], taken: string[] = []) => guessField(header, samples, dict, fields, new Set(taken));

describe("guessField", () => {
  it("names fields the templates' way", () => {
    expect(fieldName("compareAtPrice")).toBe("compare_at_price");
    expect(fieldName("productImage")).toBe("product_image");
    expect(fieldName("attr:size" as CatalogField)).toBe("size");
  });

  it("reads the header: a field's name inside it, a typo of it, an attribute's label in either language", () => {
    expect(guess("Retail price", ["12"])).toBe("price");
    expect(guess("Barcod", [])).toBe("barcode");
    expect(guess("颜色2", ["黑"])).toBe("attr:colour");
    expect(guess("Size (EU)", ["42"])).toBe("attr:size");
  });

  it("reads the values when the header says nothing", () => {
    expect(guess("Bild", ["https://x.example/a.jpg", "https://x.example/b.jpg"])).toBe("image");
    expect(guess("EAN", ["6901234567892", "6901234567908"])).toBe("barcode");
    expect(guess("Gewicht", ["200g", "0.5kg"])).toBe("weight");
    expect(guess("Menge", ["5", "10", "3"])).toBe("inventory");
    expect(guess("Farbe", ["black", "white", "red"])).toBe("attr:colour");
    expect(guess("Größe", ["S", "M", "L"])).toBe("attr:size");
  });

  it("never guesses a field another column gives; falls back to the next one of the same shape", () => {
    expect(guess("Preis", ["79.00", "99.50"], ["price"])).toBe("compareAtPrice");
    expect(guess("Bild 2", ["https://x.example/a.jpg"], ["image"])).toBe("productImage");
  });

  it("ignore when nothing fits", () => {
    expect(guess("Bemerkung", ["first batch", "gift"])).toBe("ignore");
    expect(guess("Spalte", [])).toBe("ignore");
  });
});
