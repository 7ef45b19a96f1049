/**
 * Hostile OUTPUT in the digest: findings carrying attack titles delivered to every chat channel
 * and by e-mail. No mention (@all, <!channel>, <@user>, <at id=all>), link or markup from the data
 * reaches a chat; the mail's headers stay as merchops wrote them; the HTML digest runs nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../src/adapters/notify/render.js";
import { startDingtalkFake, startFeishuFake, startSlackFake, startWecomFake } from "../fakes/notify.js";
import { REPO, runCli, tempDir } from "../helpers/cli.js";
import { HOSTILE_TEXT, hostileConfig, hostileSeed, probeInjection } from "./output-helpers.js";

const NOW = "2026-11-25T00:00:00+08:00";
const nowMs = Date.parse(NOW);
const t = tempDir("merchops-hostile-notify-");
const keys = {
  wecom: "wecom-key-h0571le",
  ding: "ding-token-h0571le",
  dingSecret: "SEC-h0571le-ding",
  feishu: "feishu-hook-h0571le",
  feishuSecret: "fs-h0571le",
  slack: "/services/T1/B1/h0571le",
  smtpPass: "smtp-h0571le",
};
let fakes: {
  wecom: Awaited<ReturnType<typeof startWecomFake>>;
  ding: Awaited<ReturnType<typeof startDingtalkFake>>;
  feishu: Awaited<ReturnType<typeof startFeishuFake>>;
  slack: Awaited<ReturnType<typeof startSlackFake>>;
};
const mails: Buffer[] = [];
let smtp: SMTPServer;
let exitCode = -1;
let stderr = "";

beforeAll(async () => {
  fakes = {
    wecom: await startWecomFake({ key: keys.wecom }),
    ding: await startDingtalkFake({ accessToken: keys.ding, secret: keys.dingSecret, keywords: ["日报"], now: () => nowMs }),
    feishu: await startFeishuFake({ token: keys.feishu, secret: keys.feishuSecret, now: () => nowMs }),
    slack: await startSlackFake({ path: keys.slack }),
  };
  smtp = new SMTPServer({
    key: readFileSync(join(REPO, "test", "fixtures", "smtp", "server-key.pem")),
    cert: readFileSync(join(REPO, "test", "fixtures", "smtp", "server-cert.pem")),
    authMethods: ["PLAIN", "LOGIN"],
    onAuth: (auth, _s, cb) => (auth.password === keys.smtpPass ? cb(null, { user: auth.username }) : cb(new Error("535 auth failed"))),
    onData(stream, _s, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push(Buffer.concat(chunks));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  const seed = hostileSeed(t.dir);
  writeFileSync(
    join(t.dir, "merchops.config.yaml"),
    `${hostileConfig(seed)}notify:
  channels:
    wecom: { type: wecom, key: env:WECOM_KEY, endpoint: ${fakes.wecom.url} }
    ding: { type: dingtalk, accessToken: env:DING_TOKEN, secret: env:DING_SECRET, keyword: 日报, endpoint: ${fakes.ding.url} }
    feishu: { type: feishu, webhook: env:FEISHU_HOOK, secret: env:FEISHU_SECRET }
    slack: { type: slack, webhook: env:SLACK_HOOK }
    mail:
      type: email
      host: 127.0.0.1
      port: ${smtpPort}
      user: merchops
      password: env:SMTP_PASSWORD
      from: merchops@example.com
      to: [boss@example.com]
      caFile: ${join(REPO, "test", "fixtures", "smtp", "server-cert.pem")}
  groups:
    team: [wecom, ding, feishu, slack, mail]
`,
  );
  const env = {
    WECOM_KEY: keys.wecom,
    DING_TOKEN: keys.ding,
    DING_SECRET: keys.dingSecret,
    FEISHU_HOOK: `${fakes.feishu.url}${fakes.feishu.hookPath}`,
    FEISHU_SECRET: keys.feishuSecret,
    SLACK_HOOK: `${fakes.slack.url}${keys.slack}`,
    SMTP_PASSWORD: keys.smtpPass,
  };
  const r = await runCli(["digest", "--notify", "team", "--quiet", "--now", NOW, "--out", join(t.dir, "digest.html")], { cwd: t.dir, env });
  exitCode = r.exitCode;
  stderr = r.stderr;
}, 300_000);

afterAll(async () => {
  for (const f of Object.values(fakes ?? {})) await f.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  t.cleanup();
});

/** Texts as each service reads them: markdown (WeCom, DingTalk), lark_md (Feishu), mrkdwn (Slack). */
function chatTexts(): { channel: string; dialect: "markdown" | "entities"; text: string }[] {
  const wecom = fakes.wecom.messages as { markdown: { content: string } }[];
  const ding = fakes.ding.messages as { markdown: { text: string } }[];
  const feishu = fakes.feishu.messages as { card: { elements: { text: { content: string } }[] } }[];
  const slack = fakes.slack.messages as { text: string; blocks: { text: { text: string } }[] }[];
  return [
    ...wecom.map((m) => ({ channel: "wecom", dialect: "markdown" as const, text: m.markdown.content })),
    ...ding.map((m) => ({ channel: "dingtalk", dialect: "markdown" as const, text: m.markdown.text })),
    ...feishu.map((m) => ({
      channel: "feishu",
      dialect: "entities" as const,
      text: m.card.elements.map((e) => e.text.content).join("\n"),
    })),
    ...slack.map((m) => ({
      channel: "slack",
      dialect: "entities" as const,
      text: [m.text, ...m.blocks.map((b) => b.text.text)].join("\n"),
    })),
  ];
}

