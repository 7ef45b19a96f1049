/**
 * Atomic file replacement: readers of `path` see the old file or the new one, never half a file.
 *
 * The data goes to a temp file in the same directory (same file system, so rename is atomic),
 * is fsynced, then renamed over the target; the directory is fsynced afterwards (best effort).
 * On any failure the temp file is removed. An existing target's permission bits are kept.
 * Writes to the same path from this process are serialised (last call wins, in call order).
 */
import { type FileHandle, open, rename, stat, unlink } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { InputError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";
import { refuseInputAsOutput } from "./input-path.js";
import { removeStaleTemps, tempPathFor } from "./temp-files.js";
import { diskRefusal } from "./write-failures.js";

const queues = new Map<string, Promise<void>>();

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const key = resolve(path);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(() => writeNow(path, key, data));
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  try {
    await run;
  } finally {
    if (queues.get(key) === tail) queues.delete(key);
  }
}

async function writeNow(path: string, abs: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(abs);
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) {
      throw new InputError({ file: path }, msg("io.write_not_dir", { dir: dirname(path) }), msg("io.choose_other_path"));
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") {
      throw new InputError({ file: path }, msg("io.dir_missing"), msg("io.dir_missing_hint", { dir: dirname(path) }));
    }
    throw e;
  }

  let mode: number | undefined;
  try {
    const target = await stat(abs);
    if (target.isDirectory()) {
      throw new InputError({ file: path }, msg("io.out_is_dir"), msg("io.out_is_dir_hint"));
    }
    // /dev/stdout, /dev/null, a FIFO a reader waits on: renaming a temp file over it would replace
    // the device or the pipe with a plain file (as root, /dev/null itself). Write into it instead.
    if (!target.isFile()) return writeInto(path, abs, data);
    await refuseInputAsOutput(path);
    mode = target.mode & 0o7777;
  } catch (e) {
    if (e instanceof InputError) throw e;
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }

  await removeStaleTemps(abs);
  const tmp = tempPathFor(abs);
  let fh: FileHandle | undefined;
  try {
    try {
      fh = await open(tmp, "wx", mode ?? 0o666);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
        throw new InputError({ file: path }, msg("io.write_denied"), msg("io.write_denied_hint"));
      }
      throw e;
    }
    if (mode !== undefined) await fh.chmod(mode);
    await fh.writeFile(data);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, abs);
  } catch (e) {
    if (fh !== undefined) await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    // A full disk or a file-size limit: named on the user's path; the temp file is gone, the old file intact.
    throw diskRefusal(e, path) ?? e;
  }
  await syncDir(dir);
}

/** Writes into a device or a pipe as it is: there is no file to replace, so nothing to make atomic. */
async function writeInto(path: string, abs: string, data: string | Uint8Array): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(abs, "w");
    await fh.writeFile(data);
  } catch (e) {
    throw diskRefusal(e, path) ?? e;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

async function syncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, "r");
    await fh.sync();
  } catch {
    // Not supported everywhere (Windows); the rename itself is already atomic.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}
