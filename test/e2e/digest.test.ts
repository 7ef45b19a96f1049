/**
 * `merchops digest` end to end on the demo store: the planted problems (ROAS, CSAT, the 30% SKU,
 * the late parcels) on the first run, nothing new on a second run the same morning, only the new
 * day's KPI breaches the next morning; delivery to all five channels (fakes on 127.0.0.1 and a
 * real SMTP server), one channel failing (exit 5 naming it, the others delivered once), webhook
 * literals refused, and the HTML digest screenshotted in headless Chromium.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDingtalkFake, startFeishuFake, startSlackFake, startWecomFake } from "../fakes/notify.js";
import { assertNotBlank, findChromium, MISSING_CHROMIUM, screenshot } from "../helpers/chromium.js";
import { REPO, runCli, tempDir } from "../helpers/cli.js";
import { freshDir, loadExpected } from "../helpers/shipments.js";

const expected = loadExpected();
const NOW = expected.asOf; // 2026-11-25T00:00:00+08:00: yesterday is the demo data's last day
const NEXT_DAY = "2026-11-26T00:00:00+08:00";
const tmp = tempDir("merchops-digest-");
afterAll(() => tmp.cleanup());

interface DigestJson {
  all_clear: boolean;
  counts: { new: number; still_open: number; by_section: Record<string, { new: number; still_open: number }> };
  stores: {
    store: string;
    findings: { key: string; section: string; is_new: boolean; text: string; tracking_number?: string; rule?: string }[];
    sections: { section: string; status: string; note?: string }[];
  }[];
  delivery?: { channel: string; status: string; outcome?: string }[];
}

const run = (cwd: string, args: string[], now = NOW, env: Record<string, string> = {}) => runCli([...args, "--now", now], { cwd, env });

/** Open parcels the generator planted past their SLA: not first-scanned, and stuck. */
const plantedLate = new Map<string, string>();
for (const kind of [expected.planted.notFirstScanned, expected.planted.stuck]) {
  for (const n of kind?.trackingNumbers ?? []) plantedLate.set(n, kind?.rule as string);
}

describe("digest on the demo store", () => {
  const cwd = freshDir(tmp.dir, "demo");
  let first: DigestJson;
  let firstExit: number;

  beforeAll(async () => {
    const sync = await run(cwd, ["shipments", "sync", "--quiet"]);
    expect(sync.exitCode).toBe(0);
    const r = await run(cwd, ["digest", "--json"]);
    firstExit = r.exitCode;
    first = JSON.parse(r.stdout) as DigestJson;
  });

  it("first run: the planted problems, exit 4", () => {
    expect(firstExit).toBe(4);
    const keys = first.stores[0]?.findings.map((f) => f.key) ?? [];
    expect(keys).toContain("kpi:roas:social:2026-11-24..2026-11-24");
    expect(keys).toContain("kpi:csat:2026-11-24..2026-11-24");
    expect(keys).toContain("returns:high_return_rate:sku:DR002-BEI-M");
    const sku = first.stores[0]?.findings.find((f) => f.key === "returns:high_return_rate:sku:DR002-BEI-M");
    expect(sku?.text).toMatch(/30\.3% of units returned/);
    expect(first.stores[0]?.findings.every((f) => f.is_new)).toBe(true);
  });

  it("first run: exactly the open parcels the generator planted late, each under its rule", () => {
    const late = first.stores[0]?.findings.filter((f) => f.section === "shipments") ?? [];
    expect(new Map(late.map((f) => [f.tracking_number, f.rule]))).toEqual(plantedLate);
  });

  it("sections a store cannot provide are n/a with the reason, never ok", () => {
    const sections = Object.fromEntries((first.stores[0]?.sections ?? []).map((s) => [s.section, s]));
    expect(sections.prices).toMatchObject({ status: "n/a", note: expect.stringMatching(/no price snapshots/) });
    expect(sections.sync).toMatchObject({ status: "n/a", note: expect.stringMatching(/read directly/) });
    expect(sections.kpi?.status).toBe("findings");
  });

  it("second run the same morning: nothing new, exit 0, the findings still open", async () => {
    const r = await run(cwd, ["digest", "--json"]);
    expect(r.exitCode).toBe(0);
    const second = JSON.parse(r.stdout) as DigestJson;
    expect(second.counts.new).toBe(0);
    expect(second.counts.still_open).toBe(first.counts.new);
    expect(second.all_clear).toBe(false);
  });

  it("next morning: only the new day's KPI breaches are new", async () => {
    const r = await run(cwd, ["digest", "--json"], NEXT_DAY);
    expect(r.exitCode).toBe(4);
    const next = JSON.parse(r.stdout) as DigestJson;
    const fresh = next.stores[0]?.findings.filter((f) => f.is_new) ?? [];
    expect(fresh.length).toBeGreaterThan(0);
    expect(new Set(fresh.map((f) => f.section))).toEqual(new Set(["kpi"]));
    expect(fresh.map((f) => f.key)).toContain("kpi:roas:social:2026-11-25..2026-11-25");
    expect(next.counts.by_section.returns?.still_open).toBe(first.counts.by_section.returns?.new);
  });

  it("the HTML digest of a first run renders in headless Chromium", async () => {
    const fresh = freshDir(tmp.dir, "html");
    expect((await run(fresh, ["shipments", "sync", "--quiet"])).exitCode).toBe(0);
    const html = join(fresh, "digest.html");
    const r = await run(fresh, ["digest", "--format", "html", "--out", html]);
    expect(r.exitCode).toBe(4);
    expect(readFileSync(html, "utf8")).toContain("ROAS social 1.90");
    const chromium = findChromium();
    if (!chromium) throw new Error(MISSING_CHROMIUM);
    const png = join(tmp.dir, "digest.png");
    await screenshot(html, png, "1280,1400");
    assertNotBlank(png);
    if (process.env.MERCHOPS_KEEP_SCREENSHOT) writeFileSync(process.env.MERCHOPS_KEEP_SCREENSHOT, readFileSync(png));
  });
});

