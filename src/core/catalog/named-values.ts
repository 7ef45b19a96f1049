/**
 * Variant cells that name their attribute: "Size:M", "尺码：XL", "颜色:红色;尺码:M". Supplier sheets
 * and marketplace exports put them in a generic Variant / 规格 column. Split only when every part
 * is name:value and every name is an attribute the dictionary knows; anything else ("10:30",
 * "https://...", "A:B 型") stays one value of its column.
 */

const PAIR = /^([^:：]{1,24}?)\s*[:：]\s*(\S.*)$/;
const PARTS = /[;；\n]/;

/** attribute name -> canonical attribute, or undefined. */
export type AttributeOfName = (name: string) => string | undefined;

/** [attribute, value] pairs, or undefined when the cell is a plain value. */
export function splitNamedValues(raw: string, attributeOf: AttributeOfName): [string, string][] | undefined {
  if (!raw.includes(":") && !raw.includes("：")) return undefined;
  const out: [string, string][] = [];
  for (const part of raw.split(PARTS)) {
    const text = part.trim();
    if (text === "") continue;
    const m = PAIR.exec(text);
    if (!m) return undefined;
    const attr = attributeOf((m[1] as string).trim());
    if (attr === undefined) return undefined;
    out.push([attr, (m[2] as string).trim()]);
  }
  return out.length > 0 ? out : undefined;
}
