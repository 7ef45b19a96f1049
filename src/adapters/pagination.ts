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
