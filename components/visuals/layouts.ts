/**
 * Where each box of a visual model sits, per model id, in logical units of a fixed-width stage
 * (`wide`: 740 across, flow left to right; `narrow`: 320 across, flow top to bottom, for phones).
 * The stage scales to its container, so these numbers are proportions, not pixels. Pure and
 * engine-free: the server-rendered placeholder and the interactive widget share it.
 */
import type { VisualModelId } from "@/lib/tours/types";

export type LayoutMode = "wide" | "narrow";
export type NodeKind = "producer" | "topic" | "lane" | "dlq" | "group" | "consumer" | "store";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface NodeBox extends Rect {
  id: string;
  kind: NodeKind;
}

export interface Arrow {
  id: string;
  /** SVG path in stage units. */
  d: string;
  dashed: boolean;
  label: { text: string; x: number; y: number } | null;
}

export interface Layout {
  mode: LayoutMode;
  width: number;
  height: number;
  /** Frames (topic, group) first, so boxes inside them draw on top. */
  nodes: NodeBox[];
  arrows: Arrow[];
  /** Token diameter and the distance between token centres in a lane. */
  token: number;
  pitch: number;
}

/** The table each model is laid out from. Ids are preset component ids (checked by a test). */
export interface ModelLayoutSpec {
  producers: readonly string[];
  /** Drawn as a frame around the lanes. */
  topic?: string;
  /** Queues drawn as lanes: the plain queue, a topic's subscriptions or a group's partitions. */
  lanes: readonly string[];
  /** Lane i feeds its own consumer (pub/sub lines): consumers sit beside their lane. */
  perLane?: boolean;
  /** Consumer group drawn as a frame around the consumers. */
  group?: string;
  dlq?: string;
  dlqLabel?: string;
  store?: string;
  /** Consumers at the start (the placeholder draws these). */
  consumers: readonly string[];
  /** Most consumers the model's controls allow; space is reserved for them. */
  maxConsumers: number;
}

export const MODEL_LAYOUTS: Record<VisualModelId, ModelLayoutSpec> = {
  "message-queue": {
    producers: ["order-service", "payment-service"],
    topic: "message-queue",
    lanes: ["email-queue", "inventory-queue", "analytics-queue"],
    perLane: true,
    dlq: "dead-letter-queue",
    dlqLabel: "after 3 failed attempts",
    consumers: ["email", "inventory", "analytics"],
    maxConsumers: 3,
  },
  "point-to-point": {
    producers: ["checkout"],
    lanes: ["payment-requests"],
    consumers: ["payment-worker-a", "payment-worker-b"],
    maxConsumers: 2,
  },
  "pub-sub": {
    producers: ["order-service"],
    topic: "order-events",
    lanes: ["inventory-sub", "email-sub", "analytics-sub"],
    perLane: true,
    consumers: ["inventory", "email", "analytics"],
    maxConsumers: 3,
  },
  "work-queue": {
    producers: ["upload-service"],
    lanes: ["resize-jobs"],
    consumers: ["worker-1", "worker-2"],
    maxConsumers: 8,
  },
  "delivery-guarantees": {
    producers: ["checkout"],
    lanes: ["payments"],
    store: "charges",
    consumers: ["payment"],
    maxConsumers: 1,
  },
  "dead-letter": {
    producers: ["order-service"],
    lanes: ["orders"],
    dlq: "orders-dlq",
    dlqLabel: "after 3 failed attempts",
    consumers: ["fulfilment"],
    maxConsumers: 1,
  },
  partitions: {
    producers: ["banking-api"],
    topic: "account-events",
    lanes: ["ledger.p0", "ledger.p1", "ledger.p2"],
    group: "ledger",
    consumers: ["ledger-1", "ledger-2"],
    maxConsumers: 5,
  },
};

/** What the layout needs from the current state: the consumers (in join order) and who owns each partition. */
export interface LayoutInput {
  consumers: readonly { id: string; source: string }[];
  /** Partition lane id -> owning consumer id (consumer groups only). */
  owners?: Readonly<Record<string, string | null>>;
}

/** Containers narrower than this (CSS px) get the narrow layout. */
export const NARROW_BELOW_PX = 600;

const W = { wide: 740, narrow: 320 } as const;
const FRAME_TITLE = 26;
const FRAME_PAD = 8;
const ARROW_GAP = 30;

const cx = (r: Rect) => r.x + r.w / 2;
const cy = (r: Rect) => r.y + r.h / 2;

