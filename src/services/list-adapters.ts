import type { z } from "zod";
import { conform } from "../core/contract.js";
import { ALWAYS, DETAIL, type ReportDocument, USEFUL } from "../core/report.js";
import type { RunContext } from "./context.js";
import { adaptersListSchema } from "./schemas/index.js";

export interface AdapterListing {
  kind: "platform" | "courier";
  name: string;
  origin: string;
  description: string;
  capabilities: string[];
}

export async function listAdapters(ctx: RunContext): Promise<{ json: z.output<typeof adaptersListSchema>; document: ReportDocument }> {
  await ctx.loadPlugins();
  const rows: AdapterListing[] = [];
  for (const name of ctx.registry.platformNames()) {
    const d = await ctx.registry.platform(name);
    rows.push({ kind: "platform", name, origin: ctx.registry.origin(name), description: d.description, capabilities: [...d.capabilities] });
  }
  for (const name of ctx.registry.courierNames()) {
    const d = await ctx.registry.courier(name);
    rows.push({
      kind: "courier",
      name,
      origin: ctx.registry.origin(name),
      description: d.description,
      capabilities: [`track (≤${d.maxBatch} per call)`, ...d.couriers],
    });
  }
  const stores = Object.entries(ctx.opts.loaded.stores).map(([name, s]) => `${name} (${s.platform})`);
  return {
    json: conform(adaptersListSchema, {
      defaultStore: ctx.opts.loaded.defaultStore,
      stores: Object.entries(ctx.opts.loaded.stores).map(([name, s]) => ({ name, platform: s.platform })),
      adapters: rows,
    }),
    document: {
      title: "Adapters",
      meta: [
        ["Configured stores", stores.join(", ")],
        ["Default store", ctx.opts.loaded.defaultStore],
      ],
      tables: [
        {
          id: "adapters",
          // The document's title already says "Adapters".
          title: "",
          columns: [
            { key: "kind", label: "Kind", kind: "text", priority: USEFUL },
            { key: "name", label: "Name", kind: "text", priority: ALWAYS },
            { key: "origin", label: "From", kind: "text", priority: DETAIL },
            { key: "capabilities", label: "Capabilities", kind: "text", priority: USEFUL },
            { key: "description", label: "Description", kind: "text", priority: ALWAYS },
          ],
          rows: rows.map((r) => ({ cells: { ...r, capabilities: r.capabilities.join(", ") } })),
        },
      ],
      charts: [],
      notes: [],
    },
  };
}
