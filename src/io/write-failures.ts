/**
 * A file write the disk refused: full (ENOSPC), over a quota (EDQUOT) or a file-size limit
 * (EFBIG, `ulimit -f`), read-only (EROFS) or failing (EIO). Such an error can come from any write
 * (a report, a results file, a spool file), so the CLI maps what reaches it to a message naming
 * the file; the atomic writer has already removed its temp file, so nothing partial is left.
 */
import { InputError, type MerchopsError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";

const NO_ROOM = new Set(["ENOSPC", "EDQUOT", "EFBIG"]);
const DISK = new Set(["EROFS", "EIO"]);

export function isDiskRefusal(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && (NO_ROOM.has(code) || DISK.has(code));
}

/** The refusal naming `file` (the user's path, not a temp file's), or undefined for any other error. */
export function diskRefusal(e: unknown, file: string): MerchopsError | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== "string") return undefined;
  if (NO_ROOM.has(code)) return new InputError({ file }, msg("hostile.write.no_room", { code }), msg("hostile.write.no_room_hint"));
  if (code === "EROFS") return new InputError({ file }, msg("io.write_denied"), msg("io.write_denied_hint"));
  if (code === "EIO") return new InputError({ file }, msg("hostile.write.io", { code }), msg("hostile.write.io_hint"));
  return undefined;
}

/** A disk refusal that reached the CLI, naming the path the system call was given. */
export function writeFailure(e: unknown): MerchopsError | undefined {
  const path = (e as NodeJS.ErrnoException | null)?.path;
  return isDiskRefusal(e) && typeof path === "string" ? diskRefusal(e, path) : undefined;
}
