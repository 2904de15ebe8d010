export interface LogRecord<V> {
  partition: number;
  offset: number;
  key: string;
  value: V;
}

/** 32-bit FNV-1a over the key's UTF-16 code units, modulo the partition count. Use it unchanged. */
export function partitionFor(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

export class PartitionedLog<V> {
  constructor(partitions: number) {
    // TODO
  }

  /** Append to the key's partition; return the record's partition and offset. */
  append(key: string, value: V): { partition: number; offset: number } {
    // TODO
    return { partition: 0, offset: 0 };
  }

  /** Up to `max` records of `partition` from `offset`, in order. */
  read(partition: number, offset: number, max: number): LogRecord<V>[] {
    // TODO
    return [];
  }

  /** The offset the next record appended to `partition` will get. */
  endOffset(partition: number): number {
    // TODO
    return 0;
  }

  /** Read from the group's committed offset without moving it. */
  poll(group: string, partition: number, max: number): LogRecord<V>[] {
    // TODO
    return [];
  }

  /** Set the group's offset for `partition` (backwards = replay). */
  commit(group: string, partition: number, offset: number): void {
    // TODO
  }

  /** The group's offset for `partition`; 0 if it never committed. */
  committed(group: string, partition: number): number {
    // TODO
    return 0;
  }

  /** How far the group is behind the end of `partition`. */
  lag(group: string, partition: number): number {
    // TODO
    return 0;
  }
}
