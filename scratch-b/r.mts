import { readCatalogFile } from "../test/unit/core/catalog/taobao-file.js";
for (const f of process.argv.slice(2)) {
  const r = await readCatalogFile(f);
  console.log("==", f, r.mapping.dialect, "headerRow", r.headerRow, "unmatched", r.mapping.unmatched);
  console.log(r.mapping.columns.map((c) => `${c.header}->${c.field}`).join(", "));
  for (const i of r.issues) console.log(" ", i.severity, i.at.row, i.at.column, i.message);
  for (const p of r.products) console.log(" ", p.handle, p.title, JSON.stringify(p.options), p.variants.map((v) => [v.sku, v.price, v.cost, v.compareAtPrice, v.inventory, v.barcode, JSON.stringify(v.options), JSON.stringify(v.attributes ?? {})].join("|")).join("  ;  "));
}
