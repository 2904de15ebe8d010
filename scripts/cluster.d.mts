// Types for scripts/cluster.mjs, so TypeScript tests and benchmarks can start a whole deployment.
import type { ChildProcess } from "node:child_process";

export interface ClusterWeb {
  /** `http://127.0.0.1:<port>` */
  base: string;
  port: number;
  child: ChildProcess;
}
export interface Cluster {
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  webs: ClusterWeb[];
  /** The `npm run worker` process of each worker (the leader of its process group), replaced by startWorker. */
  workers: ChildProcess[];
  /** Start worker `i` again (after kill). */
  startWorker(i: number): ChildProcess;
  /** SIGKILL worker `i`'s whole process group (npm, tsx, node): no goodbye. */
  kill(i: number): void;
  /** Kill every process, wait until they are gone, then stop PostgreSQL and delete its data. */
  stop(): Promise<void>;
}
export function waitForOk(url: string, options?: { timeoutMs?: number; child?: ChildProcess }): Promise<void>;
export function startCluster(options?: { webs?: number; workers?: number; env?: Record<string, string>; log?: string }): Promise<Cluster>;
