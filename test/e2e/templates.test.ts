/** Templates: the committed files match the column reference; copy writes them, never over a file. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { templateFiles } from "../../scripts/generate-templates.js";
import { REPO, runCli, tempDir } from "../helpers/cli.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe("templates", () => {
  it("the committed templates are what `npm run templates` writes from the column reference", () => {
    for (const [name, files] of Object.entries(templateFiles())) {
      for (const [file, text] of Object.entries(files)) {
        expect(readFileSync(join(REPO, "templates", name, file), "utf8"), `${name}/${file}`).toBe(text);
      }
    }
  });

  it("list shows them; copy writes them into a folder a files store can read", async () => {
    const list = await runCli(["templates", "list", "--json"], { cwd: tmp.dir });
    expect(list.exitCode).toBe(0);
    expect((JSON.parse(list.stdout) as { templates: { name: string }[] }).templates.map((t) => t.name)).toEqual([
      "catalog",
      "competitors",
      "files-store",
      "files-store-zh",
      "shipments",
    ]);
    const copy = await runCli(["templates", "copy", "files-store-zh", "exports"], { cwd: tmp.dir });
    expect(copy.exitCode).toBe(0);
    expect(readFileSync(join(tmp.dir, "exports", "订单.csv"), "utf8")).toContain("订单编号,下单时间");
    // An empty template store: the report says the orders export has no rows rather than failing.
    writeFileSync(
      join(tmp.dir, "merchops.config.yaml"),
      "defaultStore: c\ntimezone: Asia/Shanghai\nstores:\n  c:\n    platform: files\n    dir: ./exports\n",
    );
    const report = await runCli(["kpi", "report", "--json"], { cwd: tmp.dir });
    expect(report.exitCode).toBe(0);
    const json = JSON.parse(report.stdout) as { rows: { id: string; value: number | null }[]; warnings: string[] };
    expect(json.rows.find((r) => r.id === "orders")?.value).toBe(0);
    expect(json.rows.find((r) => r.id === "visitors")?.value).toBeNull();
    expect(json.warnings.join(" ")).toMatch(/no orders at all/);
  });

  it("copy refuses to overwrite without --force, and names unknown templates", async () => {
    const again = await runCli(["templates", "copy", "files-store-zh", "exports"], { cwd: tmp.dir });
    expect(again.exitCode).toBe(3);
    expect(again.stderr).toMatch(/already exists/);
    const forced = await runCli(["templates", "copy", "files-store-zh", "exports", "--force"], { cwd: tmp.dir });
    expect(forced.exitCode).toBe(0);
    const unknown = await runCli(["templates", "copy", "files-stor"], { cwd: tmp.dir });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/did you mean files-store/);
  });
});
