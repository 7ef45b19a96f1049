/**
 * Digest channels that misbehave the way real ones do (helper F, round 3): Slack answering 200 with
 * its Web API envelope `{"ok":false,"error":"channel_not_found"}` or a proxy's HTML login page
 * (neither posted anything: never counted as delivered); SMTP's temporary 4xx (451 greylisting,
 * come back later) against a permanent 5xx, each with its own next step; and a connection lost
 * after the message data went out (the server may have taken it: unknown, never sent twice).
 * Counted by the servers' own logs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { type ChannelContext, type Delivery, NotifyError, openChannel } from "../../src/adapters/notify/index.js";
import type { NotifyChannelConfig } from "../../src/core/digest/config.js";
import { english } from "../../src/core/i18n/index.js";
import { type FakeReply, startFakeServer } from "../fakes/lib/index.js";
import { REPO } from "../helpers/cli.js";

const ctx: ChannelContext = {
  baseDir: REPO,
  log: { info: () => {}, warn: () => {}, debug: () => {} },
  now: () => new Date("2026-11-25T01:00:00Z"),
  lang: "en",
};

const delivery: Delivery = {
  message: () => ({
    title: "merchops digest 2026-11-24 (demo): 1 new finding",
    allClear: false,
    counts: [{ label: "KPI breaches", count: 1 }],
    lines: [{ text: "ROAS social 1.90 (threshold >= 3)", section: "kpi", store: "demo" }],
    more: 0,
    stillOpen: 0,
    report: { path: ".merchops/digests/x/index.html" },
  }),
  html: "<html><body><h1>digest</h1></body></html>",
  attachments: [],
  id: "0123456789abcdef01234567",
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function failure(p: Promise<unknown>): Promise<NotifyError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(NotifyError);
  return e as NotifyError;
}

const HOOK = "/services/T0F/B0F/faultshookpath01";

/** Something at the webhook's address answering `reply` to every POST; counts the posts. */
async function webhook(reply: FakeReply): Promise<{ url: string; posts: () => number }> {
  let posts = 0;
  const fake = await startFakeServer({
    route: (method) =>
      method === "POST"
        ? () => {
            posts++;
            return reply;
          }
        : undefined,
  });
  closers.push(() => fake.close());
  return { url: `${fake.url}${HOOK}`, posts: () => posts };
}

describe("Slack: a 200 that is not a delivery", () => {
  it('{"ok":false,"error":"channel_not_found"}: not sent, Slack\'s word and its next step, one request', async () => {
    const w = await webhook({ status: 200, json: { ok: false, error: "channel_not_found" } });
    const e = await failure(openChannel("sl", { type: "slack", webhook: w.url }, ctx).send(delivery));
    expect(e.outcome).toBe("not_sent");
    expect(e.message).toMatch(/^\[slack:sl\] .*channel_not_found/);
    expect(e.hint).toBeTruthy();
    expect(e.message).not.toContain("faultshookpath01");
    expect(w.posts()).toBe(1);
  });

  it("a proxy's HTML login page with status 200: not sent, the page's title, no markup", async () => {
    const w = await webhook({
      status: 200,
      headers: { "content-type": "text/html" },
      text: "<!DOCTYPE html><html><head><title>Guest Wi-Fi &amp; Login</title></head><body><form></form></body></html>",
    });
    const e = await failure(openChannel("sl", { type: "slack", webhook: w.url }, ctx).send(delivery));
    expect(e.outcome).toBe("not_sent");
    expect(e.message).toBe(
      '[slack:sl] an HTML page ("Guest Wi-Fi & Login") answered instead of the service (code 200); nothing was posted',
    );
  });

  it('a workflow trigger\'s {"ok":true} and a webhook\'s "ok" are deliveries', async () => {
    for (const reply of [{ json: { ok: true } }, { text: "ok" }] as FakeReply[]) {
      const w = await webhook({ status: 200, ...reply });
      await openChannel("sl", { type: "slack", webhook: w.url }, ctx).send(delivery);
      expect(w.posts()).toBe(1);
    }
  });
});

describe("SMTP: temporary, permanent, and lost after the data", () => {
  const CERT = join(REPO, "test", "fixtures", "smtp");

  /** A submission server (STARTTLS, AUTH) that refuses recipients with `rcpt`, or drops the connection after the data. */
  async function smtp(opts: { rcpt?: [number, string]; dropAfterData?: boolean }) {
    let transactions = 0;
    const server = new SMTPServer({
      key: readFileSync(join(CERT, "server-key.pem")),
      cert: readFileSync(join(CERT, "server-cert.pem")),
      authMethods: ["PLAIN", "LOGIN"],
      onAuth: (auth, _s, cb) => (auth.password === "smtp-pass-123" ? cb(null, { user: auth.username }) : cb(new Error("535 auth failed"))),
      onRcptTo(_address, _session, cb) {
        transactions++;
        if (!opts.rcpt) return cb();
        const err = Object.assign(new Error(opts.rcpt[1]), { responseCode: opts.rcpt[0] });
        cb(err);
      },
      onData(stream, session, cb) {
        stream.resume();
        stream.on("end", () => {
          if (!opts.dropAfterData) return cb();
          // The whole message arrived; the connection goes before the 250: the sender cannot know.
          const conns = (server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }).connections;
          for (const c of conns) if (c.id === session.id) c._socket.destroy();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.server.address() as { port: number }).port;
    const config = {
      type: "email",
      host: "127.0.0.1",
      port,
      user: "merchops",
      password: "smtp-pass-123",
      from: "merchops@example.com",
      to: ["ops@example.com"],
      caFile: "test/fixtures/smtp/server-cert.pem",
      timeoutSeconds: 5,
    } as NotifyChannelConfig;
    return { config, transactions: () => transactions };
  }

  it("451 greylisting: not sent; the next step says come back in a few minutes (a re-run sends only to it)", async () => {
    const s = await smtp({ rcpt: [451, "4.7.1 Greylisted, please try again later"] });
    const e = await failure(openChannel("mail", s.config, ctx).send(delivery));
    expect(e.outcome).toBe("not_sent");
    expect(e.message).toMatch(/451 4\.7\.1 Greylisted/);
    expect(english(e.hintText ?? "")).toMatch(/refused for now \(451: greylisting.*run the digest again in a few minutes/);
    expect(s.transactions()).toBe(1);
  });

  it("550 unknown user: not sent; the next step says it will not change by itself", async () => {
    const s = await smtp({ rcpt: [550, "5.1.1 User unknown"] });
    const e = await failure(openChannel("mail", s.config, ctx).send(delivery));
    expect(e.outcome).toBe("not_sent");
    expect(english(e.hintText ?? "")).toMatch(/refused for good \(550\).*from and to addresses/);
  });

  it("the connection lost after the message data went out: unknown (may have arrived), not sent again", async () => {
    const s = await smtp({ dropAfterData: true });
    const e = await failure(openChannel("mail", s.config, ctx).send(delivery));
    expect(e.outcome).toBe("unknown");
    expect(e.message).not.toContain("smtp-pass-123");
    expect(s.transactions()).toBe(1);
  });
});
