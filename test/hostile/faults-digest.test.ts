/**
 * A digest delivered in part, then run again as cron retries it (helper F, round 3). Three chat
 * channels on fakes that answer as the services do; WeCom refuses the first run (errcode 93000, its
 * key was being rotated), the other two take it. Exit 5 naming the one that failed and the ones
 * delivered; the retry sends ONLY to WeCom, with the findings it missed shown as new (exit 4: it
 * reports a breach nobody has seen there), never a second copy to DingTalk or Slack; a third run
 * sends nothing; `--resend` sends to all again. Counted by the fakes' accepted messages.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatFake, startDingtalkFake, startSlackFake, startWecomFake } from "../fakes/notify.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { freshDir, loadExpected } from "../helpers/shipments.js";

const expected = loadExpected();
const NOW = expected.asOf;
const tmp = tempDir("merchops-faults-digest-");

interface DigestJson {
  counts: { new: number; still_open: number };
  delivery?: { channel: string; status: string; outcome?: string; delivered_at?: string }[];
}

describe("a digest delivered to 2 of 3 channels, then run again", () => {
  const keys = {
    wecom: "wecom-key-77aa01",
    ding: "ding-token-0c0ffee1",
    dingSecret: "SECd1ngd1ngd1ngd1ng",
    slack: "/services/T9/B9/slackhook99",
  };
  const nowMs = Date.parse(NOW);
  let wecom: ChatFake;
  let ding: ChatFake;
  let slack: ChatFake;
  const cwd = freshDir(tmp.dir, "partial");

  beforeAll(async () => {
    wecom = await startWecomFake({ key: keys.wecom });
    ding = await startDingtalkFake({ accessToken: keys.ding, secret: keys.dingSecret, keywords: ["日报"], now: () => nowMs });
    slack = await startSlackFake({ path: keys.slack });
    expect((await runCli(["shipments", "sync", "--quiet", "--now", NOW], { cwd })).exitCode).toBe(0);
    writeFileSync(
      join(cwd, "merchops.config.yaml"),
      `notify:
  channels:
    ops-wecom: { type: wecom, key: env:WECOM_KEY, endpoint: ${wecom.url} }
    ops-ding: { type: dingtalk, accessToken: env:DING_TOKEN, secret: env:DING_SECRET, keyword: 日报, endpoint: ${ding.url} }
    ops-slack: { type: slack, webhook: env:SLACK_HOOK }
  groups:
    team: [ops-wecom, ops-ding, ops-slack]
`,
    );
  });
  afterAll(async () => {
    for (const f of [wecom, ding, slack]) await f?.close();
    tmp.cleanup();
  });

  const digest = (wecomKey: string, extra: string[] = []) =>
    runCli(["digest", "--notify", "team", "--json", "--now", NOW, ...extra], {
      cwd,
      env: { WECOM_KEY: wecomKey, DING_TOKEN: keys.ding, DING_SECRET: keys.dingSecret, SLACK_HOOK: `${slack.url}${keys.slack}` },
    });
  const counts = () => [wecom.messages.length, ding.messages.length, slack.messages.length];

  it("run 1: WeCom refuses; exit 5 names it and the two delivered; each of those got one message", async () => {
    const r = await digest("wecom-key-being-rotated");
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/digest not delivered to ops-wecom \(delivered to ops-ding, ops-slack\)/);
    const json = JSON.parse(r.stdout) as DigestJson;
    expect(json.counts.new).toBeGreaterThan(0);
    expect(json.delivery?.map((d) => [d.channel, d.status])).toEqual([
      ["ops-wecom", "failed"],
      ["ops-ding", "delivered"],
      ["ops-slack", "delivered"],
    ]);
    expect(counts()).toEqual([0, 1, 1]);
  });

  it("run 2 (the cron retry): only WeCom is sent to, with the findings it missed as new; exit 4", async () => {
    const r = await digest(keys.wecom);
    expect(r.exitCode).toBe(4);
    expect(counts()).toEqual([1, 1, 1]);
    const json = JSON.parse(r.stdout) as DigestJson;
    expect(json.delivery?.map((d) => [d.channel, d.status])).toEqual([
      ["ops-wecom", "delivered"],
      ["ops-ding", "skipped"],
      ["ops-slack", "skipped"],
    ]);
    expect(json.delivery?.[1]?.delivered_at).toBe(new Date(NOW).toISOString());
    expect(r.stderr).toMatch(/ops-ding \(dingtalk\) already got today's digest at .*: not sent again \(--resend sends it again\)/);
    // What WeCom got is the first run's news, not a "nothing new" note.
    const text = (wecom.messages[0] as { markdown: { content: string } }).markdown.content;
    const first = ding.messages[0] as { markdown: { text: string } };
    for (const line of ["ROAS", "CSAT"]) expect(text.includes(line)).toBe(first.markdown.text.includes(line));
    expect(text).toMatch(/ROAS|CSAT/);
  });

  it("run 3: everyone has it; nothing is sent, exit 0", async () => {
    const r = await digest(keys.wecom);
    expect(r.exitCode).toBe(0);
    expect(counts()).toEqual([1, 1, 1]);
    const json = JSON.parse(r.stdout) as DigestJson;
    expect(json.delivery?.every((d) => d.status === "skipped")).toBe(true);
  });

  it("--resend: every channel gets it again", async () => {
    const r = await digest(keys.wecom, ["--resend"]);
    expect(r.exitCode).toBe(0);
    expect(counts()).toEqual([2, 2, 2]);
  });
});
