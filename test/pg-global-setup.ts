/**
 * vitest globalSetup: one PostgreSQL cluster for the whole run (see helpers/pg-cluster.ts). Tests
 * get its admin URL with inject("pgAdminUrl") and make a database of their own (helpers/pg.ts).
 * When no server can be started, the reason is handed on instead, and every Postgres test fails
 * with it: none is skipped.
 */
import type { TestProject } from "vitest/node";
import { type PgCluster, startCluster } from "./helpers/pg-cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgStartError: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  let cluster: PgCluster | undefined;
  try {
    cluster = await startCluster();
    project.provide("pgAdminUrl", cluster.adminUrl);
    project.provide("pgStartError", "");
  } catch (e) {
    project.provide("pgAdminUrl", "");
    project.provide("pgStartError", (e as Error).message);
  }
  return () => cluster?.stop();
}
