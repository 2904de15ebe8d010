/**
 * Consistency checks over a state: every counter the engine maintains incrementally is recomputed
 * from the envelopes and compared. Returns human-readable violations (empty when consistent).
 * Used by the invariant tests after every step; cheap enough for debugging a widget too.
 */
import { readyCount } from "./broker";
import type { SimState } from "./types";

export function auditState(s: SimState): string[] {
  const bad: string[] = [];
  let backlog = 0;
  let inflight = 0;
  let dead = 0;
  const delayed: Record<string, number> = {};
  const qInflight: Record<string, number> = {};
  const queued: Record<string, Set<string>> = {};
  for (const env of Object.values(s.envelopes)) {
    const q = s.queues[env.queueId];
    if (!q) {
      bad.push(`${env.id}: unknown queue ${env.queueId}`);
      continue;
    }
    const brokerUnacked = env.status === "orphaned" || (env.status === "inflight" && env.ackedAtMs === null);
    if (q.role !== "dlq" && (env.status === "queued" || env.status === "delayed" || brokerUnacked)) backlog++;
    if (brokerUnacked) {
      inflight++;
      qInflight[q.id] = (qInflight[q.id] ?? 0) + 1;
    }
    if (env.status === "dead") {
      dead++;
      if (q.role !== "dlq") bad.push(`${env.id}: dead but in non-DLQ ${q.id}`);
    }
    if (env.status === "delayed") delayed[q.id] = (delayed[q.id] ?? 0) + 1;
    if (env.status === "queued" || env.status === "dead") (queued[q.id] ??= new Set()).add(env.id);
    if (env.status === "inflight") {
      const c = env.consumerId !== null ? s.consumers[env.consumerId] : undefined;
      if (!c) bad.push(`${env.id}: in flight at missing consumer ${env.consumerId}`);
      else if (!c.held.some((h) => h.envId === env.id && h.deliveryNo === env.deliveryNo)) bad.push(`${env.id}: in flight at ${c.id} but not held by it`);
    }
    const settledStatus = env.status === "acked" || env.status === "lost" || env.status === "dropped" || env.status === "rejected";
    if (settledStatus !== (env.settledAtMs !== null)) bad.push(`${env.id}: status ${env.status} but settledAtMs ${env.settledAtMs}`);
  }
  if (backlog !== s.totals.backlog) bad.push(`totals.backlog ${s.totals.backlog} != recomputed ${backlog}`);
  if (inflight !== s.totals.inflight) bad.push(`totals.inflight ${s.totals.inflight} != recomputed ${inflight}`);
  if (dead !== s.totals.dead) bad.push(`totals.dead ${s.totals.dead} != recomputed ${dead}`);
  for (const q of Object.values(s.queues)) {
    if ((delayed[q.id] ?? 0) !== q.delayed) bad.push(`${q.id}.delayed ${q.delayed} != recomputed ${delayed[q.id] ?? 0}`);
    if ((qInflight[q.id] ?? 0) !== q.inflight) bad.push(`${q.id}.inflight ${q.inflight} != recomputed ${qInflight[q.id] ?? 0}`);
    const line = q.ready.slice(q.head);
    const want = queued[q.id] ?? new Set<string>();
    if (line.length !== readyCount(q) || new Set(line).size !== line.length) bad.push(`${q.id}: duplicate ids in the ready line`);
    if (line.length !== want.size || line.some((id) => !want.has(id))) bad.push(`${q.id}: ready line [${line.join(",")}] != queued envelopes [${[...want].join(",")}]`);
    if (q.strict && q.inflight > 1) bad.push(`${q.id}: strict partition has ${q.inflight} unacked deliveries`);
  }
  for (const c of Object.values(s.consumers)) {
    const processing = c.held.filter((h) => h.stage === "processing").length;
    if (processing !== c.processing) bad.push(`${c.id}.processing ${c.processing} != recomputed ${processing}`);
    if (c.status === "down" && c.held.length > 0) bad.push(`${c.id}: down but still holds deliveries`);
  }
  return bad;
}
