/**
 * The arrows of DESIGN.md, held by a tool: `npm run lint` fails when a layer reaches the wrong way.
 * cli -> commands -> services -> core, adapters, io, store; commands -> ui, config; adapters -> core, http, io.
 */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment: "core imports nothing of ours but core (no files, HTTP, console, UI)",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^src/(?!core/)" },
    },
    {
      name: "core-no-node-io",
      comment: "core does no I/O",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^(node:)?(fs|http|https|net|child_process)$", dependencyTypes: ["core"] },
    },
    {
      name: "adapters-not-upward",
      comment: "adapters never import commands, services, ui or the CLI",
      severity: "error",
      from: { path: "^src/adapters/" },
      to: { path: "^src/(commands|services|ui|cli)" },
    },
    {
      name: "adapters-only-local-uses-store",
      comment: "only the local platform (the embedded store's own adapter) touches the state store directly",
      severity: "error",
      from: { path: "^src/adapters/(?!platforms/local/|platform\\.ts)" },
      to: { path: "^src/store/" },
    },
    {
      name: "services-not-upward",
      comment: "services take plain options: no commander, no prompts, no CLI",
      severity: "error",
      from: { path: "^src/services/" },
      to: { path: "^src/(commands|cli)|node_modules/(commander|inquirer|@inquirer|ora)/" },
    },
    {
      name: "io-store-http-leaf",
      comment: "io, store and http are leaves beside core",
      severity: "error",
      from: { path: "^src/(io|store|http)/" },
      to: { path: "^src/(commands|services|ui|cli|adapters|config)" },
    },
    {
      name: "only-cli-is-entry",
      comment: "nothing imports the CLI module",
      severity: "error",
      from: { pathNot: "^src/cli\\.ts$" },
      to: { path: "^src/cli\\.ts$" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
