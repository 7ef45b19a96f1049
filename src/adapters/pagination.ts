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
