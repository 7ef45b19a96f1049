// Summarizes a V8 .cpuprofile (node --cpu-prof): the top functions by self time, with file:line
// (1-based), and the top by total (inclusive) time.
//
//   node bench/profile-summary.mjs <file.cpuprofile> [top=25]
import { readFileSync } from "node:fs";
import { relative } from "node:path";

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node bench/profile-summary.mjs <file.cpuprofile> [top]\n");
  process.exit(2);
}
const top = Number(topArg ?? 25);
// Piped into head: stop quietly when the reader goes away.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

// Self time per node from the sample stream (timeDeltas[i] is the time before sample i).
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const where = (cf) => {
  let url = cf.url || "";
  if (url.startsWith("file://")) url = relative(process.cwd(), new URL(url).pathname);
  const name = cf.functionName || "(anonymous)";
  return url ? `${name} ${url}:${cf.lineNumber + 1}` : name;
};

const self = new Map();
const inclusive = new Map();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  const key = where(node.callFrame);
  self.set(key, (self.get(key) ?? 0) + us);
  // Inclusive: count the sample once per distinct function on its stack.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = where(byId.get(cur).callFrame);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
}

const print = (title, m) => {
  process.stdout.write(`${title} (of ${(total / 1000).toFixed(0)} ms sampled)\n`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}\n`);
  }
};
print("self time", self);
process.stdout.write("\n");
print("total time", inclusive);
