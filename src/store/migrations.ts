/**
 * Schema migrations, applied in order; never edit one that has shipped, add the next.
 * Instants are integer epoch milliseconds, money integer minor units, days YYYY-MM-DD text.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (
    store TEXT NOT NULL,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (store, key)
  );

  CREATE TABLE locks (
    store        TEXT NOT NULL,
    job          TEXT NOT NULL,
    holder_pid   INTEGER NOT NULL,
    holder_host  TEXT NOT NULL,
    holder_cmd   TEXT NOT NULL,
    acquired_at  INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    token        TEXT NOT NULL,
    PRIMARY KEY (store, job)
  );

  CREATE TABLE sync_bookmarks (
    store      TEXT NOT NULL,
    stream     TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (store, stream)
  );

  CREATE TABLE products (
    store       TEXT NOT NULL,
    id          TEXT NOT NULL,
    handle      TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT,
    vendor      TEXT,
    category    TEXT,
    tags        TEXT,
    status      TEXT NOT NULL,
    PRIMARY KEY (store, id)
  );

  CREATE TABLE variants (
    store          TEXT NOT NULL,
    sku            TEXT NOT NULL,
    product_id     TEXT NOT NULL,
    options        TEXT NOT NULL,
    price          INTEGER NOT NULL,
    compare_at     INTEGER,
    cost           INTEGER,
    currency       TEXT NOT NULL,
    barcode        TEXT,
    weight_grams   INTEGER,
    inventory      INTEGER,
    PRIMARY KEY (store, sku),
    FOREIGN KEY (store, product_id) REFERENCES products (store, id)
  );

  CREATE TABLE orders (
    store       TEXT NOT NULL,
    id          TEXT NOT NULL,
    number      TEXT,
    placed_at   INTEGER NOT NULL,
    currency    TEXT NOT NULL,
    status      TEXT NOT NULL,
    test        INTEGER NOT NULL DEFAULT 0,
    customer_id TEXT,
    source      TEXT,
    subtotal    INTEGER NOT NULL,
    discount    INTEGER NOT NULL,
    shipping    INTEGER NOT NULL,
    tax         INTEGER NOT NULL,
    total       INTEGER NOT NULL,
    coupon_code TEXT,
    PRIMARY KEY (store, id)
  );
  CREATE INDEX orders_by_time ON orders (store, placed_at, id);

  CREATE TABLE order_lines (
    store      TEXT NOT NULL,
    order_id   TEXT NOT NULL,
    line_no    INTEGER NOT NULL,
    sku        TEXT NOT NULL,
    product_id TEXT,
    title      TEXT,
    options    TEXT,
    category   TEXT,
    quantity   INTEGER NOT NULL,
    unit_price INTEGER NOT NULL,
    discount   INTEGER NOT NULL,
    PRIMARY KEY (store, order_id, line_no),
    FOREIGN KEY (store, order_id) REFERENCES orders (store, id) ON DELETE CASCADE
  );

  CREATE TABLE returns (
    store         TEXT NOT NULL,
    id            TEXT NOT NULL,
    order_id      TEXT NOT NULL,
    sku           TEXT,
    quantity      INTEGER NOT NULL,
    refund_amount INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    requested_at  INTEGER NOT NULL,
    refunded_at   INTEGER,
    reason        TEXT,
    reason_code   TEXT,
    status        TEXT,
    PRIMARY KEY (store, id)
  );
  CREATE INDEX returns_by_time ON returns (store, requested_at, id);

  CREATE TABLE traffic (
    store      TEXT NOT NULL,
    day        TEXT NOT NULL,
    source     TEXT NOT NULL,
    page_views INTEGER,
    visitors   INTEGER,
    sessions   INTEGER,
    ad_spend   INTEGER,
    currency   TEXT,
    PRIMARY KEY (store, day, source)
  );

  CREATE TABLE tickets (
    store             TEXT NOT NULL,
    id                TEXT NOT NULL,
    channel           TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    first_response_at INTEGER,
    resolved_at       INTEGER,
    status            TEXT NOT NULL,
    rating            INTEGER,
    order_id          TEXT,
    PRIMARY KEY (store, id)
  );
  CREATE INDEX tickets_by_time ON tickets (store, created_at, id);

  CREATE TABLE kpi_history (
    store        TEXT NOT NULL,
    period_first TEXT NOT NULL,
    period_last  TEXT NOT NULL,
    metric       TEXT NOT NULL,
    value        REAL,
    generated_at INTEGER NOT NULL,
    PRIMARY KEY (store, period_first, period_last, metric)
  );
  `,
  // 2: catalog import (option axes, images, the import journal) and orders sync (updated_at).
  `
  ALTER TABLE products ADD COLUMN options TEXT;
  ALTER TABLE products ADD COLUMN images TEXT;
  ALTER TABLE products ADD COLUMN updated_at INTEGER;
  ALTER TABLE variants ADD COLUMN image TEXT;
  CREATE INDEX products_by_handle ON products (store, handle);
  CREATE INDEX variants_by_product ON variants (store, product_id);

  ALTER TABLE orders ADD COLUMN updated_at INTEGER;

  -- One row per catalog import run; a run that did not finish can be resumed (--resume).
  CREATE TABLE import_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    store       TEXT NOT NULL,
    job         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    mode        TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    status      TEXT NOT NULL
  );
  CREATE INDEX import_runs_by_input ON import_runs (store, job, fingerprint, id);

  -- What a run has already applied, by product handle: written in the same transaction as a
  -- local write, or right after a remote batch answered, so a resumed run skips exactly these.
  CREATE TABLE import_items (
    run_id    INTEGER NOT NULL,
    key       TEXT NOT NULL,
    status    TEXT NOT NULL,
    remote_id TEXT,
    message   TEXT,
    PRIMARY KEY (run_id, key),
    FOREIGN KEY (run_id) REFERENCES import_runs (id) ON DELETE CASCADE
  );
  `,
  // 3: shipments and courier tracking; competitor price snapshots.
  `
  CREATE TABLE shipments (
    store           TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    courier         TEXT NOT NULL,
    order_id        TEXT NOT NULL,
    status          TEXT NOT NULL,
    -- Lines shipped (JSON [{sku, quantity}]), when the sheet named them.
    lines           TEXT,
    destination     TEXT,
    label_at        INTEGER,
    shipped_at      INTEGER,
    first_scan_at   INTEGER,
    delivered_at    INTEGER,
    last_event_at   INTEGER,
    last_checked_at INTEGER,
    -- Fulfilment on the platform: null until pushed, then the platform's id or "unchanged".
    pushed_at       INTEGER,
    remote_id       TEXT,
    pushed_status   TEXT,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (store, tracking_number)
  );
  CREATE INDEX shipments_open ON shipments (store, status);
  CREATE INDEX shipments_by_order ON shipments (store, order_id);
  CREATE INDEX orders_by_number ON orders (store, number);

  CREATE TABLE shipment_events (
    store           TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    at              INTEGER NOT NULL,
    status          TEXT NOT NULL,
    description     TEXT NOT NULL,
    location        TEXT,
    raw_status      TEXT,
    PRIMARY KEY (store, tracking_number, at, description)
  );

  -- When each provider was last asked about a number (Kuaidi100: not again within 30 minutes).
  CREATE TABLE courier_queries (
    provider        TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    queried_at      INTEGER NOT NULL,
    PRIMARY KEY (provider, tracking_number)
  );

  -- One row per snapshot of one query; entries are never overwritten: snapshots are history.
  CREATE TABLE price_snapshots (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    query     TEXT NOT NULL,
    taken_at  INTEGER NOT NULL,
    top       INTEGER NOT NULL,
    sources   TEXT NOT NULL,
    failures  TEXT
  );
  CREATE INDEX price_snapshots_by_query ON price_snapshots (query, taken_at);

  CREATE TABLE price_entries (
    snapshot_id  INTEGER NOT NULL,
    rank         INTEGER NOT NULL,
    source       TEXT NOT NULL,
    competitor   TEXT,
    title        TEXT NOT NULL,
    url          TEXT NOT NULL,
    price        INTEGER,
    price_max    INTEGER,
    compare_at   INTEGER,
    currency     TEXT NOT NULL,
    in_stock     INTEGER NOT NULL,
    promotion    TEXT,
    promotion_parsed TEXT,
    PRIMARY KEY (snapshot_id, source, url),
    FOREIGN KEY (snapshot_id) REFERENCES price_snapshots (id) ON DELETE CASCADE
  );
  `,
  // 4 (issue 11): catalog import takes real catalogs: variants without a SKU and SKUs shared by
  // several variants (Shopify allows both), the canonical attributes beside the display values,
  // the store's own option names and the variants' order. A variant's row is keyed within its
  // product by its option values (folded, core/catalog/identity.ts optionsKey), which are unique
  // in a product; the SKU is an indexed attribute, no longer the key.
  `
  CREATE TABLE variants_new (
    store          TEXT NOT NULL,
    product_id     TEXT NOT NULL,
    okey           TEXT NOT NULL,
    sku            TEXT,
    position       INTEGER NOT NULL DEFAULT 0,
    options        TEXT NOT NULL,
    attributes     TEXT,
    price          INTEGER NOT NULL,
    compare_at     INTEGER,
    cost           INTEGER,
    currency       TEXT NOT NULL,
    barcode        TEXT,
    weight_grams   INTEGER,
    inventory      INTEGER,
    image          TEXT,
    PRIMARY KEY (store, product_id, okey),
    FOREIGN KEY (store, product_id) REFERENCES products (store, id)
  );
  -- Stored options are JSON objects; the key needs their folded values in key order, which only
  -- the application computes: existing rows get their SKU as a provisional key, rewritten on the
  -- product's next write (a SKU was unique per store, so it is unique per product too).
  INSERT INTO variants_new (store, product_id, okey, sku, position, options, price, compare_at, cost, currency, barcode, weight_grams, inventory, image)
    SELECT store, product_id, 'sku:' || sku, sku, 0, options, price, compare_at, cost, currency, barcode, weight_grams, inventory, image FROM variants;
  DROP TABLE variants;
  ALTER TABLE variants_new RENAME TO variants;
  CREATE INDEX variants_by_sku ON variants (store, sku);
  ALTER TABLE products ADD COLUMN option_names TEXT;
  `,
  // 5 (issue 18): marketplace offers (Taobao/Tmall, JD, Pinduoduo): the coupon (满减) and its threshold, the
  // price after coupon, sales volume (lower bound and as shown); per-snapshot notes on how each
  // source searched (Shopify predictive search or the /products.json scan).
  `
  ALTER TABLE price_entries ADD COLUMN coupon_amount INTEGER;
  ALTER TABLE price_entries ADD COLUMN coupon_threshold INTEGER;
  ALTER TABLE price_entries ADD COLUMN final_price INTEGER;
  ALTER TABLE price_entries ADD COLUMN sales INTEGER;
  ALTER TABLE price_entries ADD COLUMN sales_text TEXT;
  ALTER TABLE price_snapshots ADD COLUMN notes TEXT;
  `,
  // 6: the morning digest: what it already reported (a finding is new once), and each store's
  // last orders sync, successful or not (the digest flags stale data).
  `
  CREATE TABLE digest_findings (
    store          TEXT NOT NULL,
    -- Stable identity of a finding: section, subject and, where it recurs, its period.
    key            TEXT NOT NULL,
    section        TEXT NOT NULL,
    first_reported INTEGER NOT NULL,
    last_seen      INTEGER NOT NULL,
    PRIMARY KEY (store, key)
  );

  CREATE TABLE sync_runs (
    store           TEXT NOT NULL,
    stream          TEXT NOT NULL,
    last_success_at INTEGER,
    last_failure_at INTEGER,
    last_error      TEXT,
    PRIMARY KEY (store, stream)
  );
  `,
  // 7 (issue 19): wholesale costs keep up to 4 decimals: the cost as written, beside the rounded one.
  `
  ALTER TABLE variants ADD COLUMN cost_decimal TEXT;
  `,
  // 8 (issue 18): the rank each price source gave an offer (a marketplace's TOP10 position), beside the merged rank.
  `
  ALTER TABLE price_entries ADD COLUMN source_rank INTEGER;
  `,
  // 9 (issue 13): refunds are stored with their orders by orders sync; each synced order replaces its
  // refunds, found by order.
  `
  CREATE INDEX returns_by_order ON returns (store, order_id);
  `,
];
