/**
 * Where each message token is drawn for a state: the pure mapping from `tokens(state)` to stage
 * coordinates. Queues show at most as many tokens as fit in their lane, with a "+N more" count;
 * settled tokens stay briefly so they can move off and fade out.
 */
import { tokens, type SimState } from "@/lib/sim";
import type { Layout, ModelLayoutSpec, NodeBox } from "./layouts";

export type TokenTone = "normal" | "poison" | "delayed" | "orphaned" | "dead" | "done" | "gone";

export interface Point {
  x: number;
  y: number;
}

export interface TokenView extends Point {
  id: string;
  msgId: string;
  opacity: number;
  tone: TokenTone;
  /** One or two characters: the message number, or the key's initial for keyed messages. */
  text: string;
  /** Colour family 0..4: by key for keyed messages, by producer otherwise. */
  tint: number;
  /** "2×" when the side effect was applied twice. */
  badge: string | null;
  /** Where a token that has just been published appears from (its producer), else null. */
  spawn: Point | null;
  /** A point to pass through on the way in (the lane's head), for tokens delivered the instant they were published. */
  via: Point | null;
  /** The tour follows this message. */
  ring: boolean;
}

export interface OverflowMark extends Point {
  laneId: string;
  count: number;
}

export interface PlaceOptions {
  follow?: ReadonlySet<string>;
  /** Settled (acked, lost, dropped) tokens are drawn this long after settling, in virtual ms. */
  settledWindowMs?: number;
  /** Tokens published this recently (virtual ms) fly in from their producer. */
  spawnWindowMs?: number;
}

const SHOW_DELAYED = 3;

function tintOf(key: string | null, producerIndex: number): number {
  if (key === null) return Math.max(0, producerIndex) % 5;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return h % 5;
}

/** Centre of the token row along the bottom of a lane. */
function rowY(lane: NodeBox, token: number): number {
  return lane.y + lane.h - 6 - token / 2;
}

