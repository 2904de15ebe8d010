// Types for scripts/postgres.mjs, so TypeScript tests and benchmarks can start a throwaway cluster.
export interface ThrowawayPostgres {
  /** URL of the cluster's `postgres` database. */
  url: string;
  /** `postgresql://postgres@127.0.0.1:<port>`: append `/<database>`. */
  base: string;
  port: number;
  dir: string;
  /** Create an empty database (name: lower-case letters, digits, `_`); returns its URL. */
  createDatabase(name: string): string;
  /** Stop the cluster and delete its data; safe to call twice. */
  stop(): void;
}
export function startThrowawayPostgres(options?: { port?: number; fast?: boolean; maxConnections?: number }): Promise<ThrowawayPostgres>;
export function postgresBin(): string;
export function freePort(): Promise<number>;