function horizontal(from: [number, number], to: [number, number]): string {
  const mid = (from[0] + to[0]) / 2;
  return `M${from[0]},${from[1]} C${mid},${from[1]} ${mid},${to[1]} ${to[0]},${to[1]}`;
}

function vertical(from: [number, number], to: [number, number]): string {
  const mid = (from[1] + to[1]) / 2;
  return `M${from[0]},${from[1]} C${from[0]},${mid} ${to[0]},${mid} ${to[0]},${to[1]}`;
}

/** The consumer ids a lane feeds: per-lane sources, partition owners, or every consumer of a shared queue. */
function feeds(spec: ModelLayoutSpec, input: LayoutInput, laneId: string): string[] {
  if (spec.group) {
    const owner = input.owners?.[laneId];
    return owner && input.consumers.some((c) => c.id === owner) ? [owner] : [];
  }
  return input.consumers.filter((c) => c.source === laneId).map((c) => c.id);
}

/** Lays out model `id` for the given consumers (which change as workers are added and removed). */
export function computeLayout(id: VisualModelId, mode: LayoutMode, input: LayoutInput): Layout {
  return mode === "wide" ? wideLayout(MODEL_LAYOUTS[id], input) : narrowLayout(MODEL_LAYOUTS[id], input);
}

/** The layout of the model's starting consumers, as the server-rendered placeholder draws it. */
export function initialLayout(id: VisualModelId, mode: LayoutMode, sources: Readonly<Record<string, string>>): Layout {
  const spec = MODEL_LAYOUTS[id];
  const consumers = spec.consumers.map((c) => ({ id: c, source: sources[c] ?? spec.lanes[0] }));
  return computeLayout(id, mode, { consumers, owners: defaultOwners(spec) });
}

/** Round-robin partition owners in join order: what the engine assigns to the starting members. */
function defaultOwners(spec: ModelLayoutSpec): Record<string, string> | undefined {
  if (!spec.group) return undefined;
  return Object.fromEntries(spec.lanes.map((lane, i) => [lane, spec.consumers[i % spec.consumers.length]]));
}

