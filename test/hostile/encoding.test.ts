/**
 * Hostile class: broken encodings (issue 13 item 1). Ten and more files with encoding faults at the
 * start, in the middle (inside the 64 KiB detection window) and at the end are imported with the
 * real CLI: each either exits 3 naming the row, the byte offset and an --encoding, with nothing
 * stored, or is stored with exactly the right text. No U+FFFD and no mojibake ever reaches the store.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importCatalog, localStores, storedVariants } from "../helpers/catalog.js";
import {
  chineseTitle,
  FAULT_ROWS,
  faultRow,
  gb18030Catalog,
  gbkWithBadByte,
  gbThenUtf8,
  latin1Catalog,
  latinTitle,
  PLACES,
  utf8WithReplacementChar,
  utf8WithStrayByte,
  utf16NoBom,
  utf16OddLength,
} from "./generators.js";

const t = localStores(["shop"]);
const cwd = t.dir;
afterAll(() => t.cleanup());

/** Products stored so far (counted, so a failure does not print the whole store). */
const stored = (): number => storedVariants(cwd, "shop").size;

function write(name: string, bytes: Buffer): string {
  writeFileSync(join(cwd, name), bytes);
  return name;
}

/** Exit 3, one error line with the row and a byte offset, a hint naming --encoding, nothing stored. */
async function expectRefused(name: string, row: number, extra: string[] = []): Promise<string> {
  const { r } = await importCatalog(cwd, [name, "--store", "shop", ...extra]);
  expect(r.exitCode, r.stderr).toBe(3);
  expect(r.stderr).toContain(`${name}, row ${row}`);
  expect(r.stderr).toMatch(/at byte \d+/);
  expect(r.stderr).toMatch(/--encoding|retype/);
  expect(r.stderr).not.toContain("\uFFFD".repeat(2));
  expect(stored()).toBe(0);
  return r.stderr;
}

describe("hostile encodings: exit 3 or exact text", () => {
  for (const place of PLACES) {
    it(`UTF-8 with one stray Latin-1 byte at the ${place}`, async () => {
      const err = await expectRefused(write(`stray-${place}.csv`, utf8WithStrayByte(place)), faultRow(place) + 1);
      expect(err).toContain("not valid UTF-8");
      expect(err).toMatch(/is damage/);
    });

    it(`GBK with one undecodable byte at the ${place}`, async () => {
      const err = await expectRefused(write(`gbk-bad-${place}.csv`, gbkWithBadByte(place)), faultRow(place) + 1);
      expect(err).toMatch(/not valid gb18030/);
    });

    it(`UTF-8 carrying U+FFFD at the ${place}`, async () => {
      const err = await expectRefused(write(`fffd-${place}.csv`, utf8WithReplacementChar(place)), faultRow(place) + 1);
      expect(err).toContain("U+FFFD");
    });
  }

  it("Latin-1 (windows-1252) is refused with the --encoding to use, then read exactly with it", async () => {
    const name = write("latin1.csv", latin1Catalog());
    const err = await expectRefused(name, 2);
    expect(err).toContain("--encoding windows-1252");
    const { r } = await importCatalog(cwd, [name, "--store", "shop", "--encoding", "windows-1252", "--dry-run"]);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it("GB18030 followed by UTF-8 (mixed encodings) is refused", async () => {
    const err = await expectRefused(write("mixed.csv", gbThenUtf8()), 2002);
    expect(err).toMatch(/mixed encodings/);
  });

  it("UTF-16 cut after an odd number of bytes is refused", async () => {
    const { r } = await importCatalog(cwd, [write("odd16.csv", utf16OddLength()), "--store", "shop"]);
    expect(r.exitCode, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/odd number of bytes/);
    expect(stored()).toBe(0);
  });

  it("UTF-16LE and UTF-16BE without a BOM are detected from the NUL bytes and stored exactly", async () => {
    for (const enc of ["utf-16le", "utf-16be"] as const) {
      const { r } = await importCatalog(cwd, [write(`${enc}.csv`, utf16NoBom(20, enc)), "--store", "shop"]);
      expect(r.exitCode, r.stderr).toBe(0);
      const v = storedVariants(cwd, "shop");
      expect(v.get("SKU-7")?.title).toBe(chineseTitle(7));
    }
  });

  it("clean GB18030 is stored exactly (the control)", async () => {
    const { r } = await importCatalog(cwd, [write("gb.csv", gb18030Catalog()), "--store", "shop"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const v = storedVariants(cwd, "shop");
    expect(v.get(`SKU-${FAULT_ROWS}`)?.title).toBe(chineseTitle(FAULT_ROWS));
    expect(v.get("SKU-1")?.title).toBe(chineseTitle(1));
    for (const variant of v.values()) expect(variant.title).not.toMatch(/\uFFFD/);
    expect(latinTitle(1)).toBe("Café Crème Niño 1");
  });
});
