/**
 * The digest channels against fakes of WeCom, DingTalk, Feishu and Slack on 127.0.0.1 that check
 * keys, signatures (computed in the fakes from the docs), payload shapes and size limits, and a
 * real SMTP server (smtp-server, STARTTLS) whose mail is parsed with mailparser. Faults per
 * channel: timeout, 5xx, rate limit, bad signature — a clear error naming the channel, and never
 * a second copy of a message that may have arrived.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { dingtalkSign } from "../../src/adapters/notify/dingtalk.js";
import { feishuSign } from "../../src/adapters/notify/feishu.js";
import { type ChannelContext, type Delivery, NotifyError, openChannel } from "../../src/adapters/notify/index.js";
import type { NotifyChannelConfig } from "../../src/core/digest/config.js";
import type { DigestMessage } from "../../src/core/digest/message.js";
import { english } from "../../src/core/i18n/index.js";
import { dingtalkDocSign, feishuDocSign, startDingtalkFake, startFeishuFake, startSlackFake, startWecomFake } from "../fakes/notify.js";
import { REPO } from "../helpers/cli.js";

const NOW = new Date("2026-11-25T01:00:00Z");
const logs: string[] = [];
const ctx: ChannelContext = {
  baseDir: REPO,
  log: { info: (m) => logs.push(english(m)), warn: (m) => logs.push(english(m)), debug: (m) => logs.push(english(m)) },
  now: () => NOW,
  lang: "en",
};

const message: DigestMessage = {
  title: "merchops digest 2026-11-24 (demo): 3 new findings",
  allClear: false,
  counts: [
    { label: "KPI breaches", count: 2 },
    { label: "late parcel", count: 1 },
  ],
  lines: [
    { text: "ROAS social 1.90 (threshold >= 3, -9.7% vs previous)", section: "kpi", store: "demo" },
    { text: "CSAT 81.0% (threshold >= 95.0%)", section: "kpi", store: "demo" },
    { text: "sf SF2180193897624 (order O113447): not scanned 75.3 h after the label", section: "shipments", store: "demo" },
  ],
  more: 0,
  stillOpen: 2,
  report: { path: ".merchops/digests/digest-2026-11-25-abc/index.html" },
};

/** Far over every chat limit: 400 Chinese lines (~40 KB of UTF-8). */
const huge: DigestMessage = {
  ...message,
  lines: Array.from({ length: 400 }, (_, i) => ({
    text: `第 ${i + 1} 项：女士针织收腰连衣裙 尺码 M 退货率 30.3%，高于阈值 15%，主要原因是与描述不符`,
    section: "returns",
    store: "demo",
  })),
};

const delivery = (m: DigestMessage = message): Delivery => ({
  message: () => m,
  html: "<html><body><h1>digest</h1></body></html>",
  attachments: [{ filename: "kpi-demo.html", content: "<html><body>kpi</body></html>", contentType: "text/html; charset=utf-8" }],
  id: "0123456789abcdef01234567",
});

const fakes: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
  logs.length = 0;
});

async function failure(p: Promise<unknown>): Promise<NotifyError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(NotifyError);
  return e as NotifyError;
}

function expectNoSecret(texts: string[], secrets: string[]) {
  for (const t of texts) for (const s of secrets) expect(t).not.toContain(s);
}

describe("signatures", () => {
  it("DingTalk and Feishu signatures agree with the fakes' implementation from the docs", () => {
    expect(dingtalkSign(1764032400000, "SECabc123")).toBe(dingtalkDocSign("1764032400000", "SECabc123"));
    expect(feishuSign(1764032400, "fs-secret")).toBe(feishuDocSign("1764032400", "fs-secret"));
    // Feishu's key is timestamp+"\n"+secret over an empty message: not DingTalk's arrangement.
    expect(feishuSign(1764032400, "s")).not.toBe(dingtalkDocSign("1764032400", "s"));
  });
});

