/** Every command group, listed explicitly: what is not here is not a command. */
import type { Command } from "commander";
import { adaptersCommand } from "./adapters.js";
import { catalogCommand } from "./catalog.js";
import { digestCommand } from "./digest.js";
import { filesCommand } from "./files.js";
import { initCommand } from "./init.js";
import { kpiCommand } from "./kpi.js";
import { ordersCommand } from "./orders.js";
import { pricesCommand } from "./prices.js";
import { returnsCommand } from "./returns.js";
import { shipmentsCommand } from "./shipments.js";
import { stateCommand } from "./state.js";
import { templatesCommand } from "./templates.js";

export const COMMANDS: (() => Command)[] = [
  initCommand,
  catalogCommand,
  ordersCommand,
  shipmentsCommand,
  pricesCommand,
  kpiCommand,
  digestCommand,
  returnsCommand,
  adaptersCommand,
  filesCommand,
  templatesCommand,
  stateCommand,
];
