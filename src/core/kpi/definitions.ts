/**
 * The KPI registry: every metric the report prints, with its formula, its date basis and the
 * threshold it is checked against. The same word means different things on different platforms
 * (Shopify's AOV is per order, 生意参谋's 客单价 per paying buyer), so each definition says which.
 */

import { english, type MessageId, type MessageParams, msg } from "../i18n/index.js";

export type MetricUnit = "integer" | "money" | "percent" | "ratio" | "duration";

export type ConversionBasis = "buyers-per-visitor" | "orders-per-session" | "orders-per-visitor";

export interface Thresholds {
  /** Conversion rate normal band: below min is a breach (DIGEST 5.1: 3%-5%). */
  conversionRateMin: number;
  conversionRateMax: number;
  organicShareMin: number;
  roasMin: number;
  returnRateMax: number;
  csatMin: number;
  chatFirstResponseMaxSeconds: number;
  ticketFirstResponseMaxHours: number;
  /** Share of tickets that must get a first reply within ticketFirstResponseMaxHours. */
  ticketWithinTargetMin: number;
  resolutionRateMin: number;
  /** Share of deliveries within the courier's SLA (shipments sync). */
  onTimeDeliveryMin: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  conversionRateMin: 0.03,
  conversionRateMax: 0.05,
  organicShareMin: 0.2,
  roasMin: 3,
  returnRateMax: 0.15,
  csatMin: 0.95,
  chatFirstResponseMaxSeconds: 30,
  ticketFirstResponseMaxHours: 24,
  ticketWithinTargetMin: 0.95,
  resolutionRateMin: 0.98,
  onTimeDeliveryMin: 0.95,
};

export interface ThresholdRule {
  op: ">=" | "<=";
  value: number;
  /** The config key that sets it, so the report can say where to change it. */
  key: keyof Thresholds;
}

export interface MetricDefinition {
  id: string;
  label: string;
  labelZh: string;
  unit: MetricUnit;
  group: "traffic" | "sales" | "returns" | "marketing" | "logistics" | "support";
  /** In English (JSON, tests); the catalog has it in every language under kpi.formula.<id>. */
  formula: string;
  /** Which records count and by which date; kpi.basis_of.<id> in the catalog. */
  basis: string;
  threshold?: (t: Thresholds) => ThresholdRule;
}

/** A definition's text, kept once in the message catalog (en-kpi-explain.ts) so every language has it. */
const text = (id: MessageId, params?: MessageParams): string => english(msg(id, params));
const ORDERS = () => ({ orders: text("kpi.basis_of.orders_placed") });

/** The English of the conversion formula for a basis (the catalog's kpi.basis.<basis>). */
export function conversionFormula(basis: ConversionBasis): string {
  return text(`kpi.basis.${basis}`);
}

