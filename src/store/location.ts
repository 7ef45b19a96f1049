/**
 * Where the state lives: `postgres://user@host:5432/db` (team mode), `sqlite:path`, or a plain
 * path (SQLite, the default). A Postgres password is never written in the setting: it comes from
 * `password=env:NAME` (or `user:env:NAME@`), PGPASSWORD, or ~/.pgpass, which node-postgres reads.
 * TLS options ride in the URL as libpq spells them: sslmode, sslrootcert (a CA file), sslcert, sslkey.
 */
import { resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import { msg } from "../core/i18n/index.js";

export type StateLocation =
  | { backend: "sqlite"; path: string }
  | {
      backend: "postgres";
      /** The URL as node-postgres takes it (no password in it). */
      connectionString: string;
      password?: string;
      /** The URL for messages. */
      display: string;
    };

const ENV_REF = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

function envPassword(ref: string, env: NodeJS.ProcessEnv): string {
  const m = ENV_REF.exec(ref);
  if (!m) {
    throw new UsageError(msg("state.url_password"), msg("state.url_password_hint"));
  }
  const name = m[1] as string;
  const value = env[name];
  if (value === undefined || value === "") {
    throw new UsageError(msg("state.url_env_unset", { name }), msg("state.url_env_hint", { name }));
  }
  return value;
}

export function parseStateLocation(setting: string, baseDir: string, env: NodeJS.ProcessEnv = process.env): StateLocation {
  if (/^postgres(ql)?:\/\//i.test(setting)) {
    let url: URL;
    try {
      url = new URL(setting);
    } catch {
      throw new UsageError(msg("state.url_invalid", { url: setting }), msg("state.url_invalid_hint"));
    }
    let password: string | undefined;
    if (url.password !== "") {
      const ref = decodeURIComponent(url.password);
      // `user:env:NAME@host`: the URL parser keeps "env:NAME" as the password.
      password = envPassword(ref, env);
      url.password = "";
    }
    const param = url.searchParams.get("password");
    if (param !== null) {
      password = envPassword(param, env);
      url.searchParams.delete("password");
    }
    const connectionString = url.toString();
    return { backend: "postgres", connectionString, ...(password !== undefined ? { password } : {}), display: connectionString };
  }
  const path = setting.startsWith("sqlite:") ? setting.slice("sqlite:".length) : setting;
  return { backend: "sqlite", path: path === ":memory:" ? path : resolve(baseDir, path) };
}
