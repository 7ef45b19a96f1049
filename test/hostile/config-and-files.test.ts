/**
 * Hostile class: config files and leftovers (issue 13 item 7). The whole config is validated when
 * it is loaded — also stores the command does not use — with file:line; configs over 1 MB and
 * passwords in addresses are refused; a SIGKILLed run's temp file is cleaned up by the next write.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/io/atomic-write.js";
import { removeStaleTemps } from "../../src/io/temp-files.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { hugeConfig } from "./generators.js";

const t = tempDir("merchops-hostile-config-");
afterAll(() => t.cleanup());

async function withConfig(name: string, text: string, args: string[] = ["adapters", "list"]) {
  const dir = join(t.dir, name);
  await import("node:fs").then((fs) => fs.mkdirSync(dir, { recursive: true }));
  writeFileSync(join(dir, "merchops.config.yaml"), text);
  return runCli(args, { cwd: dir });
}

describe("config validated whole at load", () => {
  it("an unknown key in a store the command does not use: exit 2 with file:line", async () => {
    const r = await withConfig(
      "unused-store",
      "stores:\n  shop:\n    platform: local\n  wc:\n    platform: woocommerce\n    url: https://shop.example\n    key: env:WC_KEY\n    secret: env:WC_SECRET\n    colour: blue\ndefaultStore: shop\n",
      ["kpi", "report", "--store", "shop"],
    );
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/merchops\.config\.yaml:\d+/);
    expect(r.stderr).toMatch(/colour/);
  });

  it("an invalid time zone: exit 2 with file:line", async () => {
    const r = await withConfig("tz", "timezone: Mars/Olympus\nstores:\n  shop:\n    platform: local\n    timezone: Asia/Shanghai\n");
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/merchops\.config\.yaml:1.*timezone/);
    const store = await withConfig("store-tz", "stores:\n  shop:\n    platform: local\n    timezone: Asia/Shangai\n");
    expect(store.exitCode, store.stderr).toBe(2);
    expect(store.stderr).toMatch(/merchops\.config\.yaml:4/);
  });

  it("a config over 1 MB is refused before it is parsed, without echoing it", async () => {
    const r = await withConfig("huge", hugeConfig(10));
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/10\.0 MB; merchops reads config files up to 1 MB/);
    expect(r.stderr.length).toBeLessThan(1000);
  });

  it("a password in a store address is refused like a literal secret, and not echoed", async () => {
    const r = await withConfig(
      "userinfo",
      "stores:\n  wc:\n    platform: woocommerce\n    url: https://admin:hunter2pass@shop.example\n    key: env:WC_KEY\n    secret: env:WC_SECRET\n",
    );
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/merchops\.config\.yaml:4: stores\.wc\.url: the address contains a user name and password/);
    expect(r.stderr).not.toContain("hunter2pass");
  });
});

describe("stale temp files", () => {
  it("the next write removes a dead run's temp file beside the output, not a live one's", async () => {
    const out = join(t.dir, "r.xlsx");
    const dead = join(t.dir, ".r.xlsx.999999999.0123456789ab.tmp"); // no such pid
    const live = join(t.dir, `.r.xlsx.${process.ppid}.ba9876543210.tmp`); // the test runner's parent: alive
    const other = join(t.dir, ".other.xlsx.999999999.0123456789ab.tmp");
    for (const f of [dead, live, other]) writeFileSync(f, "partial");
    await writeFileAtomic(out, "done");
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(other)).toBe(true);
    expect(readdirSync(t.dir).filter((n) => n.startsWith(".r.xlsx.") && n.includes(String(process.pid)))).toEqual([]);
    expect(await removeStaleTemps(join(t.dir, "other.xlsx"))).toEqual([".other.xlsx.999999999.0123456789ab.tmp"]);
  });
});
