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
import { type ChannelRecord, DigestDeliveries } from "../store/digest-deliveries.js";
import type { RunContext } from "./context.js";
import { type DigestReport, newFindingIds, withNewAgain } from "./digest.js";

export interface ChannelOutcome {
  channel: string;
  type: string;
  /** skipped: the channel already got this digest today (a re-run sends only to the others). */
  status: "delivered" | "failed" | "skipped";
  /** For skipped: when it was delivered (or may have been). */
  delivered_at?: string;
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

export interface DeliveredDigest {
  /** Per channel, in the order given: delivered, failed or skipped (already delivered today). */
  outcomes: ChannelOutcome[];
  /** The reports actually sent (the day's report, and one with the findings a channel missed). */
  sent: DigestReport[];
}

function channelRecord(o: ChannelOutcome, at: string, missedBefore: readonly string[], sent: DigestReport): ChannelRecord {
  if (o.status === "delivered") return { status: "delivered", at, missed: [] };
  if (o.outcome === "unknown") return { status: "unknown", at, missed: [] };
  return { status: "failed", at, missed: [...new Set([...missedBefore, ...newFindingIds(sent)])] };
}

/**
 * Delivers a digest at most once a day per channel (the digest of these stores and period): a
 * re-run, such as a cron retry after exit 5, sends only to the channels that did not get it, and
 * shows them the findings they missed as new (the memory counts them as reported, since another
 * channel got them). A channel that got it is sent to again only when there is something new, or
 * with `resend`. A channel whose outcome is unknown (may have arrived) counts as delivered.
 */
export async function deliverOncePerDay(
  ctx: RunContext,
  channels: readonly NotifyChannel[],
  report: DigestReport,
  opts: { stores: readonly string[]; period: string; resend: boolean },
  send: (report: DigestReport, channels: readonly NotifyChannel[]) => Promise<ChannelOutcome[]>,
): Promise<DeliveredDigest> {
  const day = report.generatedAt.slice(0, 10);
  const record = new DigestDeliveries(await ctx.state(), opts.stores, opts.period);
  const before = await record.load(day);
  const nothingNew = report.counts.new === 0;
  const outcomes = new Map<string, ChannelOutcome>();
  const groups = new Map<string, { report: DigestReport; channels: NotifyChannel[] }>();
  for (const c of channels) {
    const last = before[c.name];
    if (!opts.resend && last && last.status !== "failed" && nothingNew) {
      outcomes.set(c.name, { channel: c.name, type: c.type, status: "skipped", delivered_at: last.at });
      continue;
    }
    const r = last?.status === "failed" ? withNewAgain(report, new Set(last.missed)) : report;
    const group = groups.get(r.id) ?? { report: r, channels: [] };
    group.channels.push(c);
    groups.set(r.id, group);
  }
  const after: Record<string, ChannelRecord> = { ...before };
  const at = new Date(report.generatedAt).toISOString();
  for (const g of groups.values()) {
    // One channel at a time, recorded at once: a run stopped half way (Ctrl-C) does not send twice when run again.
    for (const c of g.channels) {
      for (const o of await send(g.report, [c])) {
        outcomes.set(o.channel, o);
        after[o.channel] = channelRecord(o, at, before[o.channel]?.missed ?? [], g.report);
      }
      await record.save(day, after);
    }
  }
  return {
    outcomes: channels.map((c) => outcomes.get(c.name)).filter((o): o is ChannelOutcome => o !== undefined),
    sent: [...groups.values()].map((g) => g.report),
  };
}
