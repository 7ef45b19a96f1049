// Reference for the duckdb_reference figure: the KPI report's headline aggregation over the same
// CSVs in DuckDB. Orders and GMV of orders placed in [from, to) that are neither test nor
// cancelled; paying customers (paid/fulfilled/refunded; an order without a customer counts as its
// own payer); units sold (lines of those orders); units returned (returns requested in the
// period); visitors and sessions of the period's traffic days (a day's "all" row wins over the sum
// of its sources). Money comes out in minor units. Prints one JSON object.
//
//   node bench/baselines/duckdb-kpi.mjs <dir> <from ISO instant> <to ISO instant> <first day> <last day>
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

const [dir, from, to, firstDay, lastDay] = process.argv.slice(2);
if (!dir || !from || !to || !firstDay || !lastDay) {
  process.stderr.write("usage: node bench/baselines/duckdb-kpi.mjs <dir> <from> <to> <first day> <last day>\n");
  process.exit(2);
}
const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;
const csv = (name, types) => `read_csv(${lit(join(dir, name))}, header = true, types = ${types})`;

const started = performance.now();
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const sql = `
WITH o AS MATERIALIZED (
  SELECT order_id, customer_id, status, total
  FROM ${csv("orders.csv", "{'order_id': 'VARCHAR', 'placed_at': 'TIMESTAMPTZ', 'status': 'VARCHAR', 'customer_id': 'VARCHAR', 'total': 'DECIMAL(18,2)', 'test': 'BOOLEAN'}")}
  WHERE placed_at >= ${lit(from)}::TIMESTAMPTZ AND placed_at < ${lit(to)}::TIMESTAMPTZ
    AND NOT coalesce(test, false) AND lower(trim(coalesce(status, 'paid'))) <> 'cancelled'
),
lines AS (
  SELECT sum(quantity) AS units
  FROM ${csv("order_lines.csv", "{'order_id': 'VARCHAR', 'quantity': 'BIGINT'}")}
  WHERE order_id IN (SELECT order_id FROM o)
),
ret AS (
  SELECT sum(quantity) AS returned_units
  FROM ${csv("returns.csv", "{'quantity': 'BIGINT', 'requested_at': 'TIMESTAMPTZ'}")}
  WHERE requested_at >= ${lit(from)}::TIMESTAMPTZ AND requested_at < ${lit(to)}::TIMESTAMPTZ
),
t AS (
  SELECT "date" AS day, lower(trim(source)) IN ('all', '全部') AS is_all, sum(visitors) AS visitors, sum(sessions) AS sessions
  FROM ${csv("traffic.csv", "{'date': 'DATE', 'source': 'VARCHAR', 'visitors': 'BIGINT', 'sessions': 'BIGINT'}")}
  WHERE "date" BETWEEN ${lit(firstDay)}::DATE AND ${lit(lastDay)}::DATE
  GROUP BY ALL
),
traffic AS (
  SELECT sum(visitors) AS visitors, sum(sessions) AS sessions
  FROM t WHERE is_all OR NOT EXISTS (SELECT 1 FROM t AS a WHERE a.day = t.day AND a.is_all)
)
SELECT
  (SELECT count(*) FROM o) AS orders,
  (SELECT CAST(coalesce(sum(total), 0) * 100 AS BIGINT) FROM o) AS gmv,
  (SELECT count(DISTINCT coalesce('c:' || customer_id, 'o:' || order_id)) FROM o
     WHERE lower(trim(coalesce(status, 'paid'))) IN ('paid', 'fulfilled', 'refunded')) AS paying_customers,
  (SELECT units FROM lines) AS units,
  (SELECT returned_units FROM ret) AS returned_units,
  (SELECT visitors FROM traffic) AS visitors,
  (SELECT sessions FROM traffic) AS sessions`;
const reader = await connection.runAndReadAll(sql);
const row = reader.getRowObjectsJS()[0] ?? {};
const out = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]));
out.query_ms = Math.round(performance.now() - started);
connection.closeSync();
instance.closeSync();
process.stdout.write(`${JSON.stringify(out)}\n`);
