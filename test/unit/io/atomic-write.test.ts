import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import { writeFileAtomic } from "../../../src/io/atomic-write.js";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "merchops-atomic-"));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

let seq = 0;
function freshDir(): string {
  const d = join(root, `d${++seq}`);
  mkdirSync(d);
  return d;
}

describe("writeFileAtomic", () => {
  it("writes strings and bytes and leaves no temp files", async () => {
    const d = freshDir();
    const p = join(d, "report.csv");
    await writeFileAtomic(p, "a,b\r\n1,2\r\n");
    expect(readFileSync(p, "utf8")).toBe("a,b\r\n1,2\r\n");
    await writeFileAtomic(p, new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
    expect([...readFileSync(p)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(readdirSync(d)).toEqual(["report.csv"]);
  });

  it("refuses a missing parent directory with an InputError", async () => {
    const p = join(root, "no-such-dir", "out.xlsx");
    await expect(writeFileAtomic(p, "x")).rejects.toBeInstanceOf(InputError);
    await expect(writeFileAtomic(p, "x")).rejects.toThrow(/directory does not exist/);
    expect(() => statSync(join(root, "no-such-dir"))).toThrow();
  });

  it("removes the temp file when the write fails and keeps the target", async () => {
    const d = freshDir();
    const target = join(d, "out");
    mkdirSync(target); // a directory where the file should go
    await expect(writeFileAtomic(target, "data")).rejects.toBeInstanceOf(InputError);
    expect(readdirSync(d)).toEqual(["out"]);
    expect(statSync(target).isDirectory()).toBe(true);
  });

  it("serialises concurrent writes to one path: the last call wins, nothing is mixed", async () => {
    const d = freshDir();
    const p = join(d, "same.txt");
    // The first payload is large (slow), the later ones small: unserialised, a later write would
    // finish first and the big one would land last.
    const payloads = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, "0")}:${"x".repeat(i === 0 ? 24_000_000 : 1000 + i)}`);
    await Promise.all(payloads.map((s) => writeFileAtomic(p, s)));
    expect(readFileSync(p, "utf8")).toBe(payloads.at(-1));
    expect(readdirSync(d)).toEqual(["same.txt"]);
  });

  it("never exposes a half-written file to readers", async () => {
    const d = freshDir();
    const p = join(d, "big.bin");
    const oldData = Buffer.alloc(4 * 1024 * 1024, 0x61);
    const newData = Buffer.alloc(16 * 1024 * 1024, 0x62);
    writeFileSync(p, oldData);
    let done = false;
    const writing = writeFileAtomic(p, newData).finally(() => {
      done = true;
    });
    let reads = 0;
    while (!done) {
      const seen = await readFile(p);
      reads++;
      const isOld = seen.length === oldData.length && seen.equals(oldData);
      const isNew = seen.length === newData.length && seen.equals(newData);
      expect(isOld || isNew).toBe(true);
    }
    await writing;
    expect(reads).toBeGreaterThan(0);
    expect(readFileSync(p).equals(newData)).toBe(true);
    expect(readdirSync(d)).toEqual(["big.bin"]);
  });

  it("keeps the permission bits of an existing file", async () => {
    const d = freshDir();
    const p = join(d, "secret.yaml");
    writeFileSync(p, "old");
    chmodSync(p, 0o600);
    await writeFileAtomic(p, "new");
    expect(statSync(p).mode & 0o777).toBe(0o600);
    expect(readFileSync(p, "utf8")).toBe("new");
  });
});
