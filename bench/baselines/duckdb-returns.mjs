// Reference for the returns_duckdb_reference figure: the returns audit's cohort rates in DuckDB
// over the same CSVs. Orders placed in [from, to) that are neither test nor cancelled; units sold
// and merchandise (unit price x quantity - line discount) from their lines; their returns' units,
// distinct returned orders and refunds. Money in minor units. Prints one JSON object.
//
//   node bench/baselines/duckdb-returns.mjs <dir> <from ISO instant> <to ISO instant>
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

const [dir, from, to] = process.argv.slice(2);
if (!dir || !from || !to) {
  process.stderr.write("usage: node bench/baselines/duckdb-returns.mjs <dir> <from> <to>\n");
  process.exit(2);
}
const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;
const csv = (name, types) => `read_csv(${lit(join(dir, name))}, header = true, types = ${types})`;

const started = performance.now();
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const sql = `
WITH o AS MATERIALIZED (
  SELECT order_id
  FROM ${csv("orders.csv", "{'order_id': 'VARCHAR', 'placed_at': 'TIMESTAMPTZ', 'status': 'VARCHAR', 'test': 'BOOLEAN'}")}
  WHERE placed_at >= ${lit(from)}::TIMESTAMPTZ AND placed_at < ${lit(to)}::TIMESTAMPTZ
    AND NOT coalesce(test, false) AND lower(trim(coalesce(status, 'paid'))) <> 'cancelled'
),
l AS (
  SELECT sum(quantity) AS units, CAST(round(sum(unit_price * quantity - coalesce(discount, 0)) * 100) AS BIGINT) AS merchandise
  FROM ${csv("order_lines.csv", "{'order_id': 'VARCHAR', 'quantity': 'BIGINT', 'unit_price': 'DECIMAL(18,2)', 'discount': 'DECIMAL(18,2)'}")}
  WHERE order_id IN (SELECT order_id FROM o)
),
r AS (
  SELECT sum(quantity) AS returned_units, count(DISTINCT order_id) AS returned_orders, CAST(round(sum(refund_amount) * 100) AS BIGINT) AS refunds
  FROM ${csv("returns.csv", "{'order_id': 'VARCHAR', 'quantity': 'BIGINT', 'refund_amount': 'DECIMAL(18,2)'}")}
  WHERE order_id IN (SELECT order_id FROM o)
)
SELECT (SELECT count(*) FROM o) AS orders, units, merchandise, returned_units, returned_orders, refunds FROM l, r`;
const reader = await connection.runAndReadAll(sql);
const row = reader.getRowObjectsJS()[0] ?? {};
const out = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]));
out.query_ms = Math.round(performance.now() - started);
connection.closeSync();
instance.closeSync();
process.stdout.write(`${JSON.stringify(out)}\n`);
