/**
 * Issue 19: "2 runs in 20 ended with Unhandled 'error' event … ENOENT … open '<tmp>/tmp-…'" after the
 * right error was printed. exceljs spools sheets stored before sharedStrings.xml to temp files and
 * unlinks each one when the reader moves past it; the reader's shutdown path destroyed a spooled
 * sheet's read stream while its open() was still pending, and the file was unlinked before the open
 * ran. This test makes that ordering certain instead of rare: an open() of a spool file is held
 * back (for a counted number of event-loop turns, never a timer) and an unlink() of the same file
 * that arrives meanwhile runs first. A reader that waits for the stream to close never unlinks
 * while the open is held.
 *
 * The same runs caught a second race in that path: unzipper announced the end of the zip while
 * exceljs was still spooling, so xl/workbook.xml (written last) was never read and about 1 run in
 * 8 failed with "Cannot read properties of undefined (reading 'sheets')". Every run must now give
 * the sheet's own error.
 */
import fs, { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import { openTable } from "../../../src/io/read-table.js";

type Cb = (...args: unknown[]) => void;

let dir: string;
let workbook: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "merchops-spool-"));
  workbook = join(dir, "ends-in-error.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Products");
  ws.addRow(["SKU", "Title", "Price"]);
  for (let i = 0; i < 50; i++) ws.addRow([`S-${i}`, `商品 ${i}`, 10 + i]);
  // A formula with no saved value: the reader refuses it, on the sheet's last row.
  ws.addRow(["S-BAD", "坏行", { formula: "1+1" }]);
  for (const name of ["Sizes", "Colours", "Notes"]) {
    const extra = wb.addWorksheet(name);
    for (let i = 0; i < 20; i++) extra.addRow([`${name}-${i}`, "文字"]);
  }
  // exceljs writes worksheets before sharedStrings.xml (as Excel does): every sheet is spooled.
  await wb.xlsx.writeFile(workbook);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const isSpool = (p: unknown) => typeof p === "string" && p.includes(`${tmpdir()}/tmp-${process.pid}-`);

/** Runs `turns` setImmediate turns, then `fn`: counted loop turns, no clock. */
function afterTurns(turns: number, fn: () => void): void {
  if (turns <= 0) fn();
  else setImmediate(() => afterTurns(turns - 1, fn));
}

describe("xlsx reader shutdown with spooled sheets", () => {
  it("reads a workbook that ends in an error 50 times without an unhandled ENOENT", async () => {
    const realOpen = fs.open;
    const realUnlink = fs.unlink;
    const heldOpens = new Map<string, () => void>();
    let unlinkedWhileOpenHeld = 0;
    const openSpy = vi.spyOn(fs, "open").mockImplementation(((path: fs.PathLike, ...rest: unknown[]) => {
      const call = () => (realOpen as unknown as Cb)(path, ...rest);
      // Only the read streams of spooled sheets (flags "r"); tmp's own create and the spool write pass.
      if (!isSpool(path) || rest[0] !== "r") return call();
      const key = String(path);
      heldOpens.set(key, call);
      afterTurns(20, () => {
        const held = heldOpens.get(key);
        heldOpens.delete(key);
        held?.();
      });
    }) as typeof fs.open);
    const unlinkSpy = vi.spyOn(fs, "unlink").mockImplementation(((path: fs.PathLike, cb: Cb) => {
      const key = String(path);
      const held = heldOpens.get(key);
      if (held) {
        // The old shutdown path: the file goes away before the pending open runs.
        unlinkedWhileOpenHeld++;
        heldOpens.delete(key);
        (realUnlink as unknown as Cb)(path, (err: unknown) => {
          held();
          cb(err);
        });
        return;
      }
      (realUnlink as unknown as Cb)(path, cb);
    }) as typeof fs.unlink);

    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      for (let run = 0; run < 50; run++) {
        let error: unknown;
        try {
          const table = await openTable(workbook);
          for await (const _ of table.batches()) {
            // read to the end: the last row of the sheet is refused
          }
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).message).toContain("formula without a saved value");
      }
      // Let every held open and queued unlink finish before judging.
      await new Promise<void>((resolve) => afterTurns(50, resolve));
      await vi.waitFor(() => expect(heldOpens.size).toBe(0), { interval: 1 });
    } finally {
      process.off("uncaughtException", onUncaught);
      openSpy.mockRestore();
      unlinkSpy.mockRestore();
    }
    expect(uncaught).toEqual([]);
    expect(unlinkedWhileOpenHeld).toBe(0);
    await vi.waitFor(() => expect(readdirSync(tmpdir()).filter((f) => isSpool(join(tmpdir(), f)))).toEqual([]), { interval: 5 });
  });
});