describe("WeCom group robot", () => {
  const KEY = "693a91f6-7a0c-4bc4-97a0-0ec2sifa5aaa";

  it("posts a markdown message with the key; the fake accepts it", async () => {
    const fake = await startWecomFake({ key: KEY });
    fakes.push(fake);
    const r = await openChannel("ops", { type: "wecom", key: KEY, endpoint: fake.url }, ctx).send(delivery());
    expect(fake.messages).toHaveLength(1);
    const content = (fake.messages[0] as { markdown: { content: string } }).markdown.content;
    expect(content).toContain("## merchops digest 2026-11-24");
    expect(content).toContain("- ROAS social 1.90");
    expect(content).toContain("Full report: .merchops/digests/digest-2026-11-25-abc/index.html");
    expect(r).toMatchObject({ shortened: false, limit: 4096, unit: "bytes" });
  });

  it("shortens a message over 4096 bytes instead of having it refused", async () => {
    const fake = await startWecomFake({ key: KEY });
    fakes.push(fake);
    const r = await openChannel("ops", { type: "wecom", key: KEY, endpoint: fake.url }, ctx).send(delivery(huge));
    expect(r.shortened).toBe(true);
    const content = (fake.messages[0] as { markdown: { content: string } }).markdown.content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
    expect(content).toMatch(/… and \d+ more/);
    expect(content).toContain("Full report:");
  });

  it("a wrong key (93000) and the 20-a-minute limit (45009) are errors naming the channel; nothing posted, key masked", async () => {
    const fake = await startWecomFake({ key: KEY });
    fakes.push(fake);
    const wrong = await failure(openChannel("ops", { type: "wecom", key: "wrong-key-0000", endpoint: fake.url }, ctx).send(delivery()));
    expect(wrong.message).toMatch(/^\[wecom:ops\].*invalid webhook key.*93000/);
    expect(wrong.outcome).toBe("not_sent");
    fake.sentThisMinute = 20;
    const limited = await failure(openChannel("ops", { type: "wecom", key: KEY, endpoint: fake.url }, ctx).send(delivery()));
    expect(limited.message).toMatch(/\[wecom:ops\].*20 messages a minute.*45009/);
    expect(fake.messages).toHaveLength(0);
    expect(fake.handled).toHaveLength(2);
    expectNoSecret([wrong.message, limited.message, ...logs], [KEY, "wrong-key-0000"]);
  });

  it("a timeout after the request arrived: unknown outcome, not retried, so no second copy", async () => {
    const fake = await startWecomFake({ key: KEY, faults: { slow: 1, slowMs: 1500 } });
    fakes.push(fake);
    const e = await failure(openChannel("ops", { type: "wecom", key: KEY, endpoint: fake.url, timeoutSeconds: 0.3 }, ctx).send(delivery()));
    expect(e.outcome).toBe("unknown");
    expect(e.message).toMatch(/\[wecom:ops\].*timeout.*not retried: the message may have been delivered/);
    expect(fake.handled).toHaveLength(1);
  });

  it("a 5xx is not retried (the message may have been posted)", async () => {
    const fake = await startWecomFake({ key: KEY, faults: { error5xx: 1, seed: 3 } });
    fakes.push(fake);
    const e = await failure(openChannel("ops", { type: "wecom", key: KEY, endpoint: fake.url }, ctx).send(delivery()));
    expect(e.message).toMatch(/^\[wecom:ops\]/);
    expect(fake.server.log).toHaveLength(1);
  });
});

