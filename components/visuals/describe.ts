/**
 * The words and numbers a visual model shows for a state: a status line per box and the counts
 * bar. Reads the state only (no engine calls), so the server can describe the initial state for
 * the placeholder and the widget can describe every frame.
 */
import type { SimState } from "@/lib/sim";
import type { ModelLayoutSpec } from "./layouts";

export type Tone = "normal" | "busy" | "warn" | "danger";

export interface NodeView {
  /** The state's own name; the preset label's name wins where there is one. */
  name: string;
  status: string;
  tone: Tone;
  /** A second line that needs attention, e.g. "Order #2 charged twice!". */
  alert: string | null;
}

export interface StatView {
  id: string;
  label: string;
  value: string;
  tone: Tone;
}

export interface ModelView {
  nowMs: number;
  nodes: Record<string, NodeView>;
  stats: StatView[];
}

/** Seconds with one decimal, as every status line shows them. */
export function secs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(1);
}

function msgNumber(label: string): string {
  const m = /#(\d+)$/.exec(label);
  return m ? `#${m[1]}` : label;
}

/** Status lines for every box of the model and the headline counts. */
export function describeState(s: SimState, spec: ModelLayoutSpec): ModelView {
  const nodes: Record<string, NodeView> = {};
  const now = s.nowMs;

  for (const p of Object.values(s.producers)) {
    nodes[p.id] = { name: p.name, status: `${p.published} published${p.running ? "" : " · paused"}`, tone: "normal", alert: null };
  }
  for (const t of Object.values(s.topics)) {
    nodes[t.id] = { name: t.name, status: `${t.published} published`, tone: "normal", alert: null };
  }
  for (const g of Object.values(s.groups)) {
    nodes[g.id] = { name: g.id, status: `${g.members.length} member${g.members.length === 1 ? "" : "s"}`, tone: "normal", alert: null };
  }
  for (const q of Object.values(s.queues)) {
    const ready = q.ready.length - q.head;
    if (q.role === "dlq") {
      nodes[q.id] = { name: q.name, status: `${ready} parked`, tone: ready > 0 ? "danger" : "normal", alert: null };
      continue;
    }
    // A partition has at most one message in flight (its owner's); its offset and owner say more.
    const owner = q.owner ? s.consumers[q.owner] : undefined;
    const parts = q.groupId
      ? [`${ready} waiting`, `offset ${q.committed} of ${q.endOffset}`, owner ? `owner ${owner.name}` : "no owner"]
      : [`${ready} waiting`, `${q.inflight} in flight`];
    if (q.delayed > 0) parts.push(`${q.delayed} held for retry`);
    nodes[q.id] = { name: q.name, status: parts.join(" · "), tone: "normal", alert: null };
  }
  for (const c of Object.values(s.consumers)) {
    let status: string;
    let tone: Tone = "normal";
    if (c.status === "down") {
      tone = "danger";
      status = c.restartAtMs !== null ? `crashed · back in ${secs(c.restartAtMs - now)} s` : "crashed";
    } else {
      const active = c.held.find((h) => h.stage === "processing" || h.stage === "held");
      const env = active ? s.envelopes[active.envId] : undefined;
      if (active) {
        tone = "busy";
        status = `${active.stage === "held" ? "holding" : "processing"} ${env ? msgNumber(env.label) : ""}`.trim();
      } else status = c.held.length > 0 ? "about to start" : "idle";
    }
    nodes[c.id] = { name: c.name, status: `${status} · ${c.stats.acked} done`, tone, alert: null };
  }

  // Orphaned copies wait out the visibility timeout at the crashed consumer: say when they return.
  for (const env of Object.values(s.envelopes)) {
    if (env.status !== "orphaned" || !env.consumerId || !nodes[env.consumerId] || env.visibleAtMs === null) continue;
    nodes[env.consumerId].alert = `${msgNumber(env.label)} unacked, back in ${secs(env.visibleAtMs - now)} s`;
  }

  const twice = Object.values(s.envelopes).filter((e) => e.effectApplied > 1);
  // Only a store the layout draws gets a box; elsewhere the store id may equal its consumer's id.
  const store = spec.store ? s.effects[spec.store] : undefined;
  for (const e of store ? [store] : []) {
    const dup = twice.filter((x) => (e.keys[x.msgId] ?? 0) > 1);
    const verb = e.id === "charges" ? "charged" : "applied";
    nodes[e.id] = {
      name: e.label,
      status: `${e.applied} ${e.label}${e.suppressed > 0 ? ` · ${e.suppressed} repeat${e.suppressed === 1 ? "" : "s"} skipped` : ""}`,
      tone: e.duplicates > 0 ? "danger" : "normal",
      alert: dup.length > 0 ? `${dup.map((x) => x.label).join(", ")} ${verb} twice!` : e.duplicates > 0 ? `${e.duplicates} ${verb} twice!` : null,
    };
  }

  const stats: StatView[] = [
    { id: "time", label: "time", value: `${secs(now)} s`, tone: "normal" },
    { id: "published", label: "published", value: String(s.counts.published), tone: "normal" },
    { id: "inflight", label: "in flight", value: String(s.totals.inflight), tone: "normal" },
    { id: "acked", label: "acked", value: String(s.totals.acked), tone: "normal" },
  ];
  if (s.counts.redelivered > 0 || spec.consumers.length <= 2) stats.push({ id: "redelivered", label: "redelivered", value: String(s.counts.redelivered), tone: "normal" });
  if (spec.dlq) stats.push({ id: "dead", label: "in DLQ", value: String(s.totals.dead), tone: s.totals.dead > 0 ? "danger" : "normal" });
  if (s.counts.lost > 0 || spec.store) stats.push({ id: "lost", label: "lost", value: String(s.counts.lost), tone: s.counts.lost > 0 ? "danger" : "normal" });
  const stores = Object.values(s.effects);
  if (stores.length === 1) {
    const e = stores[0];
    stats.push({ id: "effects", label: e.label, value: String(e.applied), tone: "normal" });
    if (e.duplicates > 0 || spec.store) stats.push({ id: "duplicates", label: e.id === "charges" ? "charged twice" : "applied twice", value: String(e.duplicates), tone: e.duplicates > 0 ? "danger" : "normal" });
  }
  return { nowMs: now, nodes, stats };
}
