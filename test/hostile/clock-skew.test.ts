/**
 * Clock skew in signed requests: Pinduoduo's gateway (the fake checks the 10-minute window from
 * its own clock) refuses a timestamp 11 minutes off. One request, no retry loop, exit 5 with a
 * message that says it is the clock (this machine's or --now's); 9 minutes off still works.
 * The same test applies to Taobao, JD and SF Express refusals through their error text.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockSkewRefusal } from "../../src/adapters/clock-skew.js";
import { english } from "../../src/core/i18n/index.js";
import { type FakePdd, startFakePdd } from "../fakes/marketplaces/pdd/index.js";
import { runCli, tempDir } from "../helpers/cli.js";

const NOW = "2026-12-07T10:00:00+08:00";
const t = tempDir("merchops-hostile-skew-");
let gatewayMs = Date.parse(NOW);
let pdd: FakePdd;

beforeAll(async () => {
  pdd = await startFakePdd({ now: () => gatewayMs });
  writeFileSync(
    join(t.dir, "merchops.config.yaml"),
    `prices:\n  delayMs: 0\n  sources:\n    pdd: { type: pdd, appKey: env:PDD_ID, appSecret: env:PDD_SECRET, pid: env:PDD_PID, gateway: "${pdd.url}/api/router", retries: 3 }\n`,
  );
});
afterAll(async () => {
  await pdd.close();
  t.cleanup();
});

const snapshot = () =>
  runCli(["prices", "snapshot", "--query", "连衣裙", "--allow-private", "--quiet"], {
    cwd: t.dir,
    env: { MERCHOPS_NOW: NOW, PDD_ID: pdd.clientId, PDD_SECRET: pdd.clientSecret, PDD_PID: pdd.pid },
  });

describe("a signed request the gateway finds too old or too new", () => {
  it("11 minutes off: one request, exit 5, the clock named as the cause", async () => {
    gatewayMs = Date.parse(NOW) + 11 * 60_000;
    const before = pdd.stats.requests;
    const r = await snapshot();
    expect(r.exitCode, r.stderr).toBe(5);
    expect(pdd.stats.requests - before).toBe(1);
    expect(r.stderr).toMatch(/Pinduoduo refused the request's timestamp \(error_code 10001, .*timestamp 与服务器时间相差超过10分钟/);
    expect(r.stderr).toMatch(/set this machine's clock right .*MERCHOPS_NOW/);
  });

  it("9 minutes off is inside the window: the snapshot is taken", async () => {
    gatewayMs = Date.parse(NOW) - 9 * 60_000;
    const r = await snapshot();
    expect(r.exitCode, r.stderr).toBe(0);
  });
});

describe("timestamp refusals of the other signing gateways", () => {
  it.each([
    ["Taobao", "code 31, Invalid timestamp"],
    ["JD", "code 19, 时间戳错误, invalid time stamp"],
    ["SF Express", "A1010 timestamp 已过期"],
  ])("%s: fails at once, naming the clock", (platform, said) => {
    const r = clockSkewRefusal(platform, said, "x");
    expect(r?.action).toBe("fail");
    expect(r && r.action === "fail" ? english(r.message) : "").toContain(`${platform} refused the request's timestamp (${said})`);
  });

  it("other refusals are left to the wire's own classification", () => {
    expect(clockSkewRefusal("Taobao", "code 25, Invalid signature")).toBeUndefined();
  });
});
