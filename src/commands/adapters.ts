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
      const { msg, translator } = await import("../core/i18n/index.js");
      const tr = translator(s.lang);
      try {
        const checks = await checkStores(s.ctx, { ...((store ?? s.globals.store) ? { store: store ?? s.globals.store } : {}) });
        await emit(
          {
            locale: s.lang,
            title: tr("adapters.check.title"),
            meta: [],
            charts: [],
            notes: [],
            tables: [
              {
                id: "check",
                title: tr("adapters.check.stores"),
                columns: [
                  { key: "store", label: tr("adapters.check.col.store"), kind: "text" },
                  { key: "platform", label: tr("adapters.check.col.platform"), kind: "text" },
                  { key: "status", label: tr("adapters.check.col.status"), kind: "status" },
                  { key: "reachable", label: tr("adapters.check.col.reachable"), kind: "text" },
                  { key: "authenticated", label: tr("adapters.check.col.credential"), kind: "text" },
                  { key: "missing", label: tr("adapters.check.col.missing"), kind: "text" },
                  { key: "excess", label: tr("adapters.check.col.excess"), kind: "text" },
                  { key: "message", label: tr("adapters.check.col.message"), kind: "text" },
                ],
                rows: checks.map((c) => ({
                  cells: {
                    store: c.store,
                    platform: c.platform,
                    status: c.ok ? "ok" : "breach",
                    reachable: tr(c.reachable ? "common.yes" : "common.no"),
                    authenticated: tr(c.authenticated ? "adapters.check.accepted" : "adapters.check.refused"),
                    missing: Object.entries(c.missing)
                      .map(([cmdName, scopes]) => `${cmdName}: ${scopes.join(", ")}`)
                      .join("; "),
                    excess: c.excess.join(", "),
                    message: tr.text(c.message),
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
          if (c.excess.length > 0) s.log.warn(msg("adapters.check.excess", { store: c.store, scopes: c.excess.join(", ") }));
        }
        const bad = checks.filter((c) => !c.ok);
        const unreadable = bad.find((c) => c.unreadable);
        if (unreadable) {
          const { InputError } = await import("../core/errors.js");
          throw new InputError(
            { file: `store "${unreadable.store}"` },
            msg("adapters.check.unreadable", { problem: unreadable.message }),
            msg("adapters.check.unreadable_hint"),
          );
        }
        if (bad.length > 0) {
          const first = bad[0] as (typeof bad)[number];
          const missing = Object.entries(first.missing).map(([cmdName, scopes]) =>
            msg("adapters.check.scopes_for", { scopes: scopes.join(", "), command: cmdName }),
          );
          const { joinMessages } = await import("../core/i18n/join.js");
          throw new RemoteError(
            msg("adapters.check.failed", {
              store: first.store,
              platform: first.platform,
              problem: missing.length > 0 ? msg("adapters.check.missing_permission", { scopes: joinMessages(missing) }) : first.message,
            }),
            msg(missing.length > 0 ? "adapters.check.grant_hint" : "adapters.check.credential_hint"),
          );
        }
      } finally {
        await s.ctx.close();
      }
    });
  return adapters;
}
