"use client";
/**
 * The queue playground: the student is the producer and every consumer. Add messages, pick a
 * consumer, receive, ack, nack or crash it, and watch the engine's queues, in-flight messages,
 * counters and event log. Consumers are manual (`manualConsumers`), so nothing moves on its own
 * except what time does in a real broker: visibility timeouts and consumer restarts.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { nextEventAtMs, recentEvents, tokens, type SimAction, type SimState, type Token } from "@/lib/sim";
import { ComponentInfo, InfoHint } from "./component-info";
import {
  createPlayground,
  describeEvent,
  isPlaygroundPattern,
  PATTERN_INFO,
  placeMessages,
  playgroundLabel,
  playgroundLayout,
  PLAYGROUND_DLQ_ID,
  PLAYGROUND_PATTERNS,
  type PlaygroundPattern,
} from "./playground-model";
import styles from "./queue-playground.module.css";
import { formatSeconds } from "./spike-text";
import { useNearViewport } from "@/components/ui/use-near-viewport";
import { useLivePlayback } from "./use-live-playback";

const SEED = 1;
const LOG_LINES = 12;

export interface QueuePlaygroundProps {
  /** The pattern shown first; the student can switch. */
  pattern: string;
}

export default function QueuePlayground({ pattern: initialPattern }: QueuePlaygroundProps) {
  const uid = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  // Off-screen the clock holds still: nobody is watching, and it saves the battery.
  const onScreen = useNearViewport(rootRef);
  const start: PlaygroundPattern = isPlaygroundPattern(initialPattern) ? initialPattern : "point-to-point";
  const [pattern, setPattern] = useState<PlaygroundPattern>(start);
  const [clockPaused, setClockPaused] = useState(false);
  const [chosen, setChosen] = useState<string>("");
  const [text, setText] = useState("");
  const [key, setKey] = useState("");
  const [priority, setPriority] = useState("0");
  const [feedback, setFeedback] = useState("");

  const sim = useLivePlayback({
    init: () => createPlayground(start, SEED),
    speed: () => 1,
    keepRunning: useCallback((s: SimState) => nextEventAtMs(s) !== null, []),
    paused: clockPaused || !onScreen,
  });
  const s = sim.state;
  const layout = playgroundLayout(s);
  const placed = placeMessages(tokens(s), layout);
  const consumerId = layout.consumerIds.includes(chosen) ? chosen : layout.consumerIds[0];
  const consumer = s.consumers[consumerId];
  const nextAt = nextEventAtMs(s);

  /** Dispatches and says what the engine did (or why nothing happened). */
  const act = (action: SimAction, nothing: string) => {
    const before = s.log.next;
    const next = sim.dispatch(action);
    const said = recentEvents(next, next.log.next - before)
      .filter((e) => e.seq > before)
      .map((e) => describeEvent(next, e))
      .filter((l): l is string => l !== null);
    setFeedback(said.length > 0 ? said.join(" ") : nothing);
  };

  const label = (id: string) => playgroundLabel(pattern, id);
  const target = layout.topicId ?? layout.queueIds[0];
  const heldHere = placed.held[consumerId] ?? [];

  const addMessage = (e: React.FormEvent) => {
    e.preventDefault();
    const p = Number(priority);
    act(
      {
        type: "publish",
        producerId: layout.producerId,
        label: text.trim() || undefined,
        key: key.trim() || null,
        priority: Number.isFinite(p) ? Math.max(0, Math.min(9, Math.round(p))) : 0,
      },
      "The message could not be added.",
    );
    setText("");
  };

  const switchPattern = (p: PlaygroundPattern) => {
    setPattern(p);
    setChosen("");
    setFeedback(`Switched to ${PATTERN_INFO[p].name}: a fresh, empty broker.`);
    sim.reset(createPlayground(p, SEED));
  };

  const log = recentEvents(s, 60)
    .map((e) => ({ seq: e.seq, atMs: e.atMs, text: describeEvent(s, e) }))
    .filter((e): e is { seq: number; atMs: number; text: string } => e.text !== null)
    .slice(-LOG_LINES)
    .reverse();

  const whyNot = (what: "receive" | "ack") => {
    if (!consumer) return "There is no consumer.";
    if (consumer.status === "down") return `${consumer.name} is down: it restarts by itself in a moment.`;
    if (what === "ack") return `${consumer.name} holds no message: consume one first.`;
    return `Nothing to receive: ${s.queues[consumer.source]?.name ?? consumer.source} has no visible message.`;
  };

  return (
    <div ref={rootRef} className={styles.playground} role="group" aria-labelledby={`${uid}-title`} data-testid="queue-playground" data-pattern={pattern}>
      <p className={styles.title} id={`${uid}-title`}>
        Queue playground
      </p>

      <fieldset className={styles.patterns}>
        <legend>Pattern</legend>
        <div className={styles.segmented}>
          {PLAYGROUND_PATTERNS.map((p) => (
            <label key={p}>
              <input type="radio" name={`${uid}-pattern`} value={p} checked={pattern === p} onChange={() => switchPattern(p)} />
              <span>{PATTERN_INFO[p].name}</span>
            </label>
          ))}
        </div>
        <p className={styles.tagline}>{PATTERN_INFO[pattern].tagline}</p>
      </fieldset>

      <form className={styles.add} onSubmit={addMessage}>
        <label>
          Message
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. Order #42" maxLength={40} />
        </label>
        <label>
          Key <span className={styles.muted}>(optional)</span>
          <input value={key} onChange={(e) => setKey(e.target.value)} placeholder="e.g. customer-7" maxLength={24} aria-describedby={`${uid}-key-help`} />
        </label>
        <label>
          Priority
          <input type="number" min={0} max={9} step={1} value={priority} onChange={(e) => setPriority(e.target.value)} inputMode="numeric" aria-describedby={`${uid}-prio-help`} />
        </label>
        <button type="submit" className="btn btn-primary">
          Add message
        </button>
        <p className={styles.help}>
          <span id={`${uid}-prio-help`}>Higher priority is delivered first; equal priorities keep their order.</span>{" "}
          <span id={`${uid}-key-help`}>A key (like a customer id) travels with the message.</span>
        </p>
      </form>

      <InfoHint />
      <div className={styles.diagram} data-topic={layout.topicId !== null}>
        <section className={styles.card} aria-label="Producer" data-kind="producer">
          {label(layout.producerId) ? <ComponentInfo label={label(layout.producerId)!} /> : <strong>{s.producers[layout.producerId].name}</strong>}
          <span className={styles.muted}>{s.producers[layout.producerId].published} published by you</span>
          {layout.topicId && label(layout.topicId) ? (
            <div className={styles.topic}>
              <span aria-hidden="true">↓</span> <ComponentInfo label={label(layout.topicId)!} />
              <span className={styles.muted}>copies each message into every subscription</span>
            </div>
          ) : null}
        </section>

        <div className={styles.queues}>
          {layout.queueIds.map((qid) => {
            const q = s.queues[qid];
            const msgs = placed.byQueue[qid] ?? [];
            return (
              <section key={qid} className={styles.card} aria-label={`Queue: ${q.name}`} data-kind="queue" data-testid={`queue-${qid}`}>
                <div className={styles.cardHead}>
                  {label(qid) ? <ComponentInfo label={label(qid)!} /> : <strong>{q.name}</strong>}
                  <span className={styles.count}>{msgs.length}</span>
                </div>
                {msgs.length === 0 ? (
                  <p className={styles.empty}>Queue is empty. Add some messages!</p>
                ) : (
                  <ol className={styles.messages}>
                    {msgs.map((t) => (
                      <MessageChip key={t.id} t={t} s={s} />
                    ))}
                  </ol>
                )}
              </section>
            );
          })}
        </div>

        <div className={styles.consumers}>
          {layout.consumerIds.map((cid) => {
            const c = s.consumers[cid];
            const held = placed.held[cid] ?? [];
            const orphaned = placed.orphaned[cid] ?? [];
            return (
              <section key={cid} className={styles.card} aria-label={`Consumer: ${c.name}`} data-kind="consumer" data-chosen={cid === consumerId} data-testid={`consumer-${cid}`}>
                <div className={styles.cardHead}>
                  {label(cid) ? <ComponentInfo label={label(cid)!} /> : <strong>{c.name}</strong>}
                  <span className={styles.status} data-down={c.status === "down"}>
                    {c.status === "down" ? `crashed · restarts in ${formatSeconds(Math.max(0, (c.restartAtMs ?? s.nowMs) - s.nowMs))}` : "up"}
                  </span>
                </div>
                <span className={styles.muted}>
                  reads {s.queues[c.source]?.name ?? c.source} · {c.stats.acked} acked
                </span>
                {held.length === 0 && orphaned.length === 0 ? <p className={styles.idle}>Holding nothing.</p> : null}
                {held.length > 0 ? (
                  <ol className={styles.messages} aria-label="In flight">
                    {held.map((t) => (
                      <MessageChip key={t.id} t={t} s={s} note={visibilityNote(s, t)} state="held" />
                    ))}
                  </ol>
                ) : null}
                {orphaned.length > 0 ? (
                  <ol className={styles.messages} aria-label="Unacknowledged when it crashed">
                    {orphaned.map((t) => (
                      <MessageChip key={t.id} t={t} s={s} note={t.place.kind === "orphaned" ? `back in the queue in ${formatSeconds(Math.max(0, t.place.visibleAtMs - s.nowMs))}` : undefined} state="orphaned" />
                    ))}
                  </ol>
                ) : null}
              </section>
            );
          })}
        </div>
      </div>

      <div className={styles.actions} role="group" aria-label="Consumer actions">
        <span className={styles.choose}>
          <label htmlFor={`${uid}-consumer`}>Consumer</label>
          <select id={`${uid}-consumer`} value={consumerId} onChange={(e) => setChosen(e.target.value)}>
            {layout.consumerIds.map((cid) => (
              <option key={cid} value={cid}>
                {s.consumers[cid].name}
              </option>
            ))}
          </select>
        </span>
        <button type="button" className="btn" onClick={() => act({ type: "receive", consumerId }, whyNot("receive"))}>
          Consume
        </button>
        <button type="button" className="btn" disabled={heldHere.length === 0} onClick={() => act({ type: "ack", consumerId }, whyNot("ack"))}>
          Ack
        </button>
        <button type="button" className="btn" disabled={heldHere.length === 0} onClick={() => act({ type: "nack", consumerId }, whyNot("ack"))}>
          Nack
        </button>
        <button
          type="button"
          className="btn"
          disabled={consumer?.status !== "up"}
          onClick={() => act({ type: "crash", consumerId, point: "mid-processing" }, whyNot("receive"))}
        >
          Crash consumer
        </button>
      </div>
      <p className={styles.feedback} role="status" aria-live="polite" data-testid="playground-feedback">
        {feedback}
      </p>

      <div className={styles.footer}>
        <dl className={styles.counts}>
          <div>
            <dt>Acked</dt>
            <dd data-testid="playground-acked">{s.totals.acked}</dd>
          </div>
          <div>
            <dt>In flight</dt>
            <dd data-testid="playground-inflight">{s.totals.inflight}</dd>
          </div>
          <div>
            <dt>
              <ComponentInfo label={label(PLAYGROUND_DLQ_ID)!}>Dead-lettered</ComponentInfo>
            </dt>
            <dd data-testid="playground-dlq">{s.totals.dead}</dd>
          </div>
        </dl>
        {placed.dead.length > 0 ? (
          <ol className={styles.messages} aria-label="In the dead-letter queue">
            {placed.dead.map((t) => (
              <MessageChip key={t.id} t={t} s={s} state="dead" />
            ))}
          </ol>
        ) : null}
        <div className={styles.clock}>
          <span>
            Simulated clock <strong>{formatSeconds(s.nowMs)}</strong>
            {nextAt !== null ? <span className={styles.muted}> · next timeout at {formatSeconds(nextAt)}</span> : null}
          </span>
          <label className={styles.pause}>
            <input type="checkbox" checked={clockPaused} onChange={(e) => setClockPaused(e.target.checked)} /> Pause the clock
          </label>
          <button type="button" className="btn btn-small" disabled={nextAt === null} onClick={() => nextAt !== null && sim.skipTo(nextAt)}>
            Skip to next timeout
          </button>
        </div>
      </div>

      <section className={styles.log} aria-label="Event log">
        <p className={styles.logTitle}>Event log {log.length > 0 ? <span className={styles.muted}>(newest first)</span> : null}</p>
        {log.length === 0 ? (
          <p className={styles.muted}>Nothing has happened yet.</p>
        ) : (
          <ol data-testid="playground-log">
            {log.map((e) => (
              <li key={e.seq}>
                <span className={styles.logTime}>{(e.atMs / 1000).toFixed(1)} s</span> {e.text}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** "back in the queue in 3.2 s unless acked": the visibility timeout of a held message, from the engine. */
function visibilityNote(s: SimState, t: Token): string | undefined {
  const at = s.envelopes[t.id]?.visibleAtMs;
  if (at === null || at === undefined) return undefined;
  return `returns to the queue in ${formatSeconds(Math.max(0, at - s.nowMs))} unless acked`;
}

function MessageChip({ t, s, note, state }: { t: Token; s: SimState; note?: string; state?: "held" | "orphaned" | "dead" }) {
  const priority = s.envelopes[t.id]?.priority ?? 0;
  // Waiting messages show how often they were handed out before (a returning message); held ones, which try this is.
  const deliveries = state === undefined ? (t.attempts > 0 ? `delivered ${t.attempts}× before` : null) : t.attempts > 1 ? `attempt ${t.attempts}` : null;
  return (
    <li className={styles.chip} data-state={state}>
      <span className={styles.chipLabel}>{t.label}</span>
      {t.key ? <span className={styles.tag}>key {t.key}</span> : null}
      {priority > 0 ? <span className={styles.tag}>priority {priority}</span> : null}
      {deliveries ? <span className={styles.tag}>{deliveries}</span> : null}
      {note ? <span className={styles.note}>{note}</span> : null}
    </li>
  );
}
