/**
 * Server-side TCP keepalive for every Postgres session: a host that vanishes (power, network)
 * without closing its connection is found dead after idle + interval x count = 10 + 5 x 3 = 25 s,
 * and its session ends, which releases its advisory locks. A process that dies on a living host
 * closes its socket and is released at once.
 */
export const PG_KEEPALIVE = { idle: 10, interval: 5, count: 3 } as const;
export const LOCK_RELEASE_BOUND_SECONDS = PG_KEEPALIVE.idle + PG_KEEPALIVE.interval * PG_KEEPALIVE.count;
