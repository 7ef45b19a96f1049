import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/core/errors.js";
import { detectDelimiter } from "../../../src/io/csv-reader.js";
import {
  detectEncoding,
  detectUtf16ByNuls,
  firstInvalidUtf8,
  Gb18030Validator,
  incompleteUtf8Tail,
  isUtf8Prefix,
  normalizeEncodingLabel,
  Utf8Validator,
} from "../../../src/io/encoding.js";

describe("encoding detection", () => {
  it("prefers a BOM", () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), true)).toEqual({ encoding: "utf-8", bomLength: 3 });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00]), true)).toEqual({ encoding: "utf-16le", bomLength: 2 });
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x41]), true)).toEqual({ encoding: "utf-16be", bomLength: 2 });
  });

  it("accepts UTF-8 cut inside a character at the end of a prefix, not of a whole file", () => {
    const bytes = Buffer.from("abc蓝", "utf8");
    const cut = bytes.subarray(0, bytes.length - 1);
    expect(incompleteUtf8Tail(cut)).toBe(2);
    expect(isUtf8Prefix(cut, false)).toBe(true);
    expect(isUtf8Prefix(cut, true)).toBe(false);
    expect(detectEncoding(cut, false).encoding).toBe("utf-8");
    expect(detectEncoding(cut, true).encoding).toBe("gb18030");
  });

  it("falls back to GB18030 for GBK bytes", () => {
    expect(detectEncoding(iconv.encode("商品,价格\n", "gbk"), true).encoding).toBe("gb18030");
  });

  it("finds the first invalid UTF-8 byte", () => {
    expect(firstInvalidUtf8(Buffer.from("ok 蓝色", "utf8"))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from("abc"), Buffer.from([0xc0, 0xaf])]))).toBe(3); // overlong
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from("ab"), Buffer.from([0xed, 0xa0, 0x80])]))).toBe(2); // surrogate
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from("a"), iconv.encode("蓝", "gb18030")]))).toBe(1);
  });

  it("validates a stream split at every byte", () => {
    const good = Buffer.from("sku,名称\n1,蓝色𠮷\n", "utf8");
    const v = new Utf8Validator();
    for (let i = 0; i < good.length; i++) expect(v.check(good.subarray(i, i + 1))).toBe(-1);
    expect(v.endsInsideCharacter()).toBe(false);

    const truncated = new Utf8Validator();
    expect(truncated.check(good.subarray(0, 6))).toBe(-1); // 名 cut after its first byte
    expect(truncated.endsInsideCharacter()).toBe(true);

    const bad = Buffer.concat([Buffer.from("ab"), Buffer.from([0xe8, 0x93]), Buffer.from("c")]);
    const v2 = new Utf8Validator();
    expect(v2.check(bad.subarray(0, 4))).toBe(-1);
    expect(v2.check(bad.subarray(4))).toBe(0);
  });

  it("normalises labels and rejects unknown ones", () => {
    expect(normalizeEncodingLabel("UTF8")).toBe("utf-8");
    expect(normalizeEncodingLabel(" GBK ")).toBe("gbk");
    expect(normalizeEncodingLabel("Shift_JIS")).toBe("shift_jis");
    expect(() => normalizeEncodingLabel("latin-99")).toThrow(UsageError);
  });
});

describe("delimiter detection", () => {
  it("scores the header and the consistency of the data lines", () => {
    expect(detectDelimiter("a,b,c\n1,2,3\n4,5,6\n", true, false)).toBe(",");
    expect(detectDelimiter("a;b;c\n1,5;2,5;3\n4;5,1;6\n", true, false)).toBe(";");
    expect(detectDelimiter("a\tb\n1,2\t3\n", true, false)).toBe("\t");
    expect(detectDelimiter('"x,y";b\n"1,2";3\n', true, false)).toBe(";");
    expect(detectDelimiter("single\n1\n", true, false)).toBe(",");
    expect(detectDelimiter("single\n1\n", true, true)).toBe("\t");
  });
});

describe("hostile encodings (issue 13)", () => {
  it("detects UTF-16 without a BOM from the NUL bytes, both byte orders", () => {
    const le = iconv.encode("sku,名称\n00123,蓝色\n", "utf-16le");
    const be = Buffer.from(le).swap16();
    expect(detectUtf16ByNuls(le)).toBe("utf-16le");
    expect(detectUtf16ByNuls(be)).toBe("utf-16be");
    expect(detectUtf16ByNuls(Buffer.from("sku,name\n1,2\n"))).toBeUndefined();
    expect(detectEncoding(le, true)).toMatchObject({ encoding: "utf-16le", bomLength: 0, guessed: true });
  });

  it("UTF-8 with one stray byte is damaged UTF-8, not GB18030", () => {
    const text = Buffer.from("title\nCafé Crème Niño\n".repeat(50), "utf8");
    const damaged = Buffer.concat([text.subarray(0, 20), Buffer.from([0xe9]), text.subarray(20)]);
    expect(detectEncoding(damaged, true)).toMatchObject({ encoding: "utf-8", fault: "damaged-utf8" });
  });

  it("Latin-1 is neither UTF-8 nor plausible GB18030", () => {
    expect(detectEncoding(iconv.encode("title\nCrème\n", "windows-1252"), true)).toMatchObject({ fault: "unknown-8bit" });
  });

  it("GBK with one damaged byte is still read as GB18030, so the error names the byte", () => {
    const gbk = Buffer.from(iconv.encode("名称\n蓝色衬衫朱镕基牌\n".repeat(20), "gbk"));
    gbk[10] = 0xff;
    expect(detectEncoding(gbk, true)).toMatchObject({ encoding: "gb18030" });
  });

  it("validates GB18030 structure chunk by chunk with the exact offset", () => {
    const bytes = iconv.encode("蓝色𠮷", "gb18030");
    const v = new Gb18030Validator();
    for (let i = 0; i < bytes.length; i++) expect(v.check(bytes.subarray(i, i + 1))).toBe(-1);
    expect(v.endsInsideCharacter()).toBe(false);
    expect(new Gb18030Validator().check(Buffer.concat([bytes, Buffer.from([0x81, 0x20])]))).toBe(bytes.length);
  });
});
