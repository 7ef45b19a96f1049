import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, UsageError } from "../../../src/core/errors.js";
import { openTable, type ReadOptions, type SourceRow } from "../../../src/io/read-table.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "merchops-csv-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
function file(name: string, data: string | Uint8Array): string {
  const p = join(dir, `${++seq}-${name}`);
  writeFileSync(p, data);
  return p;
}

async function readAll(path: string, opts?: ReadOptions) {
  const table = await openTable(path, opts);
  const rows: SourceRow[] = [];
  for await (const batch of table.batches()) rows.push(...batch);
  return { table, rows };
}

async function inputError(fn: () => Promise<unknown>): Promise<InputError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw new Error(`expected an InputError, got ${String(e)}`);
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

describe("encodings", () => {
  it("reads UTF-8 with a BOM and strips exactly the BOM", async () => {
    const p = file("bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("SKU,名称\r\n00123,蓝色\r\n")]));
    const { table, rows } = await readAll(p);
    expect(table.format).toBe("csv");
    expect(table.encoding).toBe("utf-8");
    expect(table.header).toEqual(["SKU", "名称"]);
    expect(table.header[0]?.charCodeAt(0)).toBe("S".charCodeAt(0));
    expect(rows).toEqual([{ row: 2, cells: ["00123", "蓝色"] }]);
  });

  it("reads UTF-8 without a BOM", async () => {
    const p = file("plain.csv", "sku,title\n00123,Café 蓝色\n");
    const { table, rows } = await readAll(p);
    expect(table.encoding).toBe("utf-8");
    expect(table.delimiter).toBe(",");
    expect(rows[0]?.cells).toEqual(["00123", "Café 蓝色"]);
  });

  it("detects GB18030 (not GB2312) with Chinese headers", async () => {
    // 镕 is in GBK but not GB2312; 𠮷 is a 4-byte GB18030 character.
    const text = "商品编号,商品名称,价格\n00123,朱镕基牌𠮷祥,12.50\n00124,蓝色衬衫,99\n";
    const p = file("gb.csv", iconv.encode(text, "gb18030"));
    const { table, rows } = await readAll(p);
    expect(table.encoding).toBe("gb18030");
    expect(table.header).toEqual(["商品编号", "商品名称", "价格"]);
    expect(rows.map((r) => r.cells)).toEqual([
      ["00123", "朱镕基牌𠮷祥", "12.50"],
      ["00124", "蓝色衬衫", "99"],
    ]);
  });

  it("reads an Excel UTF-16LE 'Unicode text' export as tab-delimited", async () => {
    const text = "SKU\t名称\t数量\r\n00123\t蓝色, 大号\t3\r\n00124\t红色; 小号\t4\r\n";
    const p = file("unicode.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]));
    const { table, rows } = await readAll(p);
    expect(table.encoding).toBe("utf-16le");
    expect(table.delimiter).toBe("\t");
    expect(table.header).toEqual(["SKU", "名称", "数量"]);
    expect(rows).toEqual([
      { row: 2, cells: ["00123", "蓝色, 大号", "3"] },
      { row: 3, cells: ["00124", "红色; 小号", "4"] },
    ]);
  });

  it("honours a forced encoding (big5)", async () => {
    const p = file("big5.csv", iconv.encode("貨號,名稱\nA1,藍色\n", "big5"));
    const { table, rows } = await readAll(p, { encoding: "BIG5" });
    expect(table.encoding).toBe("big5");
    expect(table.header).toEqual(["貨號", "名稱"]);
    expect(rows[0]?.cells).toEqual(["A1", "藍色"]);
  });

  it("rejects big5 forced on GB18030 data, naming the first bad cell", async () => {
    // 人民 and 全部 contain GBK byte pairs that are not valid Big5.
    let text = "sku,name,region\n";
    for (let i = 0; i < 10; i++) text += `A${i},人民${i},全部\n`;
    const p = file("gb-as-big5.csv", iconv.encode(text, "gb18030"));
    const err = await inputError(() => readAll(p, { encoding: "big5" }));
    expect(err.message).toMatch(/could not be decoded as big5 at byte 19: wrong encoding\?/);
    expect(err.location.row).toBe(2);
    expect(err.location.column).toBe("name");
    expect(err.hint).toMatch(/--encoding gb18030/);
  });

  it("rejects a header that does not decode", async () => {
    const p = file("gb-header-as-big5.csv", iconv.encode("全部,人民\n1,2\n", "gb18030"));
    const err = await inputError(() => openTable(p, { encoding: "big5" }));
    expect(err.message).toMatch(/could not be decoded as big5/);
    expect(err.location.row).toBe(1);
  });

  it("rejects utf-8 forced on GB18030 bytes, naming the row reached", async () => {
    const text = 'sku,name\n1,plain\n2,"two\nlines"\n3,ascii\n4,蓝色\n5,after\n';
    const p = file("gb-as-utf8.csv", iconv.encode(text, "gb18030"));
    const err = await inputError(() => readAll(p, { encoding: "utf-8" }));
    expect(err.message).toContain("not valid UTF-8");
    expect(err.message).toContain(p);
    expect(err.location.row).toBe(5);
    expect(err.hint).toMatch(/--encoding gb18030/);
  });

  it("rejects invalid UTF-8 after the 64 KiB detection window, with the row", async () => {
    let text = "sku,name\n";
    let n = 0;
    while (text.length < 70_000) text += `${++n},plain ascii row number ${n}\n`;
    const head = Buffer.from(text, "utf8");
    const tail = iconv.encode(`${n + 1},蓝色\n${n + 2},x\n`, "gb18030");
    const p = file("late-gb.csv", Buffer.concat([head, tail]));
    const table = await openTable(p);
    expect(table.encoding).toBe("utf-8");
    const err = await inputError(async () => {
      for await (const _ of table.batches()) {
        // drain
      }
    });
    expect(err.message).toContain("not valid UTF-8");
    expect(err.location.row).toBe(n + 2);
  });

  it("keeps a multibyte UTF-8 character that straddles the 64 KiB chunk boundary", async () => {
    let text = "sku,name\n";
    let n = 0;
    while (Buffer.byteLength(text) < 65_400) text += `${++n},${"a".repeat(40)}\n`;
    const prefix = `${++n},`;
    const pad = 65_535 - Buffer.byteLength(text) - Buffer.byteLength(prefix);
    text += `${prefix}${"b".repeat(pad)}蓝色\n`;
    const boundaryRow = n;
    // 蓝 occupies bytes 65535..65537, across the 65536 boundary.
    expect(Buffer.from(text, "utf8").subarray(65_535, 65_538).toString("utf8")).toBe("蓝");
    for (let i = 0; i < 100; i++) text += `${++n},tail\n`;
    const p = file("straddle.csv", text);
    const { table, rows } = await readAll(p);
    expect(table.encoding).toBe("utf-8");
    const row = rows.find((r) => r.cells[0] === String(boundaryRow));
    expect(row?.cells[1]).toBe(`${"b".repeat(pad)}蓝色`);
    expect(row?.row).toBe(boundaryRow + 1);
    expect(rows).toHaveLength(n);
    expect(rows.some((r) => String(r.cells[1]).includes("\uFFFD"))).toBe(false);
  });

  it("keeps a GB18030 character that straddles a chunk boundary", async () => {
    let text = "编号,名称\n"; // Chinese in the header: the detector sees GB18030
    let n = 0;
    while (Buffer.byteLength(text) < 65_400) text += `${++n},${"a".repeat(40)}\n`;
    const prefix = `${++n},`;
    const pad = 65_535 - iconv.encode(text, "gb18030").length - prefix.length; // ASCII is one byte in GB18030
    text += `${prefix}${"b".repeat(pad)}蓝色\n`;
    const boundaryRow = n;
    for (let i = 0; i < 10; i++) text += `${++n},尾\n`;
    const bytes = iconv.encode(text, "gb18030");
    expect(iconv.decode(bytes.subarray(65_535, 65_537), "gb18030")).toBe("蓝");
    const p = file("straddle-gb.csv", bytes);
    const { table, rows } = await readAll(p);
    expect(table.encoding).toBe("gb18030");
    expect(table.header).toEqual(["编号", "名称"]);
    expect(rows.find((r) => r.cells[0] === String(boundaryRow))?.cells[1]).toBe(`${"b".repeat(pad)}蓝色`);
    expect(rows.at(-1)?.cells).toEqual([String(n), "尾"]);
  });

  it("rejects an unknown --encoding as a usage error", async () => {
    const p = file("x.csv", "a,b\n1,2\n");
    await expect(openTable(p, { encoding: "klingon-8" })).rejects.toBeInstanceOf(UsageError);
  });
});

describe("dialect", () => {
  it("detects ';' with decimal commas", async () => {
    const p = file("semi.csv", "sku;price;qty\n001;1,50;2\n002;12,00;3\n003;0,99;1\n");
    const { table, rows } = await readAll(p);
    expect(table.delimiter).toBe(";");
    expect(rows.map((r) => r.cells)).toEqual([
      ["001", "1,50", "2"],
      ["002", "12,00", "3"],
      ["003", "0,99", "1"],
    ]);
  });

  it("detects TAB", async () => {
    const p = file("tab.tsv", "sku\ttitle\tprice\n001\tShirt, blue\t1,5\n002\tHat; red\t2\n");
    const { table, rows } = await readAll(p);
    expect(table.delimiter).toBe("\t");
    expect(rows[0]?.cells).toEqual(["001", "Shirt, blue", "1,5"]);
  });

  it("ignores delimiters inside quotes when detecting", async () => {
    const p = file("quoted.csv", 'sku,"title; with; semis",price\n1,"a;b;c;d",2\n2,"x;y",3\n');
    const { table } = await readAll(p);
    expect(table.delimiter).toBe(",");
    expect(table.header).toEqual(["sku", "title; with; semis", "price"]);
  });

  it("honours an Excel sep=; first line (and a BOM before it)", async () => {
    const p = file("sep.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("sep=;\r\nsku,x;price\r\n1,5;2,5\r\n")]));
    const { table, rows } = await readAll(p);
    expect(table.delimiter).toBe(";");
    expect(table.header).toEqual(["sku,x", "price"]);
    expect(rows).toEqual([{ row: 2, cells: ["1,5", "2,5"] }]);
  });

  it("honours --delimiter", async () => {
    const p = file("forced.txt", "a|b\n1|2\n");
    const { table, rows } = await readAll(p, { delimiter: "pipe" });
    expect(table.delimiter).toBe("|");
    expect(rows[0]?.cells).toEqual(["1", "2"]);
    const t2 = await readAll(file("forced-tab.csv", "a\tb,c\n1\t2,3\n"), { delimiter: "\\t" });
    expect(t2.table.header).toEqual(["a", "b,c"]);
  });

  it("keeps row numbers across quoted newlines and mixed CRLF/LF", async () => {
    const p = file("multiline.csv", 'sku,note\r\n1,"line one\nline two\r\nline three"\n2,plain\r\n3,"x"\n');
    const { rows } = await readAll(p);
    expect(rows).toEqual([
      { row: 2, cells: ["1", "line one\nline two\r\nline three"] },
      { row: 3, cells: ["2", "plain"] },
      { row: 4, cells: ["3", "x"] },
    ]);
  });

  it("skips completely blank rows but keeps the real row numbers", async () => {
    const p = file("blank.csv", "sku,qty\n1,2\n\n,\n  ,  \n5,6\n");
    const { rows } = await readAll(p);
    expect(rows).toEqual([
      { row: 2, cells: ["1", "2"] },
      { row: 6, cells: ["5", "6"] },
    ]);
  });

  it("keeps leading zeros and does no casting", async () => {
    const p = file("zeros.csv", "sku,qty,flag,date\n00123,007,true,2024-01-02\n");
    const { rows } = await readAll(p);
    expect(rows[0]?.cells).toEqual(["00123", "007", "true", "2024-01-02"]);
    expect(typeof rows[0]?.cells[1]).toBe("string");
  });
});

describe("bad input", () => {
  it("pads short rows with null and rejects rows with more cells than the header", async () => {
    const short = await readAll(file("short.csv", "a,b,c\n1,2\n1,2,3,,\n"));
    expect(short.rows).toEqual([
      { row: 2, cells: ["1", "2", null] },
      { row: 3, cells: ["1", "2", "3"] },
    ]);
    const err = await inputError(() => readAll(file("long.csv", "a,b\n1,2\n3,4,5\n")));
    expect(err.location.row).toBe(3);
    expect(err.message).toMatch(/3 cells but the header has 2 columns/);
  });

  it("rejects a duplicate header naming both columns", async () => {
    const err = await inputError(() => openTable(file("dup.csv", "SKU,name, sku \n1,2,3\n")));
    expect(err.location.row).toBe(1);
    expect(err.message).toContain('"SKU"');
    expect(err.message).toContain('"sku"');
    expect(err.message).toMatch(/duplicate/);
  });

  it("rejects __proto__, constructor and prototype headers", async () => {
    for (const name of ["__proto__", "constructor", "Prototype"]) {
      const err = await inputError(() => openTable(file("proto.csv", `sku,${name}\n1,2\n`)));
      expect(err.location.column).toBe(name);
      expect(err.message).toMatch(/not allowed/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects an empty file and a file of blank lines", async () => {
    for (const content of ["", "\n\n  \n", "\uFEFF"]) {
      const err = await inputError(() => openTable(file("empty.csv", content)));
      expect(err.message).toMatch(/empty file: no header row/);
    }
  });

  it("reports a missing file", async () => {
    const p = join(dir, "does-not-exist.csv");
    const err = await inputError(() => openTable(p));
    expect(err.location.file).toBe(p);
    expect(err.message).toContain("file not found");
    expect(err.hint).toBeTruthy();
  });

  it("reads stray quotes the way Excel and LibreOffice do: as characters of the field", async () => {
    const { rows } = await readAll(file("badquote.csv", 'sku,title\n1,ok\n2,"12" screen"\n3,x\n4,"Tee" big\n5, "a b"\n6,12" ruler\n'));
    expect(rows.map((r) => r.cells)).toEqual([
      ["1", "ok"],
      ["2", '"12" screen"'],
      ["3", "x"],
      ["4", '"Tee" big'],
      ["5", ' "a b"'],
      ["6", '12" ruler'],
    ]);
    const { rows: curly } = await readAll(file("curly.csv", 'sku,title\n1,“Best” "deal" ever\n'));
    expect(curly[0]?.cells).toEqual(["1", '“Best” "deal" ever']);
  });

  it("a quote that is never closed is still refused, naming the row", async () => {
    const text = `sku,title\n1,ok\n2,"never closed\n${"3,x\n".repeat(3)}`;
    const err = await inputError(() => readAll(file("unclosed.csv", text)));
    expect(err.location.row).toBe(3);
    expect(err.hint).toMatch(/double quotes/);
  });

  it("rejects a text file named .xls and unknown extensions", async () => {
    const xls = await inputError(() => openTable(file("old.xls", "whatever")));
    expect(xls.message).toMatch(/not an Excel 97-2003 workbook/);
    const pdf = await inputError(() => openTable(file("doc.pdf", "%PDF")));
    // A known kind is named with its next step (round 3); an unknown extension keeps the generic refusal.
    expect(pdf.message).toMatch(/a PDF document, not a spreadsheet/);
    expect(pdf.hint).toMatch(/\.xlsx or CSV/);
    const odd = await inputError(() => openTable(file("doc.xyz", "x")));
    expect(odd.message).toMatch(/unsupported file type/);
    expect(odd.hint).toMatch(/\.csv.*\.xlsx/);
  });
});

describe("streaming", () => {
  it("yields batches of about batchSize with continuous row numbers", async () => {
    let text = "id,v\n";
    for (let i = 0; i < 5000; i++) text += `${i},${i * 2}\n`;
    const table = await openTable(file("many.csv", text), { batchSize: 1000 });
    const sizes: number[] = [];
    let expected = 2;
    for await (const batch of table.batches()) {
      sizes.push(batch.length);
      for (const r of batch) expect(r.row).toBe(expected++);
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(sizes).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it("can stop early; close() is idempotent; batches() works once", async () => {
    let text = "id\n";
    for (let i = 0; i < 200_000; i++) text += `${i}\n`;
    const table = await openTable(file("early.csv", text), { batchSize: 100 });
    let seen = 0;
    for await (const batch of table.batches()) {
      seen += batch.length;
      break;
    }
    expect(seen).toBeGreaterThanOrEqual(100);
    expect(seen).toBeLessThan(200_000);
    await table.close();
    await table.close();
    const again = async () => {
      for await (const _ of table.batches()) {
        // nothing
      }
    };
    await expect(again()).rejects.toThrow(/once/);

    const t2 = await openTable(file("early2.csv", text));
    await t2.close();
    await t2.close();
  });
});
