/**
 * The column mapping prompt of `catalog import` at a terminal: sample values shown, the likeliest
 * field preselected ("ignore this column" when nothing fits), a field chosen for an unknown column by
 * typing its name, one answer changed at the review without asking the others again, and a double
 * Enter that loses nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli, tempDir } from "../helpers/cli.js";
import { ptyUnavailable, runInPty } from "../helpers/pty.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const why = ptyUnavailable();

// A supplier sheet with German headers for three columns no dialect knows.
const SHEET = [
  "SKU,Title,Price,Ausführung,Lieferant,Menge",
  "A-1,Tee,79.00,black,Acme GmbH,5",
  "A-2,Tee,79.00,white,Acme GmbH,10",
  "A-3,Tee,79.00,red,Acme GmbH,3",
].join("\n");

describe.skipIf(why !== undefined)(`catalog import mapping prompt in a terminal${why ? ` (skipped: ${why})` : ""}`, () => {
  beforeAll(async () => {
    writeFileSync(join(tmp.dir, "odd.csv"), `${SHEET}\n`);
    const init = await runCli(["init", "--store-name", "shop", "--platform", "local", "--timezone", "UTC"], { cwd: tmp.dir });
    expect(init.exitCode, init.stderr).toBe(0);
  });

  it("shows samples, preselects, takes a field typed for an unknown column, and changes one answer at the review", async () => {
    const t = runInPty(["catalog", "import", "odd.csv", "--dry-run", "--save-mapping", "map.yaml"], { cwd: tmp.dir });
    try {
      await t.waitFor("3 columns not recognised");
      await t.waitFor('Column "Ausführung" (e.g. black | white | red)');
      await t.waitFor("❯ colour");
      // Fields other columns give are listed but cannot be chosen.
      expect(t.screen()).toContain('- sku (column "SKU")');
      t.press("enter");
      await t.waitFor('Column "Lieferant" (e.g. Acme GmbH)');
      // Nothing fits: "ignore this column" is preselected; typing a field's name moves to it.
      await t.waitFor("❯ ignore this column");
      t.type("vendor");
      await t.answer("❯ vendor");
      await t.answer('Column "Menge" (e.g. 5 | 10 | 3)');
      await t.waitFor("Use these answers?");
      t.press("down");
      await t.answer('❯ change "Ausführung" (now: colour)');
      await t.waitFor('Column "Ausführung"');
      t.type("size");
      await t.answer("❯ size");
      await t.answer('change "Lieferant" (now: vendor)');
      expect(await t.exited).toBe(0);
    } finally {
      t.kill();
    }
    // Only Ausführung was asked again; the other answers are as given.
    expect(parse(readFileSync(join(tmp.dir, "map.yaml"), "utf8"))).toEqual({ Ausführung: "size", Lieferant: "vendor", Menge: "inventory" });
  });

  it("a double Enter takes the preselected answers and loses none", async () => {
    const t = runInPty(["catalog", "import", "odd.csv", "--dry-run", "--save-mapping", "map2.yaml"], { cwd: tmp.dir });
    try {
      await t.waitFor("❯ colour");
      t.type("\r\r");
      await t.waitFor('Column "Lieferant"');
      t.type("\r\r");
      await t.waitFor('Column "Menge"');
      t.type("\r\r");
      await t.waitFor("Use these answers?");
      t.press("enter");
      expect(await t.exited).toBe(0);
    } finally {
      t.kill();
    }
    expect(parse(readFileSync(join(tmp.dir, "map2.yaml"), "utf8"))).toEqual({
      Ausführung: "colour",
      Lieferant: "ignore",
      Menge: "inventory",
    });
  });
});
