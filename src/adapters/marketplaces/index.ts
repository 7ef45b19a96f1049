/**
 * Marketplace price sources (prices.sources of type taobao, jd, pdd): the three affiliate (CPS)
 * programmes' documented search APIs, signed as each platform documents. No scraping.
 */
import { jdWire } from "./jd.js";
import { pddWire } from "./pdd.js";
import { taobaoWire } from "./taobao.js";
import type { MarketplaceName, MarketplaceWire } from "./types.js";

export const MARKETPLACE_WIRES: Readonly<Record<MarketplaceName, MarketplaceWire>> = {
  taobao: taobaoWire,
  jd: jdWire,
  pdd: pddWire,
};

export { type MarketplaceSource, type MarketplaceSourceOptions, openMarketplaceSource } from "./source.js";
export type { MarketplaceCredentials, MarketplaceName, MarketplaceSort, MarketplaceWire } from "./types.js";
