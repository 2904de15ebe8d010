import { LAB_WORKER_SOURCE } from "@/lib/lab/browser-worker-source";

export const dynamic = "force-static";

/**
 * The lab's service sandbox (a classic Web Worker script, see lib/lab/browser-executor.ts).
 *
 * A worker loaded from a URL is governed by the CSP of its own response, so this policy is what keeps a shared
 * design's code from calling this site's API with the viewer's cookies: no fetch/XHR/WebSocket/EventSource
 * (connect-src), no importScripts or import() (script-src without a source), no nested workers. 'unsafe-eval'
 * is needed because the worker builds the service with `new Function`.
 */
export function GET() {
  return new Response(LAB_WORKER_SOURCE, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "content-security-policy": "default-src 'none'; script-src 'unsafe-eval'; connect-src 'none'; worker-src 'none'",
      "x-content-type-options": "nosniff",
      "cache-control": "public, max-age=300",
    },
  });
}
