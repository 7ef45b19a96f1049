import { Command } from "commander";

export function adaptersCommand(): Command {
  const adapters = new Command("adapters").description("The platform and courier adapters merchops can use");
  adapters.addHelpText(
    "after",
    "\nExamples:\n  $ merchops adapters list                         the adapters and what each can do\n  $ merchops adapters check --store shop           credentials, permissions and reachability of a store",
  );
  adapters
    .command("list")
    .description("List platform and courier adapters (built-in and from config plugins) with their capabilities")
    .addHelpText("after", "\nExamples:\n  $ merchops adapters list\n  $ merchops adapters list --json")
    .action(async (_options: unknown, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { listAdapters } = await import("../services/list-adapters.js");
      const { emit } = await import("../services/output.js");
      try {
        const result = await listAdapters(s.ctx);
        await emit(result.document, result.json, {
          format: s.format,
          ...(s.globals.out ? { out: s.globals.out } : {}),
          color: s.terminal.color,
          width: s.terminal.width,
          write: (t) => process.stdout.write(t),
        });
      } finally {
        await s.ctx.close();
      }
    });
  adapters
    .command("check [store]")
    .description("Check each configured store (or one): reachable, credential accepted, permissions granted vs what each command needs")
    .addHelpText(
      "after",
      `
Exit 0 when every store checked is usable, 5 when one is unreachable, refuses the credential or lacks a
permission a command needs. Permissions granted beyond what merchops needs are warned about: give the
token only what its jobs need.

Examples:
  $ merchops adapters check
  $ merchops adapters check shop --json`,
    )
    .action(async (store: string | undefined, _options: unknown, cmd: Command) => {
      const { setup } = await import("./shared.js");
      const s = await setup(cmd);
      const { checkStores, checkStoresJson } = await import("../services/check-stores.js");
      const { emit } = await import("../services/output.js");
      const { RemoteError } = await import("../core/errors.js");
      try {
        const checks = await checkStores(s.ctx, { ...((store ?? s.globals.store) ? { store: store ?? s.globals.store } : {}) });
        await emit(
          {
            title: "Store check",
            meta: [],
            charts: [],
            notes: [],
            tables: [
              {
                id: "check",
                title: "Stores",
                columns: [
                  { key: "store", label: "Store", kind: "text" },
                  { key: "platform", label: "Platform", kind: "text" },
                  { key: "status", label: "Status", kind: "status" },
                  { key: "reachable", label: "Reachable", kind: "text" },
                  { key: "authenticated", label: "Credential", kind: "text" },
                  { key: "missing", label: "Missing permissions", kind: "text" },
                  { key: "excess", label: "Not needed", kind: "text" },
                  { key: "message", label: "Message", kind: "text" },
                ],
                rows: checks.map((c) => ({
                  cells: {
                    store: c.store,
                    platform: c.platform,
                    status: c.ok ? "ok" : "breach",
                    reachable: c.reachable ? "yes" : "no",
                    authenticated: c.authenticated ? "accepted" : "refused",
                    missing: Object.entries(c.missing)
                      .map(([cmdName, scopes]) => `${cmdName}: ${scopes.join(", ")}`)
                      .join("; "),
                    excess: c.excess.join(", "),
                    message: c.message,
                  },
                })),
              },
            ],
          },
          checkStoresJson(checks),
          {
            format: s.format,
            ...(s.globals.out ? { out: s.globals.out } : {}),
            color: s.terminal.color,
            width: s.terminal.width,
            write: (t) => process.stdout.write(t),
          },
        );
        for (const c of checks) {
          if (c.excess.length > 0)
            s.log.warn(`store "${c.store}": permissions no merchops command needs: ${c.excess.join(", ")} (least privilege: remove them)`);
        }
        const bad = checks.filter((c) => !c.ok);
        const unreadable = bad.find((c) => c.unreadable);
        if (unreadable) {
          const { InputError } = await import("../core/errors.js");
          throw new InputError(
            { file: `store "${unreadable.store}"` },
            `nothing readable: ${unreadable.message}`,
            "merchops files inspect <folder> shows what each file lacks",
          );
        }
        if (bad.length > 0) {
          const first = bad[0] as (typeof bad)[number];
          const missing = Object.entries(first.missing).map(([cmdName, scopes]) => `${scopes.join(", ")} (for ${cmdName})`);
          throw new RemoteError(
            `store "${first.store}" (${first.platform}): ${missing.length > 0 ? `missing permission ${missing.join("; ")}` : first.message}`,
            missing.length > 0
              ? "grant the listed scopes to the app or key in the platform's admin, then run the check again"
              : "check the address and the credential in merchops.config.yaml (env vars), then run the check again",
          );
        }
      } finally {
        await s.ctx.close();
      }
    });
  return adapters;
}
