#!/usr/bin/env node
// Makes sure a Chromium is available for the HTML e2e test (test/e2e/html-chromium.test.ts).
// Runs as npm `pretest`: silent and fast when Chromium is already there, never fails the run itself
// (the e2e test fails with its own message when no browser can be found).
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

// Keep in sync with findChromium() in test/helpers/chromium.ts.
function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return null;
}

function hasAptGet() {
  return spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

function run(command, args) {
  // stdout goes to stderr: pretest output should not look like test data.
  const result = spawnSync(command, args, {
    stdio: ["ignore", process.stderr, process.stderr],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

const hint =
  "merchops: Chromium not found; the HTML e2e test needs it. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH.";

if (findChromium() === null) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && process.platform === "linux" && hasAptGet()) {
    process.stderr.write("merchops: installing Chromium with apt-get for the HTML e2e test ...\n");
    const ok = run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", "chromium"]);
    if (!ok || findChromium() === null) process.stderr.write(`${hint}\n`);
  } else {
    process.stderr.write(`${hint}\n`);
  }
}