describe("DingTalk robot", () => {
  const TOKEN = "9b781aec3378947947e0ed1cbd8ad593ee293475b4164c8d2f6067145e6da37f";
  const SECRET = "SEC7b7b301ffd31fa80c6f0f16a4da98b60338c916ce79d054d4dd35b4bc3fa3a35";

  it("signs each request (the fake recomputes the sign from the docs) and carries the robot's keyword", async () => {
    const fake = await startDingtalkFake({ accessToken: TOKEN, secret: SECRET, keywords: ["日报"], now: () => NOW.getTime() });
    fakes.push(fake);
    await openChannel("ding", { type: "dingtalk", accessToken: TOKEN, secret: SECRET, keyword: "日报", endpoint: fake.url }, ctx).send(
      delivery(),
    );
    expect(fake.messages).toHaveLength(1);
    const body = fake.messages[0] as { markdown: { title: string; text: string } };
    expect(body.markdown.title).toMatch(/^日报 · merchops digest/);
    expect(body.markdown.text).toContain("- CSAT 81.0%");
    expect(fake.handled[0]?.query.get("timestamp")).toBe(String(NOW.getTime()));
  });

  it("a wrong secret is 310000 sign not match; a missing keyword 310000 keywords not in content", async () => {
    const fake = await startDingtalkFake({ accessToken: TOKEN, secret: SECRET, keywords: ["日报"], now: () => NOW.getTime() });
    fakes.push(fake);
    const badSign = await failure(
      openChannel("ding", { type: "dingtalk", accessToken: TOKEN, secret: "SECwrong-secret", endpoint: fake.url }, ctx).send(delivery()),
    );
    expect(badSign.message).toMatch(/^\[dingtalk:ding\].*sign not match.*310000/);
    expect(badSign.hint).toMatch(/加签 secret/);
    const noKeyword = await failure(
      openChannel("ding", { type: "dingtalk", accessToken: TOKEN, secret: SECRET, endpoint: fake.url }, ctx).send(delivery()),
    );
    expect(noKeyword.message).toMatch(/keywords not in content/);
    expect(noKeyword.hint).toMatch(/keyword:/);
    expect(fake.messages).toHaveLength(0);
    expectNoSecret([badSign.message, noKeyword.message, ...logs], [TOKEN, SECRET, "SECwrong-secret"]);
  });

  it("130101 (over 20 a minute) fails at once: DingTalk throttles the robot for 10 minutes", async () => {
    const fake = await startDingtalkFake({ accessToken: TOKEN, now: () => NOW.getTime() });
    fakes.push(fake);
    fake.sentThisMinute = 20;
    const e = await failure(openChannel("ding", { type: "dingtalk", accessToken: TOKEN, endpoint: fake.url }, ctx).send(delivery()));
    expect(e.message).toMatch(/throttles.*130101/);
    expect(e.hint).toMatch(/10 minutes/);
    expect(e.outcome).toBe("not_sent");
    expect(fake.handled).toHaveLength(1);
  });

  it("a dropped connection after the request arrived is not retried", async () => {
    const fake = await startDingtalkFake({ accessToken: TOKEN, now: () => NOW.getTime(), faults: { drop: 1, seed: 2 } });
    fakes.push(fake);
    const e = await failure(openChannel("ding", { type: "dingtalk", accessToken: TOKEN, endpoint: fake.url }, ctx).send(delivery()));
    expect(e.outcome).toBe("unknown");
    expect(fake.server.log).toHaveLength(1);
  });

  it("shortens a huge message", async () => {
    const fake = await startDingtalkFake({ accessToken: TOKEN, now: () => NOW.getTime() });
    fakes.push(fake);
    const r = await openChannel("ding", { type: "dingtalk", accessToken: TOKEN, endpoint: fake.url }, ctx).send(delivery(huge));
    expect(r.shortened).toBe(true);
    expect(r.size).toBeLessThanOrEqual(20_000);
    expect(fake.messages).toHaveLength(1);
  });
});

