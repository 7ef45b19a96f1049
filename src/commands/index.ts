/** Every command group, listed explicitly: what is not here is not a command. */
import type { Command } from "commander";
import { adaptersCommand } from "./adapters.js";
import { kpiCommand } from "./kpi.js";

export const COMMANDS: (() => Command)[] = [kpiCommand, adaptersCommand];
