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
import { msg } from "../../core/i18n/index.js";
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

/** Before the message data went out, or refused by a reply: nothing was delivered. */
function outcomeOf(e: SmtpFailure): "not_sent" | "unknown" {
  if (e.responseCode !== undefined && e.responseCode >= 400) return "not_sent";
  if (["ECONNECTION", "EAUTH", "ETLS", "EENVELOPE", "EMESSAGE", "EDNS", "ECONFIG"].includes(e.code ?? "")) return "not_sent";
  return e.command === "DATA" || e.command === undefined ? "unknown" : "not_sent";
}

export function emailChannel(name: string, config: EmailConfig, ctx: ChannelContext): NotifyChannel {
  const port = config.port ?? 587;
  const implicitTls = port === 465;
  const timeout = Math.round((config.timeoutSeconds ?? 30) * 1000);
  const transport = nodemailer.createTransport({
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
        const outcome = outcomeOf(f);
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
          msg(
            f.code === "EAUTH"
              ? "adapter.notify.email.auth_hint"
              : f.code === "ETLS" || /STARTTLS/i.test(what)
                ? "adapter.notify.email.tls_hint"
                : "adapter.notify.email.host_hint",
          ),
        );
      }
      return { shortened: false, size: Buffer.byteLength(d.html), limit: null, unit: null };
    },
    async close() {
      transport.close();
    },
  };
}
