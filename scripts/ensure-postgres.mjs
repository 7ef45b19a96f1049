#!/usr/bin/env node
// Makes sure PostgreSQL's server binaries are there for the team-mode tests, which start a
// throwaway cluster of their own (test/helpers/pg-cluster.ts). Runs as part of npm `pretest`.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { aptEnsure, hasCommand } from "./lib/apt.mjs";

// Keep in sync with findBinDir() in test/helpers/pg-cluster.ts.
function hasServerBinaries() {
  if (hasCommand("initdb")) return true;
  const root = "/usr/lib/postgresql";
  return existsSync(root) && readdirSync(root).some((version) => existsSync(join(root, version, "bin", "initdb")));
}

aptEnsure({
  packages: ["postgresql"],
  why: "for the team-mode tests",
  hint: "merchops: PostgreSQL server binaries (initdb) not found; the team-mode tests need them (Debian/Ubuntu: `sudo apt-get install postgresql`).",
  isThere: hasServerBinaries,
});
