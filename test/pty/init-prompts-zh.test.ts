/**
 * `merchops init` at a terminal in Chinese: LANG=zh_CN.UTF-8 alone makes every question, choice,
 * refusal and the closing lines Chinese; the checks as typed are the same as in English.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempDir } from "../helpers/cli.js";
import { ptyUnavailable, runInPty } from "../helpers/pty.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const why = ptyUnavailable();

/** English words of the prompts that must not show once the run speaks Chinese. */
const ENGLISH = [
  "Store name",
  "Where is the data",
  "Folder of exports",
  "Time zone",
  "Currency",
  "navigate",
  "did you mean",
  "does not exist",
];

describe.skipIf(why !== undefined)(`init prompts in Chinese${why ? ` (skipped: ${why})` : ""}`, () => {
  it("asks, refuses and suggests in Chinese under LANG=zh_CN.UTF-8", async () => {
    const t = runInPty(["init"], { cwd: tmp.dir, env: { LANG: "zh_CN.UTF-8", LC_ALL: undefined, MERCHOPS_LANG: undefined } });
    try {
      await t.answer("店铺名", "my shop");
      await t.waitFor("店铺名“my shop”只能包含英文字母、数字、- 和 _");
      await t.waitFor("是不是“my-shop”？");
      await t.answer("店铺名 (my-shop)");
      await t.waitFor("数据在哪里？");
      await t.waitFor("❯ 导出表格所在的文件夹（files）");
      // Inquirer's key help, in Chinese too; Enter takes files, the first choice.
      await t.answer("↑↓ 移动 • ⏎ 选择");
      await t.answer("导出文件所在的文件夹 (./exports)");
      await t.answer("时区", "Asia/Shanghia");
      await t.waitFor("未知时区“Asia/Shanghia”");
      await t.answer("时区 (Asia/Shanghai)");
      await t.answer("币种", "rmb");
      await t.waitFor("“rmb”不是 ISO 4217 币种代码");
      await t.answer("币种 (CNY)");
      await t.waitFor("./exports 还不存在。要创建它吗");
      await t.answer("用 files-store 模板创建");
      await t.waitFor("连接检查：店铺“my-shop”（files）正常");
      await t.waitFor("试试：merchops kpi report");
      expect(await t.exited).toBe(0);
    } finally {
      t.kill();
    }
    const screen = t.screen();
    for (const words of ENGLISH) expect(screen, words).not.toContain(words);
    const config = parse(readFileSync(join(tmp.dir, "merchops.config.yaml"), "utf8")) as { defaultStore: string; currency: string };
    expect(config).toMatchObject({ defaultStore: "my-shop", currency: "CNY" });
  });
});
