"use client";
/* The queue playground's presentational parts; the state lives in use-queue-playground.ts. */
import { useState } from "react";
import type { SimState, Token } from "@/lib/sim";
import { ComponentInfo } from "./component-info";
import { PATTERN_INFO, PLAYGROUND_DLQ_ID, PLAYGROUND_PATTERNS, type PlaygroundPattern } from "./playground-model";
import { formatSeconds } from "./spike-text";
import type { ConsumerCommand, NewMessage, QueuePlaygroundModel } from "./use-queue-playground";
import styles from "./queue-playground.module.css";

export function PatternPicker({ uid, pattern, onSwitch }: { uid: string; pattern: PlaygroundPattern; onSwitch: (p: PlaygroundPattern) => void }) {
  return (
    <fieldset className={styles.patterns}>
      <legend>Pattern</legend>
      <div className={styles.segmented}>
        {PLAYGROUND_PATTERNS.map((p) => (
          <label key={p}>
            <input type="radio" name={`${uid}-pattern`} value={p} checked={pattern === p} onChange={() => onSwitch(p)} />
            <span>{PATTERN_INFO[p].name}</span>
          </label>
        ))}
      </div>
      <p className={styles.tagline}>{PATTERN_INFO[pattern].tagline}</p>
    </fieldset>
  );
}

/** The producer's form; the message text clears after each add, key and priority stay for the next one. */
export function AddMessageForm({ uid, onAdd }: { uid: string; onAdd: (m: NewMessage) => void }) {
  const [text, setText] = useState("");
  const [key, setKey] = useState("");
  const [priority, setPriority] = useState("0");
  return (
    <form
      className={styles.add}
      onSubmit={(e) => {
        e.preventDefault();
        onAdd({ label: text, key, priority });
        setText("");
      }}
    >
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
  );
}

/** Producer (and topic), queues and consumers, as the engine has them now. */
export function PlaygroundDiagram({ model }: { model: QueuePlaygroundModel }) {
  const { state: s, layout, placed, consumerId, label } = model;
  return (
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
        {layout.consumerIds.map((cid) => (
          <ConsumerCard key={cid} model={model} cid={cid} chosen={cid === consumerId} />
        ))}
      </div>
    </div>
  );
}

function ConsumerCard({ model, cid, chosen }: { model: QueuePlaygroundModel; cid: string; chosen: boolean }) {
  const { state: s, placed, label } = model;
  const c = s.consumers[cid];
  const held = placed.held[cid] ?? [];
  const orphaned = placed.orphaned[cid] ?? [];
  return (
    <section className={styles.card} aria-label={`Consumer: ${c.name}`} data-kind="consumer" data-chosen={chosen} data-testid={`consumer-${cid}`}>
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
}

export function ConsumerActions({ uid, model }: { uid: string; model: QueuePlaygroundModel }) {
  const { state: s, layout, placed, consumerId, consumer } = model;
  const holding = (placed.held[consumerId] ?? []).length > 0;
  const button = (c: ConsumerCommand, text: string, disabled = false) => (
    <button type="button" className="btn" disabled={disabled} onClick={() => model.command(c)}>
      {text}
    </button>
  );
  return (
    <div className={styles.actions} role="group" aria-label="Consumer actions">
      <span className={styles.choose}>
        <label htmlFor={`${uid}-consumer`}>Consumer</label>
        <select id={`${uid}-consumer`} value={consumerId} onChange={(e) => model.chooseConsumer(e.target.value)}>
          {layout.consumerIds.map((cid) => (
            <option key={cid} value={cid}>
              {s.consumers[cid].name}
            </option>
          ))}
        </select>
      </span>
      {button("receive", "Consume")}
      {button("ack", "Ack", !holding)}
      {button("nack", "Nack", !holding)}
      {button("crash", "Crash consumer", consumer?.status !== "up")}
    </div>
  );
}

/** Totals, the dead-letter queue, and the simulated clock with its pause and skip. */
export function PlaygroundFooter({ model, clockPaused, onPauseClock }: { model: QueuePlaygroundModel; clockPaused: boolean; onPauseClock: (paused: boolean) => void }) {
  const { state: s, placed, nextAt, label } = model;
  return (
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
          <input type="checkbox" checked={clockPaused} onChange={(e) => onPauseClock(e.target.checked)} /> Pause the clock
        </label>
        <button type="button" className="btn btn-small" disabled={nextAt === null} onClick={() => nextAt !== null && model.skipTo(nextAt)}>
          Skip to next timeout
        </button>
      </div>
    </div>
  );
}

export function EventLog({ log }: { log: QueuePlaygroundModel["log"] }) {
  return (
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
