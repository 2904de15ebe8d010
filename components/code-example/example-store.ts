/*
 * The small client-side store that lets a lesson's <Experiment> cards drive the one editor of its <CodeExample>
 * ("the same editor"): keyed by example id, it carries load requests from cards to the editor and records which
 * experiments the student has run, which is what completes the lesson's experiment step.
 *
 * The record of experiments run is kept per browser (localStorage), so a reload does not reset the counter; the
 * step itself is saved through lesson progress once the rule is met.
 */
import { useSyncExternalStore } from "react";
import { localEntry, parsers } from "@/components/ui/local-store";

/** Experiments to run before the experiment step completes (fewer only if a lesson has fewer). */
export const EXPERIMENTS_REQUIRED = 2;

export interface ExperimentRef {
  id: string;
  title: string;
  /** DOM id of the experiment's card, for "back to the experiment" links. */
  anchorId: string;
}

export interface LoadRequest {
  code: string;
  experiment: ExperimentRef;
  /** Run as soon as it is loaded ("Run experiment"). */
  run: boolean;
}

export interface ExampleSnapshot {
  /** A CodeExample editor for this id is on the page. */
  hasEditor: boolean;
  /** The experiment whose code is in the editor now, if any. */
  loadedId: string | null;
  /** Experiments run to the end at least once (this browser). */
  ran: readonly string[];
  /** Experiment ids on the page. */
  registered: readonly string[];
}

interface Channel {
  editor: ((req: LoadRequest) => void) | null;
  snapshot: ExampleSnapshot;
  listeners: Set<() => void>;
}

const EMPTY: ExampleSnapshot = { hasEditor: false, loadedId: null, ran: [], registered: [] };
const channels = new Map<string, Channel>();
/** Experiments run to the end, per example; storage blocked or corrupt starts from nothing. */
const ranEntry = (exampleId: string) => localEntry<string[]>(`decoupled:experiments-run:${exampleId}`, { parse: parsers.strings, fallback: [] });

function channel(exampleId: string): Channel {
  let ch = channels.get(exampleId);
  if (!ch) {
    ch = { editor: null, snapshot: { ...EMPTY, ran: ranEntry(exampleId).read() }, listeners: new Set() };
    channels.set(exampleId, ch);
  }
  return ch;
}

function update(exampleId: string, patch: Partial<ExampleSnapshot>): void {
  const ch = channel(exampleId);
  ch.snapshot = { ...ch.snapshot, ...patch };
  for (const l of ch.listeners) l();
}

/** The CodeExample registers its editor; returns the unregister function. */
export function connectEditor(exampleId: string, handler: (req: LoadRequest) => void): () => void {
  const ch = channel(exampleId);
  ch.editor = handler;
  update(exampleId, { hasEditor: true });
  return () => {
    if (ch.editor !== handler) return;
    ch.editor = null;
    update(exampleId, { hasEditor: false });
  };
}

/** An Experiment card announces itself (for the "N of M" rule); returns the unregister function. */
export function registerExperiment(exampleId: string, experimentId: string): () => void {
  const ch = channel(exampleId);
  if (!ch.snapshot.registered.includes(experimentId)) update(exampleId, { registered: [...ch.snapshot.registered, experimentId] });
  return () => update(exampleId, { registered: channel(exampleId).snapshot.registered.filter((id) => id !== experimentId) });
}

/** Send an experiment's code to the example's editor. False when no editor for that example is on the page. */
export function loadIntoEditor(exampleId: string, req: LoadRequest): boolean {
  const ch = channel(exampleId);
  if (!ch.editor) return false;
  ch.editor(req);
  return true;
}

/** What is in the editor now (the editor reports it after loads and resets). */
export function setLoadedExperiment(exampleId: string, experimentId: string | null): void {
  if (channel(exampleId).snapshot.loadedId !== experimentId) update(exampleId, { loadedId: experimentId });
}

/** Experiments needed for this example's step: the rule, capped by how many the lesson has. */
export function experimentsRequired(snapshot: ExampleSnapshot): number {
  return snapshot.registered.length ? Math.min(EXPERIMENTS_REQUIRED, snapshot.registered.length) : EXPERIMENTS_REQUIRED;
}

/** Count a finished run of an experiment. Returns true when the rule is met (now or before). */
export function recordExperimentRun(exampleId: string, experimentId: string): boolean {
  const ch = channel(exampleId);
  if (!ch.snapshot.ran.includes(experimentId)) {
    const ran = [...ch.snapshot.ran, experimentId];
    ranEntry(exampleId).write(ran); // storage blocked: the count still holds for this page
    update(exampleId, { ran });
  }
  const snap = channel(exampleId).snapshot;
  return snap.ran.filter((id) => snap.registered.includes(id)).length >= experimentsRequired(snap);
}

/** The example's shared state, re-rendering on change. The server (and hydration) sees the empty state. */
export function useExampleState(exampleId: string): ExampleSnapshot {
  return useSyncExternalStore(
    (onChange) => {
      const ch = channel(exampleId);
      ch.listeners.add(onChange);
      return () => ch.listeners.delete(onChange);
    },
    () => channel(exampleId).snapshot,
    () => EMPTY,
  );
}
