/**
 * A throwaway PostgreSQL cluster for the tests: initdb into a temp folder, a random port on
 * 127.0.0.1 and its unix socket in that folder, trust auth for the test superuser; stopped and
 * removed after. Binaries: `initdb`/`pg_ctl` on PATH, else Debian's /usr/lib/postgresql/N/bin
 * (.ci/run installs Debian's postgresql package when neither is there).
 *
 * Postgres refuses to run as root: as root, the cluster is owned by and run as the `postgres`
 * user (Debian's package creates it), else `nobody`, through runuser.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PgCluster {
  /** postgres://merchops@127.0.0.1:PORT/postgres */
  adminUrl: string;
  port: number;
  dir: string;
  stop(): void;
}

function findBinDir(): string {
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (onPath) {
    const real = spawnSync("readlink", ["-f", onPath], { encoding: "utf8" }).stdout.trim() || onPath;
    return join(real, "..");
  }
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], "bin");
  }
  throw new Error(
    "no PostgreSQL server binaries (initdb) found: install Debian's postgresql package (apt-get install postgresql), as .ci/run does",
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The user to run the server as, when we are root. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    const r = spawnSync("id", ["-u", name], { encoding: "utf8" });
    if (r.status === 0) {
      const gid = Number(spawnSync("id", ["-g", name], { encoding: "utf8" }).stdout.trim());
      return { name, uid: Number(r.stdout.trim()), gid };
    }
  }
  throw new Error("running as root and no postgres or nobody user to run the test server as");
}

export async function startCluster(): Promise<PgCluster> {
  const bin = findBinDir();
  const dir = mkdtempSync(join(tmpdir(), "merchops-pg-"));
  const data = join(dir, "data");
  const user = serverUser();
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = user ? ["runuser", ["-u", user.name, "--", join(bin, cmd), ...args]] : [join(bin, cmd), args];
    execFileSync(file, argv, { stdio: "pipe", cwd: dir });
  };
  run("initdb", ["-D", data, "-U", "merchops", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  // fsync off: a test cluster need not survive a power cut; it makes initdb and commits fast.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run("pg_ctl", ["-D", data, "-o", opts, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  return {
    adminUrl: `postgres://merchops@127.0.0.1:${port}/postgres`,
    port,
    dir,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
