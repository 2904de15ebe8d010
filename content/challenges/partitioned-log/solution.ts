export interface LogRecord<V> {
  partition: number;
  offset: number;
  key: string;
  value: V;
}

/** 32-bit FNV-1a over the key's UTF-16 code units, modulo the partition count. */
export function partitionFor(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

const isWhole = (n: number, min: number) => Number.isInteger(n) && n >= min;

export class PartitionedLog<V> {
  private readonly partitions: LogRecord<V>[][];
  /** group -> committed offset per partition. */
  private offsets = new Map<string, number[]>();

  constructor(partitions: number) {
    if (!isWhole(partitions, 1)) throw new RangeError(`partitions must be a whole number >= 1, got ${partitions}`);
    this.partitions = Array.from({ length: partitions }, () => []);
  }

  private log(partition: number): LogRecord<V>[] {
    if (!isWhole(partition, 0) || partition >= this.partitions.length) {
      throw new RangeError(`partition must be 0..${this.partitions.length - 1}, got ${partition}`);
    }
    return this.partitions[partition];
  }

  append(key: string, value: V): { partition: number; offset: number } {
    const partition = partitionFor(key, this.partitions.length);
    const log = this.partitions[partition];
    const offset = log.length;
    log.push({ partition, offset, key, value });
    return { partition, offset };
  }

  read(partition: number, offset: number, max: number): LogRecord<V>[] {
    const log = this.log(partition);
    if (!isWhole(offset, 0)) throw new RangeError(`offset must be a whole number >= 0, got ${offset}`);
    if (!isWhole(max, 1)) throw new RangeError(`max must be a whole number >= 1, got ${max}`);
    // Copies: callers may mutate what they get without touching the log.
    return log.slice(offset, offset + max).map((r) => ({ ...r }));
  }

  endOffset(partition: number): number {
    return this.log(partition).length;
  }

  poll(group: string, partition: number, max: number): LogRecord<V>[] {
    return this.read(partition, this.committed(group, partition), max);
  }

  commit(group: string, partition: number, offset: number): void {
    const end = this.endOffset(partition);
    if (!isWhole(offset, 0) || offset > end) throw new RangeError(`offset must be a whole number in 0..${end}, got ${offset}`);
    let offsets = this.offsets.get(group);
    if (!offsets) {
      offsets = new Array<number>(this.partitions.length).fill(0);
      this.offsets.set(group, offsets);
    }
    offsets[partition] = offset;
  }

  committed(group: string, partition: number): number {
    this.log(partition);
    return this.offsets.get(group)?.[partition] ?? 0;
  }

  lag(group: string, partition: number): number {
    return this.endOffset(partition) - this.committed(group, partition);
  }
}