export function metricDefinitions(conversionBasis: ConversionBasis): MetricDefinition[] {
  return [
    {
      id: "page_views",
      label: "Page views (PV)",
      labelZh: "浏览量",
      unit: "integer",
      group: "traffic",
      formula: text("kpi.formula.page_views"),
      basis: text("kpi.basis_of.page_views"),
    },
    {
      id: "visitors",
      label: "Unique visitors (UV)",
      labelZh: "访客数",
      unit: "integer",
      group: "traffic",
      formula: text("kpi.formula.visitors"),
      basis: text("kpi.basis_of.visitors"),
    },
    {
      id: "sessions",
      label: "Sessions",
      labelZh: "访问次数",
      unit: "integer",
      group: "traffic",
      formula: text("kpi.formula.sessions"),
      basis: text("kpi.basis_of.sessions"),
    },
    {
      id: "organic_search_share",
      label: "Organic search share of visits",
      labelZh: "自然搜索流量占比",
      unit: "percent",
      group: "traffic",
      formula: text("kpi.formula.organic_search_share"),
      basis: text("kpi.basis_of.organic_search_share"),
      threshold: (t) => ({ op: ">=", value: t.organicShareMin, key: "organicShareMin" }),
    },
    {
      id: "orders",
      label: "Orders",
      labelZh: "订单数",
      unit: "integer",
      group: "sales",
      formula: text("kpi.formula.orders"),
      basis: text("kpi.basis_of.orders", ORDERS()),
    },
    {
      id: "paying_customers",
      label: "Paying customers",
      labelZh: "支付买家数",
      unit: "integer",
      group: "sales",
      formula: text("kpi.formula.paying_customers"),
      basis: text("kpi.basis_of.paying_customers", ORDERS()),
    },
    {
      id: "conversion_rate",
      label: "Conversion rate",
      labelZh: "转化率",
      unit: "percent",
      group: "sales",
      formula: conversionFormula(conversionBasis),
      basis: text("kpi.basis_of.conversion_rate", ORDERS()),
      threshold: (t) => ({ op: ">=", value: t.conversionRateMin, key: "conversionRateMin" }),
    },
    {
      id: "gmv",
      label: "GMV",
      labelZh: "成交总额",
      unit: "money",
      group: "sales",
      formula: text("kpi.formula.gmv"),
      basis: text("kpi.basis_of.gmv", ORDERS()),
    },
    {
      id: "net_sales",
      label: "Net sales after refunds",
      labelZh: "退款后净销售额",
      unit: "money",
      group: "sales",
      formula: text("kpi.formula.net_sales"),
      basis: text("kpi.basis_of.net_sales"),
    },
    {
      id: "aov",
      label: "AOV per order",
      labelZh: "平均订单金额",
      unit: "money",
      group: "sales",
      formula: text("kpi.formula.aov"),
      basis: text("kpi.basis_of.aov", ORDERS()),
    },
    {
      id: "aov_per_customer",
      label: "AOV per paying customer (客单价)",
      labelZh: "客单价",
      unit: "money",
      group: "sales",
      formula: text("kpi.formula.aov_per_customer"),
      basis: text("kpi.basis_of.aov_per_customer", ORDERS()),
    },
    {
      id: "uv_value",
      label: "UV value",
      labelZh: "UV价值",
      unit: "money",
      group: "sales",
      formula: text("kpi.formula.uv_value"),
      basis: text("kpi.basis_of.uv_value", ORDERS()),
    },
    {
      id: "refunds",
      label: "Refunds",
      labelZh: "退款金额",
      unit: "money",
      group: "returns",
      formula: text("kpi.formula.refunds"),
      basis: text("kpi.basis_of.refunds"),
    },
    {
      id: "return_rate_units",
      label: "Return rate (units)",
      labelZh: "退货率（件数）",
      unit: "percent",
      group: "returns",
      formula: text("kpi.formula.return_rate_units"),
      basis: text("kpi.basis_of.return_rate_units"),
      threshold: (t) => ({ op: "<=", value: t.returnRateMax, key: "returnRateMax" }),
    },
    {
      id: "return_rate_value",
      label: "Return rate (value)",
      labelZh: "退货率（金额）",
      unit: "percent",
      group: "returns",
      formula: text("kpi.formula.return_rate_value"),
      basis: text("kpi.basis_of.return_rate_value"),
      threshold: (t) => ({ op: "<=", value: t.returnRateMax, key: "returnRateMax" }),
    },
    {
      id: "ad_spend",
      label: "Ad spend",
      labelZh: "广告花费",
      unit: "money",
      group: "marketing",
      formula: text("kpi.formula.ad_spend"),
      basis: text("kpi.basis_of.ad_spend"),
    },
    {
      id: "roas",
      label: "ROAS (blended)",
      labelZh: "广告投产比（整体）",
      unit: "ratio",
      group: "marketing",
      formula: text("kpi.formula.roas"),
      basis: text("kpi.basis_of.roas"),
      threshold: (t) => ({ op: ">=", value: t.roasMin, key: "roasMin" }),
    },
    {
      id: "cac",
      label: "CAC (paid, blended)",
      labelZh: "获客成本（付费）",
      unit: "money",
      group: "marketing",
      formula: text("kpi.formula.cac"),
      basis: text("kpi.basis_of.cac"),
    },
    {
      id: "chat_first_response_median",
      label: "Chat first response (median)",
      labelZh: "在线咨询首次响应（中位数）",
      unit: "duration",
      group: "support",
      formula: text("kpi.formula.chat_first_response_median"),
      basis: text("kpi.basis_of.chat_first_response_median"),
    },
    {
      id: "chat_first_response_p90",
      label: "Chat first response (p90)",
      labelZh: "在线咨询首次响应（90分位）",
      unit: "duration",
      group: "support",
      formula: text("kpi.formula.chat_first_response_p90"),
      basis: text("kpi.basis_of.chat_first_response_p90"),
      threshold: (t) => ({ op: "<=", value: t.chatFirstResponseMaxSeconds, key: "chatFirstResponseMaxSeconds" }),
    },
    {
      id: "ticket_first_response_within_target",
      label: "Tickets answered within target",
      labelZh: "工单及时响应率",
      unit: "percent",
      group: "support",
      formula: text("kpi.formula.ticket_first_response_within_target"),
      basis: text("kpi.basis_of.ticket_first_response_within_target"),
      threshold: (t) => ({ op: ">=", value: t.ticketWithinTargetMin, key: "ticketWithinTargetMin" }),
    },
    {
      id: "on_time_delivery_rate",
      label: "On-time delivery",
      labelZh: "准时送达率",
      unit: "percent",
      group: "logistics",
      formula: text("kpi.formula.on_time_delivery_rate"),
      basis: text("kpi.basis_of.on_time_delivery_rate"),
      threshold: (t) => ({ op: ">=", value: t.onTimeDeliveryMin, key: "onTimeDeliveryMin" }),
    },
    {
      id: "resolution_rate",
      label: "Resolution rate",
      labelZh: "问题解决率",
      unit: "percent",
      group: "support",
      formula: text("kpi.formula.resolution_rate"),
      basis: text("kpi.basis_of.resolution_rate"),
      threshold: (t) => ({ op: ">=", value: t.resolutionRateMin, key: "resolutionRateMin" }),
    },
    {
      id: "csat",
      label: "CSAT",
      labelZh: "客户满意度",
      unit: "percent",
      group: "support",
      formula: text("kpi.formula.csat"),
      basis: text("kpi.basis_of.csat"),
      threshold: (t) => ({ op: ">=", value: t.csatMin, key: "csatMin" }),
    },
  ];
}

/** Per-channel variants of ROAS and CAC, one pair per paid traffic source. */
export function channelDefinitions(channel: string): MetricDefinition[] {
  return [
    {
      id: `roas:${channel}`,
      label: `ROAS ${channel}`,
      labelZh: `广告投产比 ${channel}`,
      unit: "ratio",
      group: "marketing",
      formula: text("kpi.formula.roas_channel", { channel }),
      basis: text("kpi.basis_of.roas_channel"),
      threshold: (t) => ({ op: ">=", value: t.roasMin, key: "roasMin" }),
    },
    {
      id: `cac:${channel}`,
      label: `CAC ${channel}`,
      labelZh: `获客成本 ${channel}`,
      unit: "money",
      group: "marketing",
      formula: text("kpi.formula.cac_channel", { channel }),
      basis: text("kpi.basis_of.cac_channel"),
    },
  ];
}
