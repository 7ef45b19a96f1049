#!/usr/bin/env node
import { spawnSync } from "node:child_process";
// Makes sure a Chromium and a CJK font are available for the HTML e2e test
// (test/e2e/html-chromium.test.ts). Runs as part of npm `pretest`: silent and fast when they are there.
import { accessSync, constants } from "node:fs";
import { aptEnsure } from "./lib/apt.mjs";

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

/** The Chinese reports are checked for tofu: without a CJK font every character is a box. */
function hasCjkFont() {
  const r = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() !== "";
}

aptEnsure({
  packages: ["chromium"],
  why: "for the HTML e2e test",
  hint: "merchops: Chromium not found; the HTML e2e test needs it. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH.",
  isThere: () => findChromium() !== null,
});
aptEnsure({
  packages: ["fonts-noto-cjk"],
  why: "for the zh HTML test",
  hint: "merchops: no CJK font found; the zh HTML test needs one (Debian/Ubuntu: `sudo apt-get install fonts-noto-cjk`).",
  isThere: hasCjkFont,
});
