/**
 * Hostile class: secrets and echoes (issue 13 item 5). Fakes on 127.0.0.1 echo everything they
 * were sent (URL, query, headers) in their error bodies; after runs of the prices feed and of each
 * remote platform adapter and courier, every output stream, every output file and the state database are
 * searched for every form of every secret: raw, URL-encoded, and inside user:password Basic auth.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCli, tempDir } from "../helpers/cli.js";

const SECRETS = {
  feedKey: "FEEDKEY-a1b2c3d4e5",
  feedSig: "SIG+/=q9w8e7r6",
  feedToken: "TOK-z9y8x7w6",
  wcKey: "ck_0123456789abcdef0123",
  wcSecret: "cs_fedcba9876543210fedc",
  shopToken: "shpat_0123456789abcdef",
  yzSecret: "yz-secret-0a1b2c3d4e",
  kdCustomer: "KD100CUST-5f6e7d",
  kdKey: "KD100KEY-a9b8c7d6",
  t17Token: "T17TOKEN-1q2w3e4r",
  asKey: "asat_0a9b8c7d6e5f",
  sfPartner: "SFPARTNER-3e4r5t",
  sfCheckword: "SFCHECK-6y7u8i9o",
};

/** Each tracking provider in a config of its own (one default provider per run), all pointed at the echo fake. */
const COURIERS: Record<string, (base: string) => string> = {
  kuaidi100: (b) => `{ customer: env:KD_CUSTOMER, key: env:KD_KEY, baseUrl: "${b}" }`,
  "seventeen-track": (b) => `{ token: env:T17_TOKEN, baseUrl: "${b}" }`,
  aftership: (b) => `{ apiKey: env:AS_KEY, baseUrl: "${b}" }`,
  "sf-express": (b) => `{ partnerId: env:SF_PARTNER, secret: env:SF_CHECKWORD, baseUrl: "${b}" }`,
};

/** Every form a secret may leak in: raw, URL-encoded, and in a Basic auth header. */
function forms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, "+")];
}
const basic = Buffer.from(`${SECRETS.wcKey}:${SECRETS.wcSecret}`).toString("base64");

let server: http.Server;
let base: string;
const t = tempDir("merchops-hostile-secrets-");

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      // Echo everything back, the way careless APIs do in their error messages.
      const echo = `bad request ${req.method} ${req.url} headers=${JSON.stringify(req.headers)} body=${body}`;
      const token = req.url?.includes("/auth/token");
      res.writeHead(token ? 200 : 400, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          token
            ? { success: false, code: 40001, message: echo }
            : { error: echo, message: echo, code: "echo", errors: [{ message: echo }] },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(
    join(t.dir, "merchops.config.yaml"),
    `prices:
  delayMs: 0
  sources:
    feed:
      type: json
      url: "${base}/search?q={query}&api_key=${SECRETS.feedKey}&sig=${encodeURIComponent(SECRETS.feedSig)}&access_token=${SECRETS.feedToken}"
      retries: 0
      fields: { list: items, title: name, url: link, price: price }
stores:
  wc: { platform: woocommerce, url: "${base}", key: env:WC_KEY, secret: env:WC_SECRET }
  shop: { platform: shopify, shop: "${base}", token: env:SHOP_TOKEN }
  yz: { platform: youzan, clientId: cid, clientSecret: env:YZ_SECRET, kdtId: 1, baseUrl: "${base}" }
`,
  );
  for (const [name, settings] of Object.entries(COURIERS)) {
    writeFileSync(
      join(t.dir, `courier-${name}.yaml`),
      `state: ./.merchops/state.db
couriers:
  ${name}: ${settings(base)}
shipments:
  providers: { default: ${name} }
`,
    );
  }
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  t.cleanup();
});

const env = {
  WC_KEY: SECRETS.wcKey,
  WC_SECRET: SECRETS.wcSecret,
  SHOP_TOKEN: SECRETS.shopToken,
  YZ_SECRET: SECRETS.yzSecret,
  KD_CUSTOMER: SECRETS.kdCustomer,
  KD_KEY: SECRETS.kdKey,
  T17_TOKEN: SECRETS.t17Token,
  AS_KEY: SECRETS.asKey,
  SF_PARTNER: SECRETS.sfPartner,
  SF_CHECKWORD: SECRETS.sfCheckword,
};

/** All bytes the runs left behind: outputs, results files, the state database and its journal. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (!name.endsWith(".yaml")) out.push(p);
  }
  return out;
}

function expectNoSecret(where: string, text: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) {
    for (const f of forms(secret)) expect(text.includes(f), `${name} (${f}) leaked in ${where}`).toBe(false);
  }
  expect(text.includes(basic), `Basic auth leaked in ${where}`).toBe(false);
}

describe("no secret in any output, file or the state database after runs against echoing fakes", () => {
  const runs: [string, string[]][] = [
    [
      "prices feed",
      ["prices", "snapshot", "--query", "dress", "--allow-private", "--allow-insecure", "--verbose", "--json", "--out", "prices.json"],
    ],
    ["woocommerce", ["orders", "sync", "--store", "wc", "--allow-insecure", "--verbose"]],
    ["shopify", ["orders", "sync", "--store", "shop", "--allow-insecure", "--verbose"]],
    ["youzan", ["orders", "sync", "--store", "yz", "--allow-insecure", "--verbose"]],
    // The demo store's parcels, tracked through each courier adapter against the echoing fake.
    ...Object.keys(COURIERS).map((name): [string, string[]] => [
      name,
      ["shipments", "sync", "--config", `courier-${name}.yaml`, "--allow-insecure", "--verbose"],
    ]),
  ];
  const results: [string, CliResult][] = [];

  beforeAll(async () => {
    for (const [name, args] of runs) results.push([name, await runCli(args, { cwd: t.dir, env })]);
  });

  it.each(runs.map(([name]) => name))("%s: fails as a remote or input error, and says so", (name) => {
    const r = results.find(([n]) => n === name)?.[1] as CliResult;
    expect(r.exitCode, r.stderr).not.toBe(0);
    expect(r.exitCode, r.stderr).not.toBe(1);
  });

  it.each(runs.map(([name]) => name))("%s: stdout and stderr carry no secret", (name) => {
    const r = results.find(([n]) => n === name)?.[1] as CliResult;
    expectNoSecret(`${name} stdout`, r.stdout);
    expectNoSecret(`${name} stderr`, r.stderr);
  });

  it("the state database, its journal and every output file carry no secret", () => {
    const files = filesUnder(t.dir);
    expect(files.some((f) => f.endsWith("state.db"))).toBe(true);
    for (const f of files) expectNoSecret(f, readFileSync(f).toString("latin1"));
  });
});