describe("Feishu custom bot", () => {
  const TOKEN = "db264cc8-856d-4be9-8b3e-962f5fced676";
  const SECRET = "CSTEfHRnFBuHisZNCxLw3d";

  it("posts a signed interactive card (the fake recomputes the sign from the docs)", async () => {
    const fake = await startFeishuFake({ token: TOKEN, secret: SECRET, now: () => NOW.getTime() });
    fakes.push(fake);
    await openChannel("fs", { type: "feishu", webhook: `${fake.url}${fake.hookPath}`, secret: SECRET }, ctx).send(delivery());
    const body = fake.messages[0] as {
      msg_type: string;
      timestamp: string;
      card: { header: { title: { content: string } }; elements: { text: { content: string } }[] };
    };
    expect(body.msg_type).toBe("interactive");
    expect(body.timestamp).toBe(String(NOW.getTime() / 1000));
    expect(body.card.header.title.content).toContain("merchops digest");
    expect(body.card.elements[0]?.text.content).toContain("- ROAS social");
  });

  it("a bad signature is 19021; a missing keyword 19024; the hook token is masked", async () => {
    const fake = await startFeishuFake({ token: TOKEN, secret: SECRET, keywords: ["日报"], now: () => NOW.getTime() });
    fakes.push(fake);
    const webhook = `${fake.url}${fake.hookPath}`;
    const bad = await failure(openChannel("fs", { type: "feishu", webhook, secret: "wrong" }, ctx).send(delivery()));
    expect(bad.message).toMatch(/^\[feishu:fs\].*signature.*19021/);
    const kw = await failure(openChannel("fs", { type: "feishu", webhook, secret: SECRET }, ctx).send(delivery()));
    expect(kw.message).toMatch(/keywords.*19024/);
    await openChannel("fs", { type: "feishu", webhook, secret: SECRET, keyword: "日报" }, ctx).send(delivery());
    expect(fake.messages).toHaveLength(1);
    expectNoSecret([bad.message, kw.message, ...logs], [TOKEN, SECRET]);
  });

  it("keeps the body under 20 KB", async () => {
    const fake = await startFeishuFake({ token: TOKEN, now: () => NOW.getTime() });
    fakes.push(fake);
    const r = await openChannel("fs", { type: "feishu", webhook: `${fake.url}${fake.hookPath}` }, ctx).send(delivery(huge));
    expect(r.shortened).toBe(true);
    expect(fake.messages).toHaveLength(1);
    expect(Buffer.byteLength(fake.handled[0]?.rawBody ?? "")).toBeLessThanOrEqual(20 * 1024);
  });

  it("the bot's rate limit (11232, nothing posted) is waited out and sent once", async () => {
    const fake = await startFeishuFake({ token: TOKEN, now: () => NOW.getTime() });
    fakes.push(fake);
    fake.rateLimitNext = 1;
    await openChannel("fs", { type: "feishu", webhook: `${fake.url}${fake.hookPath}` }, ctx).send(delivery());
    expect(fake.messages).toHaveLength(1);
    expect(fake.handled.length).toBe(2);
  });
});

describe("Slack incoming webhook", () => {
  const PATH = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

  it("posts a header and a mrkdwn section the fake's shape checks accept", async () => {
    const fake = await startSlackFake({ path: PATH });
    fakes.push(fake);
    const r = await openChannel("sl", { type: "slack", webhook: `${fake.url}${PATH}` }, ctx).send(delivery());
    const body = fake.messages[0] as { text: string; blocks: { type: string; text: { text: string } }[] };
    expect(body.blocks.map((b) => b.type)).toEqual(["header", "section"]);
    expect(body.blocks[1]?.text.text).toContain("*2 KPI breaches · 1 late parcel*");
    expect(r.unit).toBe("characters");
  });

  it("shortens a section over 3000 characters", async () => {
    const fake = await startSlackFake({ path: PATH });
    fakes.push(fake);
    const r = await openChannel("sl", { type: "slack", webhook: `${fake.url}${PATH}` }, ctx).send(delivery(huge));
    expect(r.shortened).toBe(true);
    expect(fake.messages).toHaveLength(1);
  });

  it("429 with Retry-After is waited out and the message posted once", async () => {
    const fake = await startSlackFake({ path: PATH });
    fakes.push(fake);
    fake.rateLimitNext = 1;
    await openChannel("sl", { type: "slack", webhook: `${fake.url}${PATH}` }, ctx).send(delivery());
    expect(fake.handled).toHaveLength(2);
    expect(fake.messages).toHaveLength(1);
  });

  it("a revoked webhook (403 invalid_token) names the channel; the webhook path is masked", async () => {
    const fake = await startSlackFake({ path: PATH });
    fakes.push(fake);
    const other = "/services/T00000000/B00000000/YYYYYYYYYYYYYYYYYYYYYYYY";
    const e = await failure(openChannel("sl", { type: "slack", webhook: `${fake.url}${other}` }, ctx).send(delivery()));
    expect(e.message).toMatch(/^\[slack:sl\].*invalid_token/);
    expect(e.hint).toMatch(/revoked/);
    expectNoSecret([e.message, ...logs], ["YYYYYYYYYYYYYYYYYYYYYYYY"]);
  });

  it("a timeout: unknown outcome, one request only", async () => {
    const fake = await startSlackFake({ path: PATH, faults: { slow: 1, slowMs: 1500 } });
    fakes.push(fake);
    const e = await failure(openChannel("sl", { type: "slack", webhook: `${fake.url}${PATH}`, timeoutSeconds: 0.3 }, ctx).send(delivery()));
    expect(e.outcome).toBe("unknown");
    expect(e.message).toMatch(/Slack incoming webhooks take no dedupe key/);
    expect(fake.handled).toHaveLength(1);
  });
});

