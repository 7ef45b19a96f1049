/**
 * Hands a reader's parsed rows out in batches of a fixed size, once, closing the reader when the
 * consumer finishes or stops early. Shared by the CSV and XLSX readers.
 */
export interface RowSource<T> {
  /** Rows parsed and not yet handed out; the caller takes them all. */
  take(): T[];
  /** How many rows are waiting. */
  waiting(): number;
  /** Reads and parses more; false once nothing more can come. */
  pull(): Promise<boolean>;
  close(): Promise<void>;
}

export function batchesOf<T>(source: RowSource<T>, batchSize: number): () => AsyncGenerator<T[]> {
  let iterated = false;
  return async function* batches(): AsyncGenerator<T[]> {
    if (iterated) throw new Error("OpenedTable.batches() can be iterated only once");
    iterated = true;
    let carry: T[] = [];
    try {
      for (;;) {
        while (carry.length + source.waiting() < batchSize && (await source.pull())) {}
        const all = carry.length > 0 ? carry.concat(source.take()) : source.take();
        carry = [];
        if (all.length === 0) break;
        if (all.length <= batchSize) {
          yield all;
          continue;
        }
        // One chunk can hold many small rows: hand them out batchSize at a time.
        let i = 0;
        for (; all.length - i >= batchSize; i += batchSize) yield all.slice(i, i + batchSize);
        if (i < all.length) carry = all.slice(i);
      }
    } finally {
      await source.close();
    }
  };
}