describe("hostile merchant text in the digest", () => {
  it("is delivered to every channel (exit 4: the findings are breaches)", () => {
    expect(exitCode, stderr).toBe(4);
    expect(chatTexts().map((c) => c.channel)).toEqual(["wecom", "dingtalk", "feishu", "slack"]);
    expect(mails).toHaveLength(1);
  });

  it("the attack titles reach the messages (the test would prove nothing otherwise)", () => {
    for (const c of chatTexts()) expect(c.text, c.channel).toMatch(/img src=x onerror/);
  });

  it("no mention, tag, link or line break from the data survives in a chat message", () => {
    for (const { channel, dialect, text } of chatTexts()) {
      // A live mention: Slack <!channel>/<@U…>, WeCom <@userid>, Feishu <at id=all>, typed @all.
      expect(text, channel).not.toMatch(/<[@!]|<at[\s>]|@(all|everyone|channel|here)\b/i);
      if (dialect === "markdown") {
        expect(text, channel).not.toMatch(/(?<!\\)<(script|img|svg|at|javascript)/i);
        expect(text, channel).not.toMatch(/(?<!\\)\[[^\]\n]*(?<!\\)\]\(javascript:/i);
      } else expect(text, channel).not.toMatch(/<(script|img|svg|at|javascript)/i);
      // Every line is one of ours: a heading, the counts, an item, "… and N more", the report.
      for (const line of text.split("\n")) expect(line, channel).toMatch(/^(## |\*|- |… |Full report|merchops digest|5 |\d+ )/);
    }
  });

  it("the e-mail keeps its own headers: nothing injected from the data", async () => {
    const raw = (mails[0] as Buffer).toString("latin1");
    const head = raw.slice(0, raw.indexOf("\r\n\r\n"));
    expect(head).not.toMatch(/^(Bcc|X-Injected):/im);
    const mail = await simpleParser(mails[0] as Buffer);
    expect(mail.subject).toMatch(/^merchops digest/);
    expect(mail.bcc).toBeUndefined();
    expect(mail.html).toContain("onerror=alert(2)&gt;");
  });

  it("the HTML digest (the mail's body and --out) runs nothing in headless Chromium", async () => {
    const probe = await probeInjection(join(t.dir, "digest.html"));
    expect(probe.calls).toEqual([]);
    expect(probe.injected).toEqual([]);
    const mail = await simpleParser(mails[0] as Buffer);
    writeFileSync(join(t.dir, "mail.html"), mail.html || "");
    const body = await probeInjection(join(t.dir, "mail.html"));
    expect(body.calls).toEqual([]);
    expect(body.injected).toEqual([]);
  }, 300_000);
});

describe("escapeMarkdown on every attack, in every chat dialect", () => {
  const dialects = ["markdown", "lark", "slack"] as const;
  it.each(dialects)("%s: no live mention, tag, link or line break; the words still read the same", (dialect) => {
    for (const attack of [...HOSTILE_TEXT, "@所有人 请看", "line\n## heading\n- fake item", "x\u2028y"]) {
      const out = escapeMarkdown(attack, dialect);
      expect(out, attack).not.toMatch(/[\r\n\u2028\u2029\t]/);
      expect(out, attack).not.toMatch(/<[@!]|<at[\s>]|@(all|everyone|channel|here|所有人)/i);
      if (dialect === "markdown") expect(out, attack).not.toMatch(/(?<!\\)[<[]/);
      else expect(out, attack).not.toMatch(/[<>]/);
      // Only the zero-width spaces and the escapes were added: the text reads as the merchant wrote it.
      const shown = out
        .replace(/\u200b/g, "")
        .replace(/\\(.)/g, "$1")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
      expect(shown).toBe(attack.replace(/[\r\n\t\u2028]+/g, " "));
    }
  });

  it("leaves ordinary text alone: e-mail addresses, @mentions of people, SKUs", () => {
    for (const dialect of dialects) {
      expect(escapeMarkdown("ops@allbirds.test DR002_BEI-M @Lily", dialect)).toBe("ops@allbirds.test DR002_BEI-M @Lily");
    }
  });
});
