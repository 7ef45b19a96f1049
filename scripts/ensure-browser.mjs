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

/** The Chinese reports are checked for tofu: without a CJK font every character is a box. */
function hasCjkFont() {
  const r = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() !== "";
}

const cjkHint = "merchops: no CJK font found; the zh HTML test needs one (Debian/Ubuntu: `sudo apt-get install fonts-noto-cjk`).";

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

if (!hasCjkFont()) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && process.platform === "linux" && hasAptGet()) {
    process.stderr.write("merchops: installing fonts-noto-cjk with apt-get for the zh HTML test ...\n");
    if (!run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "fonts-noto-cjk"]) || !hasCjkFont())
      process.stderr.write(`${cjkHint}\n`);
  } else {
    process.stderr.write(`${cjkHint}\n`);
  }
}
