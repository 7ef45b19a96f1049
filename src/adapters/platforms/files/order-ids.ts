/**
 * The order ids of one pass over an export: which were seen (an order's rows must be adjacent, so
 * a second sighting is an error) and which are counted orders (returns of other ids are orphans).
 * Numeric ids (Shopify "#1001", Taobao "1930679858170647" when small enough) live in bitsets:
 * a million Shopify order names take 250 KB instead of tens of megabytes of map entries. Other
 * ids, and numbers beyond the bitsets' reach, go to a map that also keeps their first row.
 */

/** Ids up to this (per prefix) go in the bitsets: 2^26 bits = 8 MB at most per bitset. */
const BITSET_LIMIT = 2 ** 26;
const NUMERIC_ID = /^(#?)([1-9]\d{0,14})$/;

class Bits {
  private bytes = new Uint8Array(1024);

  has(i: number): boolean {
    const b = i >> 3;
    return b < this.bytes.length && ((this.bytes[b] as number) & (1 << (i & 7))) !== 0;
  }

  set(i: number, on: boolean): void {
    const b = i >> 3;
    if (b >= this.bytes.length) {
      if (!on) return;
      let n = this.bytes.length * 2;
      while (n <= b) n *= 2;
      const grown = new Uint8Array(n);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    if (on) this.bytes[b] = (this.bytes[b] as number) | (1 << (i & 7));
    else this.bytes[b] = (this.bytes[b] as number) & ~(1 << (i & 7));
  }
}

export class OrderIds {
  /** [seen, counted] per prefix: plain digits and "#" digits. */
  private readonly bits = { plain: [new Bits(), new Bits()], hash: [new Bits(), new Bits()] } as const;
  /** Other ids: first row, negative when the id is not a counted order. */
  private readonly other = new Map<string, number>();

  private slot(id: string): { bits: readonly [Bits, Bits]; n: number } | undefined {
    const m = NUMERIC_ID.exec(id);
    if (!m) return undefined;
    const n = Number(m[2]);
    if (n >= BITSET_LIMIT) return undefined;
    return { bits: m[1] ? this.bits.hash : this.bits.plain, n };
  }

  /** Whether the id was seen before; when it is a map id, the row it was first seen on. */
  seen(id: string): { row?: number } | undefined {
    const s = this.slot(id);
    if (s) return s.bits[0].has(s.n) ? {} : undefined;
    const row = this.other.get(id);
    return row === undefined ? undefined : { row: Math.abs(row) };
  }

  /** First sighting of an id: a counted order until `notCounted` says otherwise. */
  add(id: string, row: number): void {
    const s = this.slot(id);
    if (s) {
      s.bits[0].set(s.n, true);
      s.bits[1].set(s.n, true);
    } else this.other.set(id, row);
  }

  notCounted(id: string): void {
    const s = this.slot(id);
    if (s) s.bits[1].set(s.n, false);
    else {
      const row = this.other.get(id);
      if (row !== undefined) this.other.set(id, -Math.abs(row));
    }
  }

  isOrder(id: string): boolean {
    const s = this.slot(id);
    if (s) return s.bits[1].has(s.n);
    return (this.other.get(id) ?? 0) > 0;
  }
}
