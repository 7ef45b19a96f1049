// Preload for the benchmark's child processes (node --import ./bench/rss-probe.mjs ...): when the
// process exits, writes its peak resident set size (getrusage ru_maxrss, in KiB on Linux) to the
// file named by BENCH_RSS_FILE. No effect without that variable.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
