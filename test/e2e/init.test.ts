/** merchops init: flags without a terminal, a refusal naming the missing flags, no overwrite without --force. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli, tempDir } from "../helpers/cli.js";
import { DEMO_DIR } from "../helpers/demo-data.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe("merchops init", () => {
  it("without a terminal it names the flags it needs (exit 2) and writes nothing", async () => {
    const dir = join(tmp.dir, "a");
    mkdirSync(dir);
    const r = await runCli(["init"], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--store-name, --platform/);
    expect(() => readFileSync(join(dir, "merchops.config.yaml"))).toThrow();
  });

  it("writes a config from flags that the next command uses", async () => {
    const dir = join(tmp.dir, "b");
    mkdirSync(dir);
    const r = await runCli(
      ["init", "--store-name", "client", "--platform", "files", "--dir", DEMO_DIR, "--timezone", "Asia/Shanghai", "--currency", "CNY"],
      {
        cwd: dir,
      },
    );
    expect(r.exitCode).toBe(0);
    const config = parse(readFileSync(join(dir, "merchops.config.yaml"), "utf8")) as {
      defaultStore: string;
      stores: Record<string, { platform: string; dir: string }>;
    };
    expect(config.defaultStore).toBe("client");
    // init inspects the folder and writes the files it found (issue 12).
    expect(config.stores.client).toMatchObject({ platform: "files", dir: DEMO_DIR });
    expect((config.stores.client as { files?: Record<string, string> }).files).toMatchObject({
      orders: "orders.csv",
      order_lines: "order_lines.csv",
      returns: "returns.csv",
    });
    const report = await runCli(["kpi", "report", "--json"], { cwd: dir });
    expect(report.exitCode).toBe(0);
    expect((JSON.parse(report.stdout) as { store: { name: string; platform: string } }).store).toEqual({
      name: "client",
      platform: "files",
    });
  });

  it("refuses to replace an existing config without --force", async () => {
    const dir = join(tmp.dir, "c");
    mkdirSync(dir);
    writeFileSync(join(dir, "merchops.config.yaml"), "defaultStore: demo\n");
    const args = ["init", "--store-name", "shop", "--platform", "local", "--timezone", "Asia/Shanghai"];
    const refused = await runCli(args, { cwd: dir });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/already exists/);
    expect(readFileSync(join(dir, "merchops.config.yaml"), "utf8")).toBe("defaultStore: demo\n");
    const forced = await runCli([...args, "--force"], { cwd: dir });
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(join(dir, "merchops.config.yaml"), "utf8")).toContain("defaultStore: shop");
  });

  it("rejects a bad time zone and currency (exit 2)", async () => {
    const dir = join(tmp.dir, "d");
    mkdirSync(dir);
    const tz = await runCli(["init", "--store-name", "x", "--platform", "local", "--timezone", "Mars/Olympus"], { cwd: dir });
    expect(tz.exitCode).toBe(2);
    expect(tz.stderr).toMatch(/--timezone: unknown time zone "Mars\/Olympus"/);
    const typo = await runCli(["init", "--store-name", "x", "--platform", "local", "--timezone", "Asia/Shanghia"], { cwd: dir });
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toMatch(/did you mean Asia\/Shanghai\?/);
    const cur = await runCli(["init", "--store-name", "x", "--platform", "local", "--timezone", "UTC", "--currency", "RMB"], { cwd: dir });
    expect(cur.exitCode).toBe(2);
    expect(cur.stderr).toMatch(/"RMB" is not an ISO 4217/);
    expect(cur.stderr).toMatch(/did you mean CNY\?/);
    const name = await runCli(["init", "--store-name", "my shop", "--platform", "local", "--timezone", "UTC"], { cwd: dir });
    expect(name.exitCode).toBe(2);
    expect(name.stderr).toMatch(/did you mean my-shop\?/);
    expect(() => readFileSync(join(dir, "merchops.config.yaml"))).toThrow();
  });

  it("creates a missing exports folder (empty, or with a template), runs adapters check and suggests a command that works", async () => {
    const dir = join(tmp.dir, "e");
    mkdirSync(dir);
    const base = ["init", "--store-name", "client", "--platform", "files", "--dir", "./exports", "--timezone", "Asia/Shanghai"];
    const empty = await runCli(base, { cwd: dir });
    expect(empty.exitCode, empty.stderr).toBe(0);
    expect(existsSync(join(dir, "exports"))).toBe(true);
    expect(empty.stderr).toMatch(/created .*exports \(empty\)/);
    expect(empty.stderr).toMatch(/adapters check: store "client": no dataset file in the folder/);
    expect(empty.stderr).toMatch(/merchops templates copy files-store \.\/exports\n.*then: merchops adapters check/);

    const other = join(tmp.dir, "f");
    mkdirSync(other);
    const filled = await runCli([...base, "--template", "files-store"], { cwd: other });
    expect(filled.exitCode, filled.stderr).toBe(0);
    expect(readdirSync(join(other, "exports"))).toContain("orders.csv");
    expect(filled.stderr).toMatch(/adapters check: store "client" \(files\) ok/);
    expect(filled.stderr).toMatch(/try: merchops kpi report/);
    // The suggested next command works on the new store.
    const next = await runCli(["kpi", "report"], { cwd: other });
    expect(next.exitCode, next.stderr).toBe(0);
  });
});
