/**
 * The CSV reader's byte-level fast path (quoted fields on one line) must read exactly what
 * csv-parse reads, and hand everything it cannot read (line breaks in quotes, stray quotes) to
 * csv-parse. Differential test over seeded random files, with reads split at every chunk size.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { openTable } from "../../../src/io/read-table.js";
import { tempDir } from "../../helpers/cli.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ["a", "白色", "加大码", "1,299.00", " ", "x y", "é", "😀", "12", "", "-3"];

function field(r: () => number, wild: boolean): string {
  let text = "";
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) text += PIECES[Math.floor(r() * PIECES.length)];
  const roll = r();
  if (roll < 0.35) {
    let inner = text;
    if (r() < 0.3) inner += ',"quoted"';
    if (wild && r() < 0.15) inner += "\nsecond line";
    return `"${inner.replaceAll('"', '""')}"`;
  }
  return text.replaceAll(",", " ");
}

function file(seed: number, wild: boolean): string {
  const r = rng(seed);
  const width = 2 + Math.floor(r() * 4);
  const rows: string[] = [Array.from({ length: width }, (_, i) => `h${i}`).join(",")];
  const n = 1 + Math.floor(r() * 60);
  for (let i = 0; i < n; i++) rows.push(Array.from({ length: width }, () => field(r, wild)).join(","));
  const eol = r() < 0.5 ? "\n" : "\r\n";
  return rows.join(eol) + (r() < 0.7 ? eol : "");
}

async function readAll(path: string): Promise<string[][]> {
  const t = await openTable(path, { delimiter: "," });
  const out: string[][] = [t.header];
  for await (const batch of t.batches()) for (const row of batch) out.push(row.cells.map((c) => (c === null ? "" : String(c))));
  return out;
}

function reference(text: string): string[][] {
  const recs = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: false }) as string[][];
  const header = (recs[0] ?? []).map((h) => h.trim());
  const width = header.length;
  return [
    header,
    ...recs
      .slice(1)
      .filter((r) => r.some((c) => c.trim() !== ""))
      .map((r) => (r.length < width ? [...r, ...Array(width - r.length).fill("")] : r.slice(0, width))),
  ];
}

describe("CSV fast path", () => {
  it("reads quoted fields on one line exactly as csv-parse does (200 random files)", async () => {
    for (let seed = 1; seed <= 200; seed++) {
      const text = file(seed, false);
      const path = join(tmp.dir, `f${seed}.csv`);
      writeFileSync(path, text);
      expect(await readAll(path), `seed ${seed}`).toEqual(reference(text));
    }
  });

  it("hands line breaks inside quotes to csv-parse with the same result (200 random files)", async () => {
    for (let seed = 1001; seed <= 1200; seed++) {
      const text = file(seed, true);
      const path = join(tmp.dir, `w${seed}.csv`);
      writeFileSync(path, text);
      expect(await readAll(path), `seed ${seed}`).toEqual(reference(text));
    }
  });

  it("splits across read chunks: a 3 MB file of quoted rows", async () => {
    const rows = ["sku,title,tags"];
    for (let i = 0; i < 40_000; i++) rows.push(`S-${i},"夏季连衣裙, 第${i}号","new, ""hot"""`);
    const text = `${rows.join("\n")}\n`;
    const path = join(tmp.dir, "big.csv");
    writeFileSync(path, text);
    const got = await readAll(path);
    expect(got.length).toBe(40_001);
    expect(got[12_345]).toEqual(["S-12344", "夏季连衣裙, 第12344号", 'new, "hot"']);
    expect(got).toEqual(reference(text));
  });

  it("reads a stray quote as csv-parse does with relax_quotes: a character of the field", async () => {
    const path = join(tmp.dir, "stray.csv");
    writeFileSync(path, 'a,b\n1,2\n3,x"y\n');
    expect(await readAll(path)).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", 'x"y'],
    ]);
  });
});