describe("digest delivered to every channel", () => {
  const keys = {
    wecom: "wecom-key-6f1c2d9a",
    ding: "ding-token-54b1e07c9d",
    dingSecret: "SEC9e7d5c3b1a0f2e4d6c8b",
    feishu: "feishu-hook-3c9e1f77",
    feishuSecret: "feishu-secret-a8b7",
    slack: "/services/T0001/B0001/slackhooktoken0001",
    smtpPass: "smtp-pass-123",
  };
  const nowMs = Date.parse(NOW);
  let fakes: Awaited<ReturnType<typeof start>>;
  const mails: Buffer[] = [];
  let smtp: SMTPServer;
  let smtpPort = 0;

  async function start() {
    return {
      wecom: await startWecomFake({ key: keys.wecom }),
      ding: await startDingtalkFake({ accessToken: keys.ding, secret: keys.dingSecret, keywords: ["日报"], now: () => nowMs }),
      feishu: await startFeishuFake({ token: keys.feishu, secret: keys.feishuSecret, now: () => nowMs }),
      slack: await startSlackFake({ path: keys.slack }),
    };
  }

  beforeAll(async () => {
    fakes = await start();
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
    smtpPort = (smtp.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const f of Object.values(fakes)) await f.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  function configure(cwd: string, wecomKeyEnv = "WECOM_KEY") {
    writeFileSync(
      join(cwd, "merchops.config.yaml"),
      `notify:
  reportUrl: https://reports.example.com/merchops
  channels:
    ops-wecom: { type: wecom, key: env:${wecomKeyEnv}, endpoint: ${fakes.wecom.url} }
    ops-ding: { type: dingtalk, accessToken: env:DING_TOKEN, secret: env:DING_SECRET, keyword: 日报, endpoint: ${fakes.ding.url} }
    ops-feishu: { type: feishu, webhook: env:FEISHU_HOOK, secret: env:FEISHU_SECRET, lang: zh }
    ops-slack: { type: slack, webhook: env:SLACK_HOOK }
    boss-mail:
      type: email
      host: 127.0.0.1
      port: ${smtpPort}
      user: merchops
      password: env:SMTP_PASSWORD
      from: merchops@example.com
      to: [boss@example.com]
      caFile: ${join(REPO, "test", "fixtures", "smtp", "server-cert.pem")}
  groups:
    team: [ops-wecom, ops-ding, ops-feishu, ops-slack, boss-mail]
`,
    );
  }
  const env = {
    WECOM_KEY: keys.wecom,
    WRONG_WECOM_KEY: "wecom-key-revoked-000",
    DING_TOKEN: keys.ding,
    DING_SECRET: keys.dingSecret,
    FEISHU_HOOK: "",
    FEISHU_SECRET: keys.feishuSecret,
    SLACK_HOOK: "",
    SMTP_PASSWORD: keys.smtpPass,
  };
  const envFor = () => ({
    ...env,
    FEISHU_HOOK: `${fakes.feishu.url}${fakes.feishu.hookPath}`,
    SLACK_HOOK: `${fakes.slack.url}${keys.slack}`,
  });

  it("one short message per channel; the e-mail carries the HTML digest and the full reports; exit 4", async () => {
    const cwd = freshDir(tmp.dir, "notify");
    // Before the config exists: without one, the demo store tracks its parcels through the fixtures' events.
    expect((await run(cwd, ["shipments", "sync", "--quiet"])).exitCode).toBe(0);
    configure(cwd);
    const r = await run(cwd, ["digest", "--notify", "team", "--quiet"], NOW, envFor());
    expect(r.stderr).not.toMatch(/^error: digest not delivered/m);
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toBe("");
    for (const f of [fakes.wecom, fakes.ding, fakes.feishu, fakes.slack]) expect(f.messages).toHaveLength(1);
    const wecom = (fakes.wecom.messages[0] as { markdown: { content: string } }).markdown.content;
    expect(wecom).toMatch(/ROAS|CSAT/);
    expect(wecom).toMatch(/https:\/\/reports\.example\.com\/merchops\/digest-2026-11-2\d-[0-9a-f]{8}\/index\.html/);
    const feishu = JSON.stringify(fakes.feishu.messages[0]);
    expect(feishu).toContain("merchops 日报");
    expect(mails).toHaveLength(1);
    const mail = await simpleParser(mails[0] as Buffer);
    expect(mail.html).toContain("New findings");
    expect(mail.attachments.map((a) => a.filename)).toEqual(
      expect.arrayContaining(["index.html", "kpi-demo.html", "returns-demo.html", "shipments-demo.html", "digest.json"]),
    );
    const url = /digest-2026-11-2\d-[0-9a-f]{8}/.exec(wecom)?.[0] as string;
    expect(existsSync(join(cwd, ".merchops", "digests", url, "index.html"))).toBe(true);
    for (const secret of [keys.wecom, keys.ding, keys.dingSecret, keys.feishu, keys.smtpPass]) expect(r.stderr).not.toContain(secret);
  });

  it("a channel's refusal and its next step are printed in the run's language", async () => {
    const cwd = freshDir(tmp.dir, "notify-fail-zh");
    configure(cwd, "WRONG_WECOM_KEY");
    const r = await run(cwd, ["digest", "--notify", "team", "--lang", "zh"], NOW, envFor());
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toContain("企业微信不认识这个机器人（webhook key 无效）");
    expect(r.stderr).toContain("检查配置所指环境变量里的 key");
    expect(r.stderr).not.toMatch(/does not know this robot|check the key/);
    expect(r.stderr).not.toContain("wecom-key-revoked-000");
  });

  it("one channel failing: exit 5 naming it, the others delivered exactly once", async () => {
    const cwd = freshDir(tmp.dir, "notify-fail");
    configure(cwd, "WRONG_WECOM_KEY");
    const before = {
      ding: fakes.ding.messages.length,
      feishu: fakes.feishu.messages.length,
      slack: fakes.slack.messages.length,
      mail: mails.length,
    };
    const r = await run(cwd, ["digest", "--notify", "team", "--verbose"], NOW, envFor());
    expect(r.exitCode).toBe(5);
    // Every request is logged under --verbose: no token, key, secret or hook path may show.
    for (const secret of [
      keys.wecom,
      "wecom-key-revoked-000",
      keys.ding,
      keys.dingSecret,
      keys.feishu,
      keys.feishuSecret,
      "slackhooktoken0001",
      keys.smtpPass,
    ])
      expect(r.stderr).not.toContain(secret);
    expect(r.stderr).toMatch(/POST .*-> 200/);
    expect(r.stderr).toMatch(/\[wecom:ops-wecom\].*93000/);
    expect(r.stderr).toMatch(/digest not delivered to ops-wecom \(delivered to ops-ding, ops-feishu, ops-slack, boss-mail\)/);
    expect(r.stderr).not.toContain("wecom-key-revoked-000");
    expect(fakes.ding.messages.length - before.ding).toBe(1);
    expect(fakes.feishu.messages.length - before.feishu).toBe(1);
    expect(fakes.slack.messages.length - before.slack).toBe(1);
    expect(mails.length - before.mail).toBe(1);
  });

  it("an unknown channel is a usage error (exit 2) and nothing is sent", async () => {
    const cwd = freshDir(tmp.dir, "notify-unknown");
    configure(cwd);
    const sent = fakes.wecom.messages.length;
    const r = await run(cwd, ["digest", "--notify", "teem"], NOW, envFor());
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/did you mean --notify team\?/);
    expect(fakes.wecom.messages.length).toBe(sent);
  });

  it("a webhook URL written in the config is refused (exit 2) without echoing its token", async () => {
    const cwd = freshDir(tmp.dir, "notify-literal");
    writeFileSync(
      join(cwd, "merchops.config.yaml"),
      "notify:\n  channels:\n    s: { type: slack, webhook: https://hooks.slack.com/services/T1/B2/literalsecrettoken }\n",
    );
    const r = await run(cwd, ["digest"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/notify\.channels\.s\.webhook.*env:NAME/);
    expect(r.stderr).not.toContain("literalsecrettoken");
  });
});