function wideLayout(spec: ModelLayoutSpec, input: LayoutInput): Layout {
  const width = W.wide;
  const top = 12;
  const laneH = 66;
  const laneGap = 10;
  const colP = { x: 10, w: 140 };
  const colL = { x: 184, w: 336 };
  const colC = { x: 560, w: 170 };
  const prodH = 56;
  const prodGap = 16;
  const consH = 60;
  const consGap = 10;

  const nL = spec.lanes.length;
  const lanesInner = nL * laneH + (nL - 1) * laneGap;
  const lanesBlock = lanesInner + (spec.topic ? FRAME_TITLE + FRAME_PAD : 0);
  const reserve = spec.perLane ? nL : Math.min(spec.maxConsumers, 4);
  const consBlock = reserve * consH + (reserve - 1) * consGap + (spec.group ? FRAME_TITLE + FRAME_PAD : 0);
  const nP = spec.producers.length;
  const prodBlock = nP * prodH + (nP - 1) * prodGap;
  const body = Math.max(lanesBlock, consBlock, prodBlock);

  const nodes: NodeBox[] = [];
  const arrows: Arrow[] = [];

  // Lanes (inside the topic frame when there is one), centred vertically in the body.
  const lanesTop = top + (body - lanesBlock) / 2;
  let frame: Rect | null = null;
  if (spec.topic) {
    frame = { x: colL.x - 10, y: lanesTop, w: colL.w + 20, h: lanesBlock };
    nodes.push({ id: spec.topic, kind: "topic", ...frame });
  }
  const firstLaneY = lanesTop + (spec.topic ? FRAME_TITLE : 0);
  const lanes = spec.lanes.map((id, i): NodeBox => ({ id, kind: "lane", x: colL.x, y: firstLaneY + i * (laneH + laneGap), w: colL.w, h: laneH }));
  const target: Rect = frame ?? lanes[0];

  // Producers, stacked and centred.
  const prodTop = top + (body - prodBlock) / 2;
  spec.producers.forEach((id, i) => {
    const box: NodeBox = { id, kind: "producer", x: colP.x, y: prodTop + i * (prodH + prodGap), w: colP.w, h: prodH };
    nodes.push(box);
    const y = Math.min(Math.max(cy(box), target.y + 14), target.y + target.h - 14);
    arrows.push({ id: `${id}->${spec.topic ?? spec.lanes[0]}`, d: horizontal([box.x + box.w, cy(box)], [target.x, y]), dashed: false, label: null });
  });

  // Consumers: beside their lane, or stacked in the column (inside the group frame).
  let area: Rect = { x: colC.x, y: top, w: colC.w, h: body };
  if (spec.group) {
    const g = { x: colC.x - 8, y: top + (body - consBlock) / 2, w: colC.w + 16, h: consBlock };
    nodes.push({ id: spec.group, kind: "group", ...g });
    area = { x: colC.x, y: g.y + FRAME_TITLE, w: colC.w, h: consBlock - FRAME_TITLE - FRAME_PAD };
  }
  nodes.push(...lanes);
  const consumers = new Map<string, NodeBox>();
  if (spec.perLane) {
    for (const c of input.consumers) {
      const lane = lanes.find((l) => l.id === c.source);
      if (lane) consumers.set(c.id, { id: c.id, kind: "consumer", x: colC.x, y: lane.y, w: colC.w, h: lane.h });
    }
  } else {
    const n = Math.max(1, input.consumers.length);
    const h = Math.min(consH, (area.h - (n - 1) * 6) / n);
    const gap = n > 1 ? Math.min(consGap, (area.h - n * h) / (n - 1)) : 0;
    const y0 = area.y + (area.h - (n * h + (n - 1) * gap)) / 2;
    input.consumers.forEach((c, i) => consumers.set(c.id, { id: c.id, kind: "consumer", x: area.x, y: y0 + i * (h + gap), w: area.w, h }));
  }
  nodes.push(...consumers.values());
  for (const lane of lanes) {
    for (const cid of feeds(spec, input, lane.id)) {
      const c = consumers.get(cid);
      if (c) arrows.push({ id: `${lane.id}->${cid}`, d: horizontal([lane.x + lane.w, cy(lane)], [c.x, cy(c)]), dashed: false, label: null });
    }
  }

  // Bottom row: the dead-letter queue under the lanes, the effect store under the consumers.
  let height = top + body + 12;
  const bottomY = top + body + 44;
  if (spec.dlq) {
    const dlq: NodeBox = { id: spec.dlq, kind: "dlq", x: colL.x, y: bottomY, w: colL.w, h: laneH };
    nodes.push(dlq);
    const from = frame ?? lanes[lanes.length - 1];
    arrows.push({
      id: `to-${spec.dlq}`,
      d: `M${cx(dlq)},${from.y + from.h} L${cx(dlq)},${dlq.y}`,
      dashed: true,
      label: spec.dlqLabel ? { text: spec.dlqLabel, x: cx(dlq) + 8, y: (from.y + from.h + dlq.y) / 2 + 4 } : null,
    });
    height = bottomY + laneH + 12;
  }
  if (spec.store) {
    const store: NodeBox = { id: spec.store, kind: "store", x: colC.x, y: bottomY, w: colC.w, h: 60 };
    nodes.push(store);
    for (const c of consumers.values()) arrows.push({ id: `${c.id}->${spec.store}`, d: vertical([cx(c), c.y + c.h], [cx(store), store.y]), dashed: false, label: null });
    height = Math.max(height, bottomY + store.h + 12);
  }
  return { mode: "wide", width, height, nodes: sortFramesFirst(nodes), arrows, token: 16, pitch: 20 };
}

