/** Prints the files-adapter column reference as Markdown (pasted into the README). */
import { DATASETS } from "../src/adapters/platforms/files/columns.js";

for (const ds of Object.values(DATASETS)) {
  console.log(`#### ${ds.name}\n`);
  console.log(`Files: ${ds.fileNames.map((n) => `\`${n}.csv\``).join(", ")} (or .xlsx). ${ds.description}\n`);
  console.log("| column | required | also accepted | meaning |");
  console.log("|---|---|---|---|");
  for (const c of ds.columns) {
    console.log(
      `| \`${c.key}\` | ${c.required ? "yes" : ""} | ${c.headers.slice(1).join(", ")} | ${c.description.replace(/\|/g, "\\|")} |`,
    );
  }
  console.log("");
}
