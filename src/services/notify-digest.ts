/**
 * Delivers a digest to the channels `--notify` names. Every channel is opened (its config and
 * env:NAME secrets checked) before anything is sent, so a configuration mistake sends nothing;
 * then each channel is sent to once, and one failing never stops the others.
 */
import { type Delivery, type NotifyChannel, NotifyError, openChannel } from "../adapters/notify/index.js";
import { resolveEnvRefs, suggest } from "../config/load.js";
import type { NotifyChannelConfig } from "../core/digest/config.js";
import { MerchopsError, UsageError } from "../core/errors.js";
import { type Locale, type Message, msg } from "../core/i18n/index.js";
import type { RunContext } from "./context.js";

export interface ChannelOutcome {
  channel: string;
  type: string;
  status: "delivered" | "failed";
  /** For failures: "not_sent" (nothing arrived) or "unknown" (may have arrived; not retried). */
  outcome?: "not_sent" | "unknown";
  error?: string;
  hint?: string;
  /** The error and hint as catalog messages, for the screen in the run's language (JSON keeps the English). */
  errorText?: Message | string;
  hintText?: Message | string;
  shortened?: boolean;
  size?: number;
  limit?: number | null;
  unit?: "bytes" | "characters" | null;
}

/** Channel names from --notify values: a channel, or a group of channels; each once, in order. */
export function resolveChannelNames(ctx: RunContext, names: readonly string[]): string[] {
  const notify = ctx.opts.loaded.config.notify ?? {};
  const channels = notify.channels ?? {};
  const groups = notify.groups ?? {};
  const out: string[] = [];
  const known = [...Object.keys(channels), ...Object.keys(groups)];
  for (const n of names) {
    const members = groups[n] ?? (channels[n] ? [n] : undefined);
    if (!members) {
      const near = suggest(n, known);
      throw new UsageError(
        msg("digest.notify_unknown", { name: n, known: known.length ? msg("digest.notify_configured", { names: known.join(", ") }) : "" }),
        near ? msg("digest.notify_did_you_mean", { name: near }) : msg("digest.notify_add"),
      );
    }
    for (const m of members) {
      if (!channels[m]) {
        throw new UsageError(msg("digest.notify_group_member", { group: n, channel: m }), msg("digest.notify_group_hint"));
      }
      if (!out.includes(m)) out.push(m);
    }
  }
  return out;
}

export function openChannels(ctx: RunContext, names: readonly string[], lang: Locale): NotifyChannel[] {
  const loaded = ctx.opts.loaded;
  const channels = loaded.config.notify?.channels ?? {};
  return names.map((name) => {
    const config = resolveEnvRefs(channels[name], ["notify", "channels", name], loaded) as NotifyChannelConfig;
    return openChannel(name, config, {
      baseDir: loaded.baseDir,
      log: ctx.log,
      now: () => ctx.now(),
      lang,
      ...(ctx.opts.signal ? { signal: ctx.opts.signal } : {}),
      network: { allowInsecure: Boolean(ctx.opts.network?.allowInsecure) },
    });
  });
}

export async function deliver(channels: readonly NotifyChannel[], delivery: Delivery): Promise<ChannelOutcome[]> {
  const outcomes: ChannelOutcome[] = [];
  for (const c of channels) {
    try {
      const r = await c.send(delivery);
      outcomes.push({ channel: c.name, type: c.type, status: "delivered", ...r });
    } catch (e) {
      if (!(e instanceof MerchopsError) || e.exitCode === 130) throw e;
      outcomes.push({
        channel: c.name,
        type: c.type,
        status: "failed",
        outcome: e instanceof NotifyError ? e.outcome : "not_sent",
        error: e.message,
        ...(e.hint ? { hint: e.hint } : {}),
        errorText: e.text,
        ...(e.hintText !== undefined ? { hintText: e.hintText } : {}),
      });
    } finally {
      await c.close?.();
    }
  }
  return outcomes;
}
