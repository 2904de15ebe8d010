/**
 * A `ServiceExecutor` for Node (tests and server-side previews): each call runs the lab's worker source
 * (browser-worker-source.ts, the same text the browser runs) in a fresh worker thread dressed as a dedicated
 * worker, terminated when the call finishes or its timeout expires, so an infinite loop costs one timeout.
 *
 * This is isolation from the runner, not a security sandbox: the lockdown takes the network and the channel back
 * to the host, but code in a thread can still reach Node's own globals (`process`). Grading untrusted code on the
 * server goes through QuickJS (see docs/architecture.md); the browser uses a Web Worker.
 */
import { threadWorker } from "@/lib/sandbox/thread";
import { createLabExecutor } from "./browser-executor";
import { LAB_WORKER_SOURCE } from "./browser-worker-source";
import type { ServiceExecutor } from "./contract";

export interface NodeExecutorOptions {
  /** V8 old-generation heap cap per call, in MiB; exceeding it fails the call with an out-of-memory error. */
  memoryLimitMb?: number;
  /** How long a worker may take to start before the call fails, in milliseconds. Default 15000. */
  startupTimeoutMs?: number;
}

/** Creates an executor that runs each call in its own worker thread. */
export function createNodeExecutor(options: NodeExecutorOptions = {}): ServiceExecutor {
  const memoryLimitMb = options.memoryLimitMb ?? 64;
  const startupTimeoutMs = options.startupTimeoutMs ?? 15_000;
  return createLabExecutor({
    createWorker: () => threadWorker(LAB_WORKER_SOURCE, { resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 } }),
    startupTimeoutMs,
    slowStartMessage: `The service did not start within ${startupTimeoutMs} ms; the machine may be overloaded.`,
    memoryLimitMb,
  });
}