function narrowLayout(spec: ModelLayoutSpec, input: LayoutInput): Layout {
  const width = W.narrow;
  const pad = 8;
  const inner = width - 2 * pad;
  const nodes: NodeBox[] = [];
  const arrows: Arrow[] = [];

  // Producers in a row across the top.
  const nP = spec.producers.length;
  const prodW = (inner - (nP - 1) * 10) / nP;
  const prods = spec.producers.map((id, i): NodeBox => ({ id, kind: "producer", x: pad + i * (prodW + 10), y: pad, w: prodW, h: 54 }));
  nodes.push(...prods);
  let y = pad + 54 + ARROW_GAP;

  // Lanes stacked; per-lane consumers sit to the right of their lane. Tall enough for a two-line status.
  const laneH = 78;
  const laneGap = 10;
  const nL = spec.lanes.length;
  const frameW = spec.perLane ? 186 : inner;
  const lanesTop = y;
  const laneX = pad + (spec.topic ? 6 : 0);
  const laneW = frameW - (spec.topic ? 12 : 0);
  const firstLaneY = lanesTop + (spec.topic ? FRAME_TITLE : 0);
  const lanes = spec.lanes.map((id, i): NodeBox => ({ id, kind: "lane", x: laneX, y: firstLaneY + i * (laneH + laneGap), w: laneW, h: laneH }));
  const lanesBlock = nL * laneH + (nL - 1) * laneGap + (spec.topic ? FRAME_TITLE + FRAME_PAD : 0);
  let frame: Rect | null = null;
  if (spec.topic) {
    frame = { x: pad, y: lanesTop, w: frameW, h: lanesBlock };
    nodes.push({ id: spec.topic, kind: "topic", ...frame });
  }
  const target: Rect = frame ?? lanes[0];
  for (const p of prods) {
    const x = Math.min(Math.max(cx(p), target.x + 14), target.x + target.w - 14);
    arrows.push({ id: `${p.id}->${spec.topic ?? spec.lanes[0]}`, d: vertical([cx(p), p.y + p.h], [x, target.y]), dashed: false, label: null });
  }
  nodes.push(...lanes);
  y = lanesTop + lanesBlock;

  const consumers = new Map<string, NodeBox>();
  if (spec.perLane) {
    const x = pad + frameW + 8;
    for (const c of input.consumers) {
      const lane = lanes.find((l) => l.id === c.source);
      if (lane) consumers.set(c.id, { id: c.id, kind: "consumer", x, y: lane.y, w: width - pad - x, h: lane.h });
    }
  } else {
    y += ARROW_GAP;
    const cols = Math.min(3, spec.maxConsumers);
    const rows = Math.ceil(spec.maxConsumers / cols);
    const consH = 58;
    const gap = 8;
    const groupTop = y;
    const areaX = pad + (spec.group ? 6 : 0);
    const areaW = inner - (spec.group ? 12 : 0);
    const areaY = y + (spec.group ? FRAME_TITLE : 0);
    const w = cols === 1 ? Math.min(areaW, 200) : (areaW - (cols - 1) * gap) / cols;
    const x0 = areaX + (areaW - (cols * w + (cols - 1) * gap)) / 2;
    input.consumers.forEach((c, i) => {
      consumers.set(c.id, { id: c.id, kind: "consumer", x: x0 + (i % cols) * (w + gap), y: areaY + Math.floor(i / cols) * (consH + gap), w, h: consH });
    });
    const block = rows * consH + (rows - 1) * gap;
    if (spec.group) nodes.push({ id: spec.group, kind: "group", x: pad, y: groupTop, w: inner, h: block + FRAME_TITLE + FRAME_PAD });
    y = groupTop + block + (spec.group ? FRAME_TITLE + FRAME_PAD : 0);
  }
  nodes.push(...consumers.values());
  for (const lane of lanes) {
    for (const cid of feeds(spec, input, lane.id)) {
      const c = consumers.get(cid);
      if (!c) continue;
      const d = spec.perLane ? horizontal([lane.x + lane.w, cy(lane)], [c.x, cy(c)]) : vertical([lane.x + lane.w - 24, lane.y + lane.h], [cx(c), c.y]);
      arrows.push({ id: `${lane.id}->${cid}`, d, dashed: false, label: null });
    }
  }

  if (spec.dlq) {
    y += ARROW_GAP + 6;
    const dlq: NodeBox = { id: spec.dlq, kind: "dlq", x: pad, y, w: inner, h: laneH };
    nodes.push(dlq);
    const from = frame ?? lanes[lanes.length - 1];
    // Clear of the consumers when they sit beside the lanes, and of the line between lane and consumer otherwise.
    const x = spec.perLane ? cx(from) : from.x + 40;
    arrows.push({
      id: `to-${spec.dlq}`,
      d: `M${x},${spec.perLane ? from.y + from.h : lanes[lanes.length - 1].y + laneH} L${x},${dlq.y}`,
      dashed: true,
      label: spec.dlqLabel ? { text: spec.dlqLabel, x: x + 8, y: dlq.y - 10 } : null,
    });
    y += laneH;
  }
  if (spec.store) {
    y += ARROW_GAP;
    const store: NodeBox = { id: spec.store, kind: "store", x: pad + (inner - 200) / 2, y, w: 200, h: 58 };
    nodes.push(store);
    for (const c of consumers.values()) arrows.push({ id: `${c.id}->${spec.store}`, d: vertical([cx(c), c.y + c.h], [cx(store), store.y]), dashed: false, label: null });
    y += store.h;
  }
  return { mode: "narrow", width, height: y + pad, nodes: sortFramesFirst(nodes), arrows, token: 16, pitch: 19 };
}

function sortFramesFirst(nodes: NodeBox[]): NodeBox[] {
  const frame = (n: NodeBox) => (n.kind === "topic" || n.kind === "group" ? 0 : 1);
  return [...nodes].sort((a, b) => frame(a) - frame(b));
}
