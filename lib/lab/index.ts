/**
 * The architecture lab's pure core: safe to import from client components.
 *
 * `node-executor.ts` is deliberately not re-exported: it imports
 * `node:worker_threads` and is for tests and server code only. The browser
 * supplies its own `ServiceExecutor` (a Web Worker built from
 * `serviceFunctionBody`).
 */
export * from "./design";
export * from "./diagnosis";
export * from "./contract";
export * from "./database";
export * from "./json";
export * from "./queue-driver";
export * from "./run-flow";
export * from "./templates";
export * from "./tasks";
