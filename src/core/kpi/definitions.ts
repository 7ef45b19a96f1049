/**
 * The KPI registry: every metric the report prints, with its formula, its date basis and the
 * threshold it is checked against. The same word means different things on different platforms
 * (Shopify's AOV is per order, 生意参谋's 客单价 per paying buyer), so each definition says which.
 */

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
  formula: string;
  /** Which records count and by which date. */
  basis: string;
  threshold?: (t: Thresholds) => ThresholdRule;
}

const ORDERS_BASIS = "orders placed in the period (store time zone), excluding cancelled and test orders";

export const CONVERSION_FORMULAS: Record<ConversionBasis, string> = {
  "buyers-per-visitor": "paying customers / unique visitors (支付转化率, 生意参谋 style), both counted per day and summed over the period",
  "orders-per-session": "orders / sessions",
  "orders-per-visitor": "orders / unique visitors",
};

export function metricDefinitions(conversionBasis: ConversionBasis): MetricDefinition[] {
  return [
    {
      id: "page_views",
      label: "Page views (PV)",
      labelZh: "浏览量",
      unit: "integer",
      group: "traffic",
      formula: "Σ page views over the period's traffic rows",
      basis: "traffic days in the period; a day's 'all' row when present, else the sum of its sources",
    },
    {
      id: "visitors",
      label: "Unique visitors (UV)",
      labelZh: "访客数",
      unit: "integer",
      group: "traffic",
      formula: "Σ daily unique visitors (visitor-days: a period total cannot be de-duplicated from daily exports)",
      basis: "traffic days in the period; a day's 'all' row when present, else the sum of its sources",
    },
    {
      id: "sessions",
      label: "Sessions",
      labelZh: "访问次数",
      unit: "integer",
      group: "traffic",
      formula: "Σ sessions over the period's traffic rows",
      basis: "traffic days in the period",
    },
    {
      id: "organic_search_share",
      label: "Organic search share of visits",
      labelZh: "自然搜索流量占比",
      unit: "percent",
      group: "traffic",
      formula: "organic-search sessions / all sessions (visitors when the export has no sessions)",
      basis: "traffic days in the period",
      threshold: (t) => ({ op: ">=", value: t.organicShareMin, key: "organicShareMin" }),
    },
    {
      id: "orders",
      label: "Orders",
      labelZh: "订单数",
      unit: "integer",
      group: "sales",
      formula: "count of orders",
      basis: ORDERS_BASIS,
    },
    {
      id: "paying_customers",
      label: "Paying customers",
      labelZh: "支付买家数",
      unit: "integer",
      group: "sales",
      formula: "distinct customers with a paid order (an order without a customer id counts as one customer)",
      basis: `${ORDERS_BASIS}; paid = paid, fulfilled or refunded`,
    },
    {
      id: "conversion_rate",
      label: "Conversion rate",
      labelZh: "转化率",
      unit: "percent",
      group: "sales",
      formula: CONVERSION_FORMULAS[conversionBasis],
      basis: `${ORDERS_BASIS}; traffic days in the period`,
      threshold: (t) => ({ op: ">=", value: t.conversionRateMin, key: "conversionRateMin" }),
    },
    {
      id: "gmv",
      label: "GMV",
      labelZh: "成交总额",
      unit: "money",
      group: "sales",
      formula: "Σ order total (items − discounts + shipping + tax)",
      basis: ORDERS_BASIS,
    },
    {
      id: "net_sales",
      label: "Net sales after refunds",
      labelZh: "退款后净销售额",
      unit: "money",
      group: "sales",
      formula: "GMV − refunds",
      basis: "GMV of orders placed in the period minus refunds paid in the period",
    },
    {
      id: "aov",
      label: "AOV per order",
      labelZh: "平均订单金额",
      unit: "money",
      group: "sales",
      formula: "GMV / orders",
      basis: ORDERS_BASIS,
    },
    {
      id: "aov_per_customer",
      label: "AOV per paying customer (客单价)",
      labelZh: "客单价",
      unit: "money",
      group: "sales",
      formula: "GMV of paid orders / paying customers",
      basis: ORDERS_BASIS,
    },
    {
      id: "uv_value",
      label: "UV value",
      labelZh: "UV价值",
      unit: "money",
      group: "sales",
      formula: "GMV / unique visitors",
      basis: `${ORDERS_BASIS}; traffic days in the period`,
    },
    {
      id: "refunds",
      label: "Refunds",
      labelZh: "退款金额",
      unit: "money",
      group: "returns",
      formula: "Σ refund amount",
      basis: "returns refunded in the period (refund date)",
    },
    {
      id: "return_rate_units",
      label: "Return rate (units)",
      labelZh: "退货率（件数）",
      unit: "percent",
      group: "returns",
      formula: "units returned / units sold",
      basis: "period basis: returns requested in the period / units of orders placed in the period",
      threshold: (t) => ({ op: "<=", value: t.returnRateMax, key: "returnRateMax" }),
    },
    {
      id: "return_rate_value",
      label: "Return rate (value)",
      labelZh: "退货率（金额）",
      unit: "percent",
      group: "returns",
      formula: "refund amount requested / merchandise sales (items − discounts)",
      basis: "period basis: returns requested in the period / orders placed in the period",
      threshold: (t) => ({ op: "<=", value: t.returnRateMax, key: "returnRateMax" }),
    },
    {
      id: "ad_spend",
      label: "Ad spend",
      labelZh: "广告花费",
      unit: "money",
      group: "marketing",
      formula: "Σ ad spend over all sources",
      basis: "traffic days in the period",
    },
    {
      id: "roas",
      label: "ROAS (blended)",
      labelZh: "广告投产比（整体）",
      unit: "ratio",
      group: "marketing",
      formula: "GMV of orders attributed to paid channels / ad spend of those channels",
      basis: "orders placed and ad spend in the period; last-click attribution as exported (order source)",
      threshold: (t) => ({ op: ">=", value: t.roasMin, key: "roasMin" }),
    },
    {
      id: "cac",
      label: "CAC (paid, blended)",
      labelZh: "获客成本（付费）",
      unit: "money",
      group: "marketing",
      formula: "ad spend / new customers from paid channels (paid-only CAC)",
      basis: "new customer = first order ever seen for the customer falls in the period",
    },
    {
      id: "chat_first_response_median",
      label: "Chat first response (median)",
      labelZh: "在线咨询首次响应（中位数）",
      unit: "duration",
      group: "support",
      formula: "median of (first agent reply − chat start), nearest rank",
      basis: "chats started in the period; unanswered chats excluded",
    },
    {
      id: "chat_first_response_p90",
      label: "Chat first response (p90)",
      labelZh: "在线咨询首次响应（90分位）",
      unit: "duration",
      group: "support",
      formula: "90th percentile of (first agent reply − chat start), nearest rank",
      basis: "chats started in the period; unanswered chats excluded",
      threshold: (t) => ({ op: "<=", value: t.chatFirstResponseMaxSeconds, key: "chatFirstResponseMaxSeconds" }),
    },
    {
      id: "ticket_first_response_within_target",
      label: "Tickets answered within target",
      labelZh: "工单及时响应率",
      unit: "percent",
      group: "support",
      formula: "tickets and e-mails with a first reply within the target hours / those whose target time has passed",
      basis: "tickets created in the period; an unanswered ticket past the target counts as late, one not yet due is left out",
      threshold: (t) => ({ op: ">=", value: t.ticketWithinTargetMin, key: "ticketWithinTargetMin" }),
    },
    {
      id: "on_time_delivery_rate",
      label: "On-time delivery",
      labelZh: "准时送达率",
      unit: "percent",
      group: "logistics",
      formula: "shipments delivered within their courier's SLA (shipments.sla) / shipments delivered with known ship and delivery times",
      basis: "shipments delivered in the period (delivery date, store time zone), as tracked by shipments sync",
      threshold: (t) => ({ op: ">=", value: t.onTimeDeliveryMin, key: "onTimeDeliveryMin" }),
    },
    {
      id: "resolution_rate",
      label: "Resolution rate",
      labelZh: "问题解决率",
      unit: "percent",
      group: "support",
      formula: "conversations resolved or closed / all conversations",
      basis: "chats and tickets created in the period",
      threshold: (t) => ({ op: ">=", value: t.resolutionRateMin, key: "resolutionRateMin" }),
    },
    {
      id: "csat",
      label: "CSAT",
      labelZh: "客户满意度",
      unit: "percent",
      group: "support",
      formula: "ratings of 4 or 5 / all ratings (1-5 scale)",
      basis: "rated chats and tickets created in the period",
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
      formula: `GMV of orders attributed to ${channel} / ad spend on ${channel}`,
      basis: "orders placed and ad spend in the period; last-click attribution as exported",
      threshold: (t) => ({ op: ">=", value: t.roasMin, key: "roasMin" }),
    },
    {
      id: `cac:${channel}`,
      label: `CAC ${channel}`,
      labelZh: `获客成本 ${channel}`,
      unit: "money",
      group: "marketing",
      formula: `ad spend on ${channel} / new customers whose first order came from ${channel}`,
      basis: "new customer = first order ever seen for the customer falls in the period",
    },
  ];
}
