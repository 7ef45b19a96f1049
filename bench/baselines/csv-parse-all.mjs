// Baseline for the kpi_vs_csv_parse figure: parse the files store's five CSVs with csv-parse's
// stream API (records as arrays of strings), counting records and keeping none: what reading the
// same bytes costs before any typing, validation or aggregation.
//
//   node bench/baselines/csv-parse-all.mjs <dir> [file.csv ...]   (default: all five)
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse";

export const FILES = ["orders.csv", "order_lines.csv", "returns.csv", "traffic.csv", "tickets.csv"];

function countRecords(file) {
  return new Promise((resolve, reject) => {
    let n = 0;
    const parser = parse();
    parser.on("readable", () => {
      while (parser.read() !== null) n++;
    });
    parser.on("error", reject);
    parser.on("end", () => resolve(n));
    const input = createReadStream(file);
    input.on("error", reject);
    input.pipe(parser);
  });
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: node bench/baselines/csv-parse-all.mjs <dir>\n");
  process.exit(2);
}
const files = process.argv.length > 3 ? process.argv.slice(3) : FILES;
const counts = {};
for (const f of files) counts[f] = await countRecords(join(dir, f));
process.stdout.write(`${JSON.stringify(counts)}\n`);
