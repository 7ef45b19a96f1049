/**
 * Interactive questions, only on a terminal (commands check first). Prompts go to stderr so a
 * command's stdout stays data.
 */
export interface InitDefaults {
  storeName?: string | undefined;
  platform?: "files" | "local" | "shopify" | "woocommerce" | "youzan" | undefined;
  dir?: string | undefined;
  address?: string | undefined;
  tokenEnv?: string | undefined;
  keyEnv?: string | undefined;
  secretEnv?: string | undefined;
  clientId?: string | undefined;
  kdtId?: string | undefined;
  timezone: string;
  currency: string;
}

export async function askInit(known: InitDefaults): Promise<InitDefaults> {
  const { default: inquirer } = await import("inquirer");
  const prompt = inquirer.createPromptModule({ output: process.stderr });
  type Answers = Required<Pick<InitDefaults, "timezone" | "currency">> & Omit<InitDefaults, "timezone" | "currency">;
  const envPrefix = (a: Answers) => (a.storeName ?? known.storeName ?? "store").toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  const platformOf = (a: Answers) => a.platform ?? known.platform;
  const answers = await prompt<Answers>([
    { type: "input", name: "storeName", message: "Store name", default: known.storeName ?? "main", when: !known.storeName },
    {
      type: "list",
      name: "platform",
      message: "Where is the data?",
      choices: [
        { name: "A folder of exported spreadsheets (files)", value: "files" },
        { name: "The embedded local store (local)", value: "local" },
        { name: "Shopify (Admin API access token)", value: "shopify" },
        { name: "WooCommerce (REST API consumer key and secret)", value: "woocommerce" },
        { name: "Youzan 有赞 (app client id and secret)", value: "youzan" },
      ],
      when: !known.platform,
    },
    {
      type: "input",
      name: "dir",
      message: "Folder of exports",
      default: "./exports",
      when: (a: { platform?: string }) => (a.platform ?? known.platform) === "files" && !known.dir,
    },
    {
      type: "input",
      name: "address",
      message: (a: Answers) => (platformOf(a) === "shopify" ? "Shop domain (acme.myshopify.com)" : "Site address (https://shop.example)"),
      when: (a: Answers) => (platformOf(a) === "shopify" || platformOf(a) === "woocommerce") && !known.address,
    },
    {
      type: "input",
      name: "tokenEnv",
      message: "Name of the env var that will hold the access token",
      default: (a: Answers) => `${envPrefix(a)}_SHOPIFY_TOKEN`,
      when: (a: Answers) => platformOf(a) === "shopify" && !known.tokenEnv,
    },
    {
      type: "input",
      name: "keyEnv",
      message: "Name of the env var that will hold the consumer key",
      default: (a: Answers) => `${envPrefix(a)}_WC_KEY`,
      when: (a: Answers) => platformOf(a) === "woocommerce" && !known.keyEnv,
    },
    { type: "input", name: "clientId", message: "App client id", when: (a: Answers) => platformOf(a) === "youzan" && !known.clientId },
    { type: "input", name: "kdtId", message: "Shop id (kdt_id)", when: (a: Answers) => platformOf(a) === "youzan" && !known.kdtId },
    {
      type: "input",
      name: "secretEnv",
      message: (a: Answers) => `Name of the env var that will hold the ${platformOf(a) === "youzan" ? "client secret" : "consumer secret"}`,
      default: (a: Answers) => `${envPrefix(a)}_${platformOf(a) === "youzan" ? "YOUZAN_CLIENT_SECRET" : "WC_SECRET"}`,
      when: (a: Answers) => (platformOf(a) === "woocommerce" || platformOf(a) === "youzan") && !known.secretEnv,
    },
    { type: "input", name: "timezone", message: "Time zone", default: known.timezone },
    { type: "input", name: "currency", message: "Currency", default: known.currency },
  ] as never);
  return { ...known, ...answers };
}

/** Asks, for each unrecognised header, which catalog field it holds. */
export async function askColumnMapping(
  file: string,
  unmatched: readonly string[],
  choices: readonly { value: string; label: string }[],
): Promise<Record<string, string>> {
  const { default: inquirer } = await import("inquirer");
  const prompt = inquirer.createPromptModule({ output: process.stderr });
  const out = new Map<string, string>();
  process.stderr.write(
    `${file}: ${unmatched.length} column(s) not recognised; say what each holds (save the answers with --save-mapping)\n`,
  );
  for (const header of unmatched) {
    const { field } = await prompt<{ field: string }>([
      {
        type: "list",
        name: "field",
        message: `Column "${header}"`,
        choices: choices.map((c) => ({ name: c.label, value: c.value })),
        pageSize: 15,
      },
    ]);
    out.set(header, field);
  }
  return Object.fromEntries(out);
}
