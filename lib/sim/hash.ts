/**
 * Stable string hashing for partition assignment. The same key always lands on the same
 * partition, on every machine and in every run: that is what per-key ordering rests on.
 */

/** FNV-1a (32-bit) over the key's UTF-16 code units; returns an unsigned 32-bit integer. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Partition index in `[0, partitions)` for a message key. */
export function partitionForKey(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  return hashKey(key) % partitions;
}
