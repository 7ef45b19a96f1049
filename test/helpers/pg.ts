/** A fresh database on the test cluster for one test file (or one test), dropped by nobody: the cluster goes away. */
import pg from "pg";
import { inject } from "vitest";

let seq = 0;

export function pgAdminUrl(): string {
  const url = inject("pgAdminUrl");
  if (!url) throw new Error(`no PostgreSQL for the tests: ${inject("pgStartError")}`);
  return url;
}

/** Creates an empty database; resolves to its URL. */
export async function freshDatabase(prefix = "t"): Promise<string> {
  const admin = pgAdminUrl();
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++seq}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement as the test superuser on a database (pg_terminate_backend, checks). */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}
