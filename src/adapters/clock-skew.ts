/**
 * Signed requests carry the sender's time (Taobao TOP, JD, Pinduoduo, SF Express: within about
 * 10 minutes of the gateway's clock). A gateway that refuses the timestamp refuses every retry the
 * same way, so the refusal fails at once, saying which clock to fix: this machine's, or the
 * pretended one of --now / MERCHOPS_NOW, which merchops signs with too.
 */
import { msg } from "../core/i18n/index.js";
import type { ClassifyResult } from "../http/index.js";

const TIMESTAMP_REFUSED = /timestamp|time\s?stamp|时间戳/i;

/** A fail decision when `said` (the gateway's error, as quoted) is about the timestamp; else undefined. */
export function clockSkewRefusal(platform: string, said: string, code?: string): ClassifyResult {
  if (!TIMESTAMP_REFUSED.test(said)) return undefined;
  return {
    action: "fail",
    ...(code !== undefined ? { code } : {}),
    message: msg("hostile.clock.skew", { platform, said }),
    hint: msg("hostile.clock.skew_hint"),
  };
}
