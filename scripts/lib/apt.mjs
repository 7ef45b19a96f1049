// What the test-prerequisite scripts share: installing a Debian package when we may (root, Linux,
// apt-get), and saying what to install when we may not. Never fails the run itself: the test
// that needs the tool fails with its own message.
import { spawnSync } from "node:child_process";

export function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

function run(command, args) {
  // stdout goes to stderr: pretest output should not look like test data.
  const result = spawnSync(command, args, {
    stdio: ["ignore", process.stderr, process.stderr],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

let updated = false;

/**
 * Installs `packages` with apt-get when this process may, then asks `isThere()` again. Prints
 * `hint` when it may not install or the install did not help.
 */
export function aptEnsure({ packages, why, hint, isThere }) {
  if (isThere()) return true;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && process.platform === "linux" && hasCommand("apt-get")) {
    process.stderr.write(`merchops: installing ${packages.join(", ")} with apt-get ${why} ...\n`);
    if (!updated) updated = run("apt-get", ["update", "-qq"]);
    if (run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages]) && isThere()) return true;
  }
  process.stderr.write(`${hint}\n`);
  return false;
}
