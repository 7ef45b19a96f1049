/**
 * Guards for paged listings. A server that says another page follows but gives no cursor, or gives
 * a cursor it gave before (a cache or proxy replaying an answer, an API bug), would have merchops ask
 * for pages for ever, or stop silently with part of the data. Both stop the run with an AdapterError
 * (exit 5) naming the listing instead.
 */
import { AdapterError } from "../http/index.js";

export interface ListingName {
  platform: string;
  storeName?: string;
  /** What is being listed: "products", "order lines of gid://shopify/Order/1". */
  what: string;
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
      throw new AdapterError(`the ${what} listing says more pages follow page ${pages} but gives no cursor to ask for them`, {
        platform,
        ...(storeName !== undefined ? { storeName } : {}),
        code: "PAGINATION_BROKEN",
        hint: "the platform (or a proxy in between) answered inconsistently; run again later, and report it to the platform if it persists",
      });
    }
    if (this.seen.has(cursor)) {
      throw new AdapterError(`the ${what} listing repeats a page cursor after ${pages} pages: the server is paging in a loop`, {
        platform,
        ...(storeName !== undefined ? { storeName } : {}),
        code: "PAGINATION_LOOP",
        hint: "the platform (or a cache in between) keeps answering the same page; run again later, and report it to the platform if it persists",
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
      throw new AdapterError(`the ${what} listing answered page ${page} empty but claims ${claimed} pages`, {
        ...at,
        code: "PAGINATION_BROKEN",
        hint: "the platform (or a cache in between) answered inconsistently, so the data would be partial; run again later",
      });
    }
    // Only records that all carry an id can be told apart.
    const key = ids.every((id) => id !== undefined) ? ids.join("\u0000") : undefined;
    if (ids.length > 0 && key !== undefined && key === this.previous) {
      throw new AdapterError(
        `the ${what} listing answered page ${page} with the same records as page ${page - 1}: the page number is ignored`,
        {
          ...at,
          code: "PAGINATION_LOOP",
          hint: "a cache or proxy in front of the store probably ignores the query string; exclude the API (/wp-json/) from caching",
        },
      );
    }
    this.previous = key;
  }
}