describe("e-mail over SMTP with STARTTLS", () => {
  const CERT = join(REPO, "test", "fixtures", "smtp");

  async function smtp(opts: { failData?: boolean } = {}) {
    const received: { raw: Buffer; secure: boolean; user: string | undefined }[] = [];
    const server = new SMTPServer({
      key: readFileSync(join(CERT, "server-key.pem")),
      cert: readFileSync(join(CERT, "server-cert.pem")),
      authMethods: ["PLAIN", "LOGIN"],
      // Like a submission port: no AUTH before STARTTLS.
      allowInsecureAuth: false,
      onAuth(auth, _session, cb) {
        if (auth.username === "merchops" && auth.password === "smtp-pass-123") cb(null, { user: auth.username });
        else cb(new Error("535 authentication failed"));
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          if (opts.failData) {
            const err = new Error("mailbox unavailable") as Error & { responseCode: number };
            err.responseCode = 550;
            cb(err);
            return;
          }
          received.push({ raw: Buffer.concat(chunks), secure: session.secure, user: session.user as string | undefined });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const port = (server.server.address() as { port: number }).port;
    fakes.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    return { port, received };
  }

  const config = (port: number, extra: Record<string, unknown> = {}): NotifyChannelConfig =>
    ({
      type: "email",
      host: "127.0.0.1",
      port,
      user: "merchops",
      password: "smtp-pass-123",
      from: "merchops@example.com",
      to: ["ops@example.com"],
      caFile: "test/fixtures/smtp/server-cert.pem",
      ...extra,
    }) as NotifyChannelConfig;

  it("sends over STARTTLS, authenticated: HTML body, the text message, the full reports attached", async () => {
    const { port, received } = await smtp();
    await openChannel("mail", config(port), ctx).send(delivery());
    expect(received).toHaveLength(1);
    expect(received[0]?.secure).toBe(true);
    expect(received[0]?.user).toBe("merchops");
    const mail = await simpleParser(received[0]?.raw as Buffer);
    expect(mail.subject).toBe(message.title);
    expect(mail.html).toContain("<h1>digest</h1>");
    expect(mail.text).toContain("- ROAS social 1.90");
    expect(mail.messageId).toBe("<0123456789abcdef01234567@merchops.digest>");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["kpi-demo.html"]);
    expect(mail.attachments[0]?.content.toString()).toContain("kpi");
  });

  it("a refused message (550) is an error naming the channel; nothing delivered; password masked", async () => {
    const { port, received } = await smtp({ failData: true });
    const e = await failure(openChannel("mail", config(port), ctx).send(delivery()));
    expect(e.message).toMatch(/^\[email:mail\] 127\.0\.0\.1:\d+: .*mailbox unavailable/);
    expect(e.outcome).toBe("not_sent");
    expect(received).toHaveLength(0);
    expectNoSecret([e.message], ["smtp-pass-123"]);
  });

  it("wrong credentials: EAUTH, not sent", async () => {
    const { port } = await smtp();
    const e = await failure(openChannel("mail", config(port, { password: "wrong-pass-999" }), ctx).send(delivery()));
    expect(e.message).toMatch(/\[email:mail\]/);
    expect(e.hint).toMatch(/user and password/);
    expect(e.outcome).toBe("not_sent");
  });
});