/** Token positions for `state` in `layout`, plus the "+N more" marks of lanes that overflow. */
export function placeTokens(state: SimState, layout: Layout, spec: ModelLayoutSpec, opts: PlaceOptions = {}): { tokens: TokenView[]; overflow: OverflowMark[] } {
  const follow = opts.follow ?? new Set<string>();
  const settledWindow = opts.settledWindowMs ?? 1200;
  const spawnWindow = opts.spawnWindowMs ?? 600;
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const { token: T, pitch } = layout;
  const now = state.nowMs;
  const all = tokens(state);

  // Per lane: how many ready tokens there are and how many delayed ones are drawn, to work out capacity.
  const readyCount = new Map<string, number>();
  const delayedSeen = new Map<string, number>();
  for (const t of all) {
    if (t.place.kind === "queue" || t.place.kind === "dlq") readyCount.set(t.place.queueId, (readyCount.get(t.place.queueId) ?? 0) + 1);
  }
  for (const t of all) if (t.place.kind === "delayed") delayedSeen.set(t.place.queueId, Math.min(SHOW_DELAYED, (delayedSeen.get(t.place.queueId) ?? 0) + 1));
  const capacity = (lane: NodeBox): number => {
    const d = delayedSeen.get(lane.id) ?? 0;
    const room = lane.w - 16 - (d > 0 ? d * pitch + 6 : 0);
    const all = Math.floor(room / pitch);
    return (readyCount.get(lane.id) ?? 0) <= all ? all : Math.max(1, Math.floor((room - 34) / pitch));
  };
  const capCache = new Map<string, number>();
  const capOf = (lane: NodeBox) => {
    let c = capCache.get(lane.id);
    if (c === undefined) capCache.set(lane.id, (c = capacity(lane)));
    return c;
  };
  const headSlot = (lane: NodeBox, index: number): Point => ({ x: lane.x + lane.w - 8 - T / 2 - index * pitch, y: rowY(lane, T) });

  const perConsumer = new Map<string, number>();
  const delayedIdx = new Map<string, number>();
  const out: TokenView[] = [];

  const consumerSlot = (c: NodeBox): Point => {
    const k = perConsumer.get(c.id) ?? 0;
    perConsumer.set(c.id, k + 1);
    // Narrow boxes need their full width for text: their tokens sit along the bottom edge.
    const y = layout.mode === "narrow" && c.h >= 44 ? c.y + c.h - 6 - T / 2 : c.y + c.h / 2;
    return { x: c.x + c.w - 8 - T / 2 - k * (T + 4), y };
  };
  const exitOf = (c: NodeBox | undefined, fallback: Point): Point => {
    const store = spec.store ? byId.get(spec.store) : undefined;
    if (store) return { x: store.x + store.w - 8 - T / 2, y: store.y + store.h / 2 };
    if (!c) return fallback;
    // A short nudge out of the way while it fades: acked work leaves the picture.
    return { x: c.x + c.w - T / 2, y: c.y + c.h / 2 - T / 2 };
  };

  // Consumers draw what they are processing nearest their right edge, buffered work behind it.
  const order = (k: string) => (k === "processing" || k === "held" ? 0 : k === "orphaned" ? 1 : 2);
  const sorted = [...all].sort((a, b) => {
    const ka = a.place.kind === "consumer" ? order(a.place.stage) : a.place.kind === "orphaned" ? 1 : 3;
    const kb = b.place.kind === "consumer" ? order(b.place.stage) : b.place.kind === "orphaned" ? 1 : 3;
    return ka - kb;
  });

  for (const t of sorted) {
    const env = state.envelopes[t.id];
    const p = t.place;
    let pos: Point | null = null;
    let opacity = 1;
    let tone: TokenTone = t.poison ? "poison" : "normal";
    let via: Point | null = null;
    let laneOfToken: NodeBox | undefined;

    switch (p.kind) {
      case "queue":
      case "dlq": {
        const lane = byId.get(p.queueId);
        if (!lane || p.index < 0 || p.index >= capOf(lane)) continue;
        pos = headSlot(lane, p.index);
        laneOfToken = lane;
        if (p.kind === "dlq") tone = "dead";
        break;
      }
      case "delayed": {
        const lane = byId.get(p.queueId);
        if (!lane) continue;
        const j = delayedIdx.get(lane.id) ?? 0;
        if (j >= SHOW_DELAYED) continue;
        delayedIdx.set(lane.id, j + 1);
        pos = { x: lane.x + 8 + T / 2 + j * pitch, y: rowY(lane, T) };
        laneOfToken = lane;
        tone = "delayed";
        break;
      }
      case "consumer":
      case "orphaned": {
        const c = byId.get(p.consumerId);
        const lane = byId.get(p.queueId);
        laneOfToken = lane;
        if (c) pos = consumerSlot(c);
        else if (lane) pos = headSlot(lane, 0);
        else continue;
        if (p.kind === "orphaned") tone = "orphaned";
        if (lane) via = headSlot(lane, 0);
        break;
      }
      case "done":
      case "gone": {
        // An order charged twice stays in the ledger, badge and all, for as long as the state keeps it.
        const ledger = spec.store && p.kind === "done" && t.effectApplied > 1 ? byId.get(spec.store) : undefined;
        if (ledger) {
          pos = consumerSlot(ledger);
          tone = "normal";
          break;
        }
        if (now - p.atMs > settledWindow) continue;
        const lane = byId.get(p.queueId);
        const c = byId.get((p.kind === "done" ? p.consumerId : env?.consumerId) ?? "");
        const from = c ? { x: c.x + c.w - 8 - T / 2, y: c.y + c.h / 2 } : lane ? headSlot(lane, 0) : null;
        if (!from) continue;
        pos = p.kind === "done" ? exitOf(c, from) : { x: from.x, y: from.y + 14 };
        opacity = 0;
        tone = p.kind;
        break;
      }
    }
    if (!pos) continue;

    const fresh = env && now - env.publishedAtMs <= spawnWindow && env.deliveryNo <= 1 && (p.kind === "queue" || p.kind === "consumer");
    const producer = fresh && env.producerId ? byId.get(env.producerId) : undefined;
    const spawn = producer
      ? layout.mode === "wide"
        ? { x: producer.x + producer.w - T / 2, y: producer.y + producer.h / 2 }
        : { x: producer.x + producer.w / 2, y: producer.y + producer.h - T / 2 }
      : null;
    const number = /#(\d+)$/.exec(t.label)?.[1] ?? t.msgId.replace(/^m/, "");
    out.push({
      id: t.id,
      msgId: t.msgId,
      x: pos.x,
      y: pos.y,
      opacity,
      tone,
      text: t.key ? t.key[0].toUpperCase() : number,
      tint: tintOf(t.key, env?.producerId ? spec.producers.indexOf(env.producerId) : 0),
      badge: t.effectApplied > 1 ? `${t.effectApplied}×` : null,
      spawn,
      via: spawn && p.kind === "consumer" && laneOfToken ? via : null,
      ring: follow.has(t.msgId),
    });
  }

  const overflow: OverflowMark[] = [];
  for (const [laneId, n] of readyCount) {
    const lane = byId.get(laneId);
    if (!lane) continue;
    const cap = capOf(lane);
    if (n > cap) {
      const last = headSlot(lane, cap - 1);
      overflow.push({ laneId, count: n - cap, x: last.x - T / 2 - 4, y: last.y });
    }
  }
  return { tokens: out, overflow };
}
