/**
 * Interactive questions, only on a terminal (commands check first). Prompts go to stderr so a
 * command's stdout stays data.
 */
export interface InitDefaults {
  storeName?: string | undefined;
  platform?: "files" | "local" | undefined;
  dir?: string | undefined;
  timezone: string;
  currency: string;
}

export async function askInit(known: InitDefaults): Promise<InitDefaults> {
  const { default: inquirer } = await import("inquirer");
  const prompt = inquirer.createPromptModule({ output: process.stderr });
  const answers = await prompt<{ storeName: string; platform: "files" | "local"; dir?: string; timezone: string; currency: string }>([
    { type: "input", name: "storeName", message: "Store name", default: known.storeName ?? "main", when: !known.storeName },
    {
      type: "list",
      name: "platform",
      message: "Where is the data?",
      choices: [
        { name: "A folder of exported spreadsheets (files)", value: "files" },
        { name: "The embedded local store (local)", value: "local" },
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
    { type: "input", name: "timezone", message: "Time zone", default: known.timezone },
    { type: "input", name: "currency", message: "Currency", default: known.currency },
  ]);
  return { ...known, ...answers };
}
