/**
 * Guards for paged listings. A server that says another page follows but gives no cursor, or gives
 * a cursor it gave before (a cache or proxy replaying an answer, an API bug), would have merchops ask
 * for pages for ever, or stop silently with part of the data. Both stop the run with an AdapterError
 * (exit 5) naming the listing instead.
 */
import { type Message, msg } from "../core/i18n/index.js";
import { AdapterError } from "../http/index.js";

export interface ListingName {
  platform: string;
  storeName?: string;
  /** What is being listed: a catalog message ("products", "lines of gid://shopify/Order/1") or an API route. */
  what: string | Message;
}

/** The cursors one listing was given, in order. */
export class CursorTrail {
  private readonly seen = new Set<string>();

  constructor(private readonly listing: ListingName) {}

  /** The cursor to ask for the next page with: a new, non-empty one, or an AdapterError. */
  next(cursor: string | null | undefined): string {
    const { platform, storeName, what } = this.listing;
    const pages = this.seen.size + 1;
    if (cursor === null || cursor === undefined || cursor === "") {
      throw new AdapterError(msg("adapter.paging.no_cursor", { what, pages }), {
        platform,
        ...(storeName !== undefined ? { storeName } : {}),
        code: "PAGINATION_BROKEN",
        hint: msg("adapter.paging.no_cursor_hint"),
      });
    }
    if (this.seen.has(cursor)) {
      throw new AdapterError(msg("adapter.paging.cursor_loop", { what, pages }), {
        platform,
        ...(storeName !== undefined ? { storeName } : {}),
        code: "PAGINATION_LOOP",
        hint: msg("adapter.paging.cursor_loop_hint"),
      });
    }
    this.seen.add(cursor);
    return cursor;
  }
}

/**
 * Page-numbered listings (?page=N): a page that holds exactly the records of the page before means the
 * page number is ignored (a cache keyed without the query string) and would read the same records for
 * every page; an empty page before the last page the listing claims would stop it with part of the data.
 */
export class PageNumbers {
  private previous: string | undefined;

  constructor(private readonly listing: ListingName) {}

  /** Checks page `page` holding records with these `ids` (undefined: a record without one), of `claimed` pages in all. */
  check(page: number, ids: readonly (string | undefined)[], claimed: number): void {
    const { platform, storeName, what } = this.listing;
    const at = { platform, ...(storeName !== undefined ? { storeName } : {}) };
    if (ids.length === 0 && page < claimed) {
      throw new AdapterError(msg("adapter.paging.empty_page", { what, page, claimed }), {
        ...at,
        code: "PAGINATION_BROKEN",
        hint: msg("adapter.paging.empty_page_hint"),
      });
    }
    // Only records that all carry an id can be told apart.
    const key = ids.every((id) => id !== undefined) ? ids.join("\u0000") : undefined;
    if (ids.length > 0 && key !== undefined && key === this.previous) {
      throw new AdapterError(msg("adapter.paging.page_ignored", { what, page, previous: page - 1 }), {
        ...at,
        code: "PAGINATION_LOOP",
        hint: msg("adapter.paging.page_ignored_hint"),
      });
    }
    this.previous = key;
  }
}

/**
 * Offset-paged listings (?page=N) that change while they are read: a record on a page already read
 * that changes (and moves to the end of a listing ordered by change time) or is deleted makes every
 * later record slide one place towards the start, and the first record of the next page is never
 * read. Seen as a record read twice, or a total that shrank. The listing is then read again from
 * page 1, skipping what was read; `restarts` bounds how often.
 */
export class ShiftingListing {
  private readonly read = new Set<string>();
  /** Read in this pass: a record met twice in one pass has moved behind the reader. */
  private pass = new Set<string>();
  private firstTotal: number | undefined;
  private restarts = 0;

  constructor(
    private readonly listing: ListingName,
    private readonly maxRestarts = 3,
  ) {}

  /** A new pass from page 1 (the total of its first page is the one to compare with). */
  startPass(): void {
    this.firstTotal = undefined;
    this.pass = new Set();
  }

  /**
   * Takes one page: the records not read before (records without an id always pass), and whether
   * the listing slid under the reader (then read it again from page 1 once this pass ends).
   */
  take<T>(records: readonly T[], idOf: (r: T) => string | undefined, total: number | undefined): { fresh: T[]; shifted: boolean } {
    let shifted = false;
    const fresh: T[] = [];
    for (const r of records) {
      const id = idOf(r);
      if (id !== undefined && this.pass.has(id)) shifted = true;
      if (id !== undefined) this.pass.add(id);
      if (id !== undefined && this.read.has(id)) continue;
      if (id !== undefined) this.read.add(id);
      fresh.push(r);
    }
    if (total !== undefined && Number.isFinite(total)) {
      if (this.firstTotal === undefined) this.firstTotal = total;
      else if (total < this.firstTotal) shifted = true;
    }
    return { fresh, shifted };
  }

  /** Counts a restart; past the bound an AdapterError (exit 5): the store kept changing while read. */
  restart(): void {
    this.restarts++;
    if (this.restarts <= this.maxRestarts) return;
    const { platform, storeName, what } = this.listing;
    throw new AdapterError(msg("faults.paging.kept_shifting", { what, n: this.maxRestarts }), {
      platform,
      ...(storeName !== undefined ? { storeName } : {}),
      code: "PAGINATION_SHIFTING",
      hint: msg("faults.paging.kept_shifting_hint"),
    });
  }
}
