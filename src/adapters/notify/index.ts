/**
 * Opens the channels `--notify` names: a channel under notify.channels, or a group under
 * notify.groups naming several. Secrets (env:NAME) are resolved here, when a channel is used.
 */
import type { NotifyChannelConfig } from "../../core/digest/config.js";
import { dingtalkChannel } from "./dingtalk.js";
import { emailChannel } from "./email.js";
import { feishuChannel } from "./feishu.js";
import { slackChannel } from "./slack.js";
import type { ChannelContext, NotifyChannel } from "./types.js";
import { wecomChannel } from "./wecom.js";

export { type ChannelContext, type Delivery, type NotifyChannel, NotifyError, type SendResult } from "./types.js";

/** `config` has its env:NAME references resolved. */
export function openChannel(name: string, config: NotifyChannelConfig, ctx: ChannelContext): NotifyChannel {
  const c = config;
  const channelCtx: ChannelContext = { ...ctx, ...(config.lang ? { lang: config.lang } : {}), ...(config.top ? { top: config.top } : {}) };
  switch (c.type) {
    case "wecom":
      return wecomChannel(name, c, channelCtx);
    case "dingtalk":
      return dingtalkChannel(name, c, channelCtx);
    case "feishu":
      return feishuChannel(name, c, channelCtx);
    case "slack":
      return slackChannel(name, c, channelCtx);
    case "email":
      return emailChannel(name, c, channelCtx);
  }
}
