/**
 * E-mail over SMTP with nodemailer: the digest as the HTML body (the short message as the text
 * part), the full reports attached. On a plain port (587) STARTTLS is required before the password
 * is sent; 465 is implicit TLS. A message is sent once: SMTP has no dedupe key, so after a timeout
 * once the message data went out the outcome is unknown and it is not sent again. The Message-ID
 * is stable per digest, which lets mail clients fold a copy sent by hand afterwards.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import nodemailer from "nodemailer";
import { type Message, msg } from "../../core/i18n/index.js";
import { bodyText } from "./render.js";
import { type ChannelContext, type Delivery, type NotifyChannel, NotifyError, type SendResult } from "./types.js";

export interface EmailConfig {
  host: string;
  port?: number;
  starttls?: boolean;
  user?: string;
  password?: string;
  from: string;
  to: string[];
  cc?: string[];
  caFile?: string;
  timeoutSeconds?: number;
}

/** nodemailer's error, as far as we read it. */
interface SmtpFailure {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * Refused by a reply, or failed before the server said 354 (go ahead) to DATA: nothing was
 * delivered. A connection lost once the message data went out may have left it delivered (the
 * server may have taken it just before: RFC 1047's duplicate), so it is not sent again.
 */
function outcomeOf(e: SmtpFailure, dataStarted: boolean): "not_sent" | "unknown" {
  if (e.responseCode !== undefined && e.responseCode >= 400) return "not_sent";
  if (dataStarted) return "unknown";
  if (["ECONNECTION", "ESOCKET", "EAUTH", "ETLS", "EENVELOPE", "EMESSAGE", "EDNS", "ECONFIG"].includes(e.code ?? "")) return "not_sent";
  return e.command === "DATA" || e.command === undefined ? "unknown" : "not_sent";
}

/** The next step by the server's reply: 4xx asks to come back later (greylisting), 5xx will not change. */
function hintFor(f: SmtpFailure, what: string): Message {
  if (f.code === "EAUTH") return msg("adapter.notify.email.auth_hint");
  if (f.code === "ETLS" || /STARTTLS/i.test(what)) return msg("adapter.notify.email.tls_hint");
  const reply = f.responseCode;
  if (reply !== undefined && reply >= 400 && reply < 500) return msg("faults.email.temporary_hint", { code: String(reply) });
  if (reply !== undefined && reply >= 500) return msg("faults.email.permanent_hint", { code: String(reply) });
  return msg("adapter.notify.email.host_hint");
}

/**
 * A nodemailer logger that notes when the server answers DATA with 354: from then on the message
 * is going out. Every other line is dropped (they hold the message and the AUTH exchange).
 */
function dataWatch(): { logger: Record<string, unknown>; started(): boolean; reset(): void } {
  let started = false;
  const watch = (meta: unknown, line: unknown) => {
    // Only the server's replies: a line of the message itself may start with "354" too.
    if ((meta as { tnx?: unknown } | undefined)?.tnx === "server" && typeof line === "string" && /^354\b/.test(line)) started = true;
  };
  const logger: Record<string, unknown> = {};
  for (const level of ["trace", "debug", "info", "warn", "error", "fatal"]) logger[level] = watch;
  logger.child = () => logger;
  return {
    logger,
    started: () => started,
    reset: () => {
      started = false;
    },
  };
}

export function emailChannel(name: string, config: EmailConfig, ctx: ChannelContext): NotifyChannel {
  const port = config.port ?? 587;
  const implicitTls = port === 465;
  const timeout = Math.round((config.timeoutSeconds ?? 30) * 1000);
  const watch = dataWatch();
  const transport = nodemailer.createTransport({
    logger: watch.logger as never,
    debug: true,
    host: config.host,
    port,
    secure: implicitTls,
    requireTLS: !implicitTls && config.starttls !== false,
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? "" } } : {}),
    ...(config.caFile ? { tls: { ca: readFileSync(resolve(ctx.baseDir, config.caFile)) } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  const secrets = [config.password, config.user].filter((s): s is string => Boolean(s && s.length >= 4));
  const mask = (s: string) => secrets.reduce((t, v) => t.split(v).join("***"), s);
  return {
    name,
    type: "email",
    async send(d: Delivery): Promise<SendResult> {
      const message = d.message(ctx.lang, ctx.top);
      watch.reset();
      try {
        await transport.sendMail({
          from: config.from,
          to: config.to,
          ...(config.cc ? { cc: config.cc } : {}),
          subject: message.title,
          text: bodyText(message, ctx.lang, "markdown"),
          html: d.html,
          messageId: `<${d.id}@merchops.digest>`,
          attachments: d.attachments.map((a) => ({
            filename: a.filename,
            content: typeof a.content === "string" ? a.content : Buffer.from(a.content),
            contentType: a.contentType,
          })),
        });
      } catch (e) {
        const f = e as SmtpFailure;
        const outcome = outcomeOf(f, watch.started());
        const what = mask(f.response ?? f.message ?? "SMTP error");
        throw new NotifyError(
          name,
          outcome,
          msg(outcome === "unknown" ? "adapter.notify.email.maybe_delivered" : "adapter.notify.email.not_sent", {
            name,
            server: `${config.host}:${port}`,
            what,
            code: f.code ? ` (${f.code})` : "",
          }),
          hintFor(f, what),
        );
      }
      return { shortened: false, size: Buffer.byteLength(d.html), limit: null, unit: null };
    },
    async close() {
      transport.close();
    },
  };
}
