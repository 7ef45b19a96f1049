/**
 * Team mode's database not there at start (helper F, round 3): the state on PostgreSQL at a port
 * where nothing listens. Exit 5 saying it cannot connect, naming the database (never the password),
 * with the next step for a connection, not the mid-run "last batch rolled back" (nothing ran).
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/remote.js";

const root = mkdtempSync(join(tmpdir(), "merchops-faults-pg-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe("the state database refuses connections at start", () => {
  it("exit 5: cannot connect, the database named, the password nowhere, no rolled-back batch", { timeout: 60_000 }, async () => {
    const port = await closedPort();
    const dir = mkdtempSync(join(root, "pg-"));
    writeFileSync(
      join(dir, "merchops.config.yaml"),
      `state: postgres://merch@127.0.0.1:${port}/merchops_team\nstores:\n  demo: { platform: local }\n`,
    );
    const r = await cli(["kpi", "report", "--store", "demo"], { cwd: dir, env: { PGPASSWORD: "Pg-S3cret-pw-77" } });
    expect(r.exitCode, r.stderr).toBe(5);
    expect(r.stderr).toContain(
      `error: cannot connect to the state store at postgres://merch@127.0.0.1:${port}/merchops_team: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect(r.stderr).toMatch(/check the host, port and database in the state URL/);
    expect(r.stderr).not.toMatch(/rolled back|--resume/);
    expect(r.stderr + r.stdout).not.toContain("Pg-S3cret-pw-77");
  });
});
