"use client";
import { MotionConfig, useReducedMotion } from "motion/react";
import { useCallback, useEffect, useId, useMemo, useReducer, useRef, useState } from "react";
import { useOptionalLessonProgress } from "@/components/lesson/lesson-progress";
import { createBrowserExecutor } from "@/lib/lab/browser-executor";
import {
  COMPONENT_KINDS,
  KIND_LABELS,
  LAB_TASKS,
  TEMPLATES,
  applyRunResult,
  componentsOfKind,
  describeOutcome,
  getComponent,
  getTask,
  getTemplate,
  moveComponent,
  validateDesign,
  type ComponentKind,
  type Design,
  type LabTask,
  type RunResult,
  type ServiceExecutor,
  type TaskCheck,
  type TemplateId,
} from "@/lib/lab";
import { ComponentInspector } from "./component-inspector";
import { Glyph } from "./glyph";
import { ConnectMenu } from "./connect-menu";
import { LabCanvas } from "./lab-canvas";
import { LabDesigns } from "./lab-designs";
import { LabList } from "./lab-list";
import { queueBadge, touchedRows, type QueueBadge } from "./lab-parts";
import { initialLabState, labReducer, type LabState } from "./lab-state";
import { readDoneTasks, readStoredLab, writeDoneTasks, writeStoredLab, type SavedRef } from "./lab-storage";
import { LabTasks } from "./lab-tasks";
import { ConsumerStatusPanel, ExecutionLog } from "./run-results";
import { DatabaseTables } from "./tables-view";
import { useLabRun } from "./use-lab-run";
import { useMediaQuery } from "./use-media-query";
import styles from "./lab.module.css";

/** A design opened from a share link, as the /lab page hands it over. */
export interface SharedDesignProp {
  name: string;
  shareId: string;
  design: Design;
  ownedByViewer: boolean;
  id?: string;
}

export interface ArchitectureLabProps {
  /** `page`: the full lab at /lab (template picker, all tasks, save and share). `embed`: inside a lesson. */
  variant: "page" | "embed";
  templateId?: TemplateId;
  taskId?: string;
  shared?: SharedDesignProp | null;
  signedIn?: boolean;
  /** Runs the services; default a Web Worker per call. Tests pass another executor with the same contract. */
  executor?: ServiceExecutor;
}

function templateFor(design: Design): TemplateId {
  return (TEMPLATES.find((t) => t.title === design.title)?.id as TemplateId | undefined) ?? "video-upload";
}

function initialState(props: ArchitectureLabProps, scope: string, tasks: readonly LabTask[]): LabState {
  const { shared, variant } = props;
  if (shared) {
    return initialLabState({
      design: shared.design,
      templateId: templateFor(shared.design),
      saved: shared.ownedByViewer && shared.id ? { id: shared.id, name: shared.name, shareId: shared.shareId } : null,
      shared: shared.ownedByViewer ? null : { name: shared.name, shareId: shared.shareId },
      message: { tone: "info", text: `Opened “${shared.name}” from a share link.` },
    });
  }
  const task = props.taskId ? getTask(props.taskId) : undefined;
  if (task) return initialLabState({ design: task.starter(), templateId: task.templateId, taskId: task.id });
  if (variant === "page" && props.templateId) return initialLabState({ design: getTemplate(props.templateId)!.design(), templateId: props.templateId });
  const stored = readStoredLab(scope);
  if (stored) return initialLabState(stored);
  const templateId = props.templateId ?? "video-upload";
  // In a lesson the task for the template is on from the start: running it is the experiment.
  return initialLabState({ design: getTemplate(templateId)!.design(), templateId, taskId: variant === "embed" ? (tasks[0]?.id ?? null) : null });
}

/**
 * The architecture lab: build User Request → API Service → Message Queue → Consumers → Databases, run a request
 * through it in the browser (each service in its own Web Worker), watch the steps light up, and read the log,
 * the consumer status and the tables. Client-only: it reads this browser's saved state on first render.
 */
export default function ArchitectureLab(props: ArchitectureLabProps) {
  const { variant, signedIn = false } = props;
  const scope = variant === "page" ? "page" : `embed-${props.templateId ?? "video-upload"}`;
  const tasks = useMemo(
    () => (variant === "embed" ? LAB_TASKS.filter((t) => t.templateId === (props.templateId ?? "video-upload")) : LAB_TASKS),
    [variant, props.templateId],
  );
  const [state, dispatch] = useReducer(labReducer, undefined, () => initialState(props, scope, tasks));
  const executor = useMemo(() => props.executor ?? createBrowserExecutor(), [props.executor]);
  const progress = useOptionalLessonProgress();
  const reduceMotion = useReducedMotion() ?? false;
  const narrow = useMediaQuery("(max-width: 640px)");
  const [viewPref, setViewPref] = useState<"auto" | "canvas" | "list">("auto");
  const view = viewPref === "auto" ? (narrow ? "list" : "canvas") : viewPref;
  const [doneTasks, setDoneTasks] = useState<ReadonlySet<string>>(() => new Set(readDoneTasks()));
  const [lastCheck, setLastCheck] = useState<{ taskId: string; check: TaskCheck } | null>(null);
  const statusHeading = useRef<HTMLHeadingElement>(null);
  const ids = { template: useId(), add: useId() };
  const [templateChoice, setTemplateChoice] = useState<TemplateId>(state.templateId);
  const [addKind, setAddKind] = useState<ComponentKind>("consumer");

  const taskIdRef = useRef(state.taskId);
  useEffect(() => {
    taskIdRef.current = state.taskId;
  }, [state.taskId]);

  const onFinished = useCallback(
    (run: RunResult, ranDesign: Design) => {
      dispatch({ type: "edit", edit: (d) => applyRunResult(d, run) });
      const task = taskIdRef.current ? getTask(taskIdRef.current) : undefined;
      const check = task ? task.check(run, ranDesign) : null;
      if (task && check) {
        setLastCheck({ taskId: task.id, check });
        if (check.done) {
          setDoneTasks((prev) => {
            const next = new Set(prev).add(task.id);
            writeDoneTasks([...next]);
            return next;
          });
          // In a lesson a finished lab task completes the Interactive Experiment step (as a code experiment can).
          if (variant === "embed" && progress && !progress.completed.has("experiment")) void progress.markDone("experiment");
        }
      }
      dispatch({ type: "message", message: { tone: run.outcome === "blocked" ? "error" : "info", text: describeOutcome(run, check) } });
    },
    [variant, progress],
  );
  const lab = useLabRun(executor, onFinished);

  // Keep the design in this browser (guests have nothing else; signed-in students get it back on reload too).
  useEffect(() => {
    const timer = setTimeout(
      () => writeStoredLab(scope, { design: state.design, templateId: state.templateId, taskId: state.taskId, saved: state.saved }),
      250,
    );
    return () => clearTimeout(timer);
  }, [scope, state.design, state.templateId, state.taskId, state.saved]);

  // A share link or ?template= is consumed once: afterwards a reload continues with the local copy.
  useEffect(() => {
    if (variant !== "page") return;
    const url = new URL(window.location.href);
    if (["share", "template", "task"].some((k) => url.searchParams.has(k))) {
      ["share", "template", "task"].forEach((k) => url.searchParams.delete(k));
      window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
    }
  }, [variant]);

  const load = (design: Design, templateId: TemplateId, extra: { taskId?: string | null; saved?: SavedRef | null; text: string }) => {
    lab.clear();
    setLastCheck(null);
    setTemplateChoice(templateId);
    dispatch({ type: "load", design, templateId, taskId: extra.taskId ?? null, saved: extra.saved ?? null, message: { tone: "info", text: extra.text } });
  };

  const activeTask = state.taskId ? getTask(state.taskId) : undefined;
  const running = lab.phase === "running" || lab.phase === "playing";
  const selected = state.selectedId ? getComponent(state.design, state.selectedId) : undefined;
  const template = getTemplate(state.templateId);
  const queueBadges = useMemo(() => {
    const map = new Map<string, QueueBadge>();
    for (const q of componentsOfKind(state.design, "message-queue")) map.set(q.id, queueBadge(q.id, { phase: lab.phase, run: lab.run }));
    return map;
  }, [state.design, lab.phase, lab.run]);
  const touched = useMemo(() => (lab.phase === "done" ? touchedRows(lab.run) : new Map<string, Set<string>>()), [lab.phase, lab.run]);
  const problems = useMemo(() => validateDesign(state.design), [state.design]);

  const openStatus = () => {
    statusHeading.current?.scrollIntoView({ block: "nearest", behavior: reduceMotion ? "auto" : "smooth" });
    statusHeading.current?.focus({ preventScroll: true });
  };

  const renderInspector = (id: string) => {
    const component = getComponent(state.design, id);
    if (!component) return null;
    return (
      <ComponentInspector
        design={state.design}
        component={component}
        triggerModeReason={template?.triggerModeReason}
        touched={touched}
        onEdit={(edit) => dispatch({ type: "edit", edit })}
        onConnect={(from, to) => dispatch({ type: "connect", from, to })}
        onRemove={(removeId) => dispatch({ type: "remove", id: removeId })}
      />
    );
  };

  const canvasProps = {
    design: state.design,
    selectedId: state.selectedId,
    connectFrom: state.connectFrom,
    highlights: lab.highlights,
    queueBadges,
    focus: state.focus,
    onStartConnect: (id: string) => dispatch({ type: "start-connect", from: id }),
    onCancelConnect: () => dispatch({ type: "cancel-connect" }),
    onConnect: (from: string, to: string) => dispatch({ type: "connect", from, to }),
    onOpenStatus: openStatus,
  };

  const databases = componentsOfKind(state.design, "database");

  return (
    <MotionConfig reducedMotion="user">
      <div
        className={styles.lab}
        data-variant={variant}
        data-view={view}
        onKeyDown={(e) => {
          if (e.key === "Escape" && state.connectFrom) dispatch({ type: "cancel-connect" });
        }}
      >
        {state.shared ? (
          <p className={styles.sharedBanner} role="note">
            You opened <strong>“{state.shared.name}”</strong> from a share link. You are editing your own copy in this browser; the shared original does not
            change.{signedIn ? " Save it to keep your copy in your account." : ""}
          </p>
        ) : null}

        <div className={styles.toolbar}>
          {variant === "page" ? (
            <div className={styles.toolGroup}>
              <label htmlFor={ids.template} className={styles.fieldLabel}>
                Template
              </label>
              <select id={ids.template} value={templateChoice} onChange={(e) => setTemplateChoice(e.target.value as TemplateId)}>
                {TEMPLATES.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn btn-small"
                disabled={running}
                onClick={() => load(getTemplate(templateChoice)!.design(), templateChoice, { text: `Loaded the ${getTemplate(templateChoice)!.title} template.` })}
              >
                Load template
              </button>
            </div>
          ) : null}
          <div className={styles.toolGroup}>
            <button type="button" className="btn btn-primary" disabled={running} onClick={() => void lab.start(state.design)} data-testid="run-simulation">
              {running ? "Running…" : "Run simulation"}
            </button>
            {lab.phase === "playing" ? (
              <button type="button" className="btn btn-small" onClick={lab.skip}>
                Skip animation
              </button>
            ) : null}
            {activeTask ? (
              <button type="button" className="btn btn-small" disabled={running} onClick={() => load(activeTask.starter(), activeTask.templateId, { taskId: activeTask.id, text: `Reset “${activeTask.title}” to its start.` })}>
                Reset task
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                disabled={running}
                onClick={() => load(getTemplate(state.templateId)!.design(), state.templateId, { text: `Reset to the ${template?.title ?? ""} template.` })}
              >
                Reset to template
              </button>
            )}
          </div>
          <div className={styles.toolGroup}>
            <label htmlFor={ids.add} className={styles.fieldLabel}>
              Add
            </label>
            <select id={ids.add} value={addKind} onChange={(e) => setAddKind(e.target.value as ComponentKind)}>
              {COMPONENT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-small" onClick={() => dispatch({ type: "add", kind: addKind })}>
              Add component
            </button>
          </div>
          <div className={styles.toolGroup} role="group" aria-label="View">
            <button type="button" className="btn btn-small" aria-pressed={view === "canvas"} onClick={() => setViewPref("canvas")}>
              Canvas
            </button>
            <button type="button" className="btn btn-small" aria-pressed={view === "list"} onClick={() => setViewPref("list")}>
              List
            </button>
          </div>
        </div>

        {template && variant === "page" ? (
          <p className={styles.templateNote}>
            <strong>{template.title}:</strong> {template.summary}
          </p>
        ) : null}

        <p role="status" className={styles.message} data-tone={state.message?.tone ?? "info"} data-testid="lab-message">
          {state.message?.text ?? ""}
        </p>

        {state.connectFrom ? (
          <ConnectMenu
            design={state.design}
            fromId={state.connectFrom}
            onConnect={(to) => dispatch({ type: "connect", from: state.connectFrom!, to })}
            onCancel={() => dispatch({ type: "cancel-connect" })}
          />
        ) : null}

        {problems.length > 0 ? (
          <details className={styles.checks}>
            <summary>
              Design check: {problems.length} {problems.length === 1 ? "note" : "notes"}
            </summary>
            <ul>
              {problems.map((p) => (
                <li key={`${p.code}-${p.componentIds.join(",")}`} data-severity={p.severity}>
                  <Glyph kind={p.severity === "error" ? "error" : "warning"} />{" "}
                  {p.message}
                </li>
              ))}
            </ul>
          </details>
        ) : null}

        <div className={styles.workspace}>
          {view === "canvas" ? (
            <LabCanvas
              {...canvasProps}
              reduceMotion={reduceMotion}
              onSelect={(id) => dispatch({ type: "select", id })}
              onMove={(id, position) => dispatch({ type: "edit", edit: (d) => moveComponent(d, id, position) })}
            />
          ) : (
            <LabList {...canvasProps} renderInspector={renderInspector} onSelect={(id) => dispatch({ type: "select", id })} />
          )}
        </div>

        <div className={styles.columns}>
          {view === "canvas" ? (
            <section className={styles.panel} aria-label="Selected component">
              {selected ? (
                renderInspector(selected.id)
              ) : (
                <>
                  <h3 className={styles.panelTitle}>Selected component</h3>
                  <p className={styles.muted}>Select a component on the canvas to edit its code, settings and connections.</p>
                </>
              )}
            </section>
          ) : null}
          <div className={styles.stack}>
            <ConsumerStatusPanel ref={statusHeading} run={lab.run} phase={lab.phase} />
            <ExecutionLog run={lab.run} phase={lab.phase} />
          </div>
        </div>

        <section className={styles.panel} aria-labelledby={`${ids.add}-data`}>
          <h3 id={`${ids.add}-data`} className={styles.panelTitle}>
            Databases
          </h3>
          {databases.length === 0 ? <p className={styles.muted}>This design has no Database.</p> : null}
          <div className={styles.databases}>
            {databases.map((db) => (
              <div key={db.id} className={styles.database} data-testid={`database-${db.id}`}>
                <h4 className={styles.subTitle}>{db.name}</h4>
                <DatabaseTables database={db} touched={touched} />
              </div>
            ))}
          </div>
        </section>

        <div className={styles.columns}>
          {tasks.length > 0 ? (
            <LabTasks
              tasks={tasks}
              activeTaskId={state.taskId}
              lastCheck={lastCheck}
              done={doneTasks}
              onStart={(task) => load(task.starter(), task.templateId, { taskId: task.id, text: `Started “${task.title}”. ${task.goal}` })}
              onStop={() => {
                setLastCheck(null);
                dispatch({ type: "load", design: state.design, templateId: state.templateId, saved: state.saved, message: { tone: "info", text: "Task stopped; your design is unchanged." } });
              }}
            />
          ) : null}
          {variant === "page" ? (
            <LabDesigns
              signedIn={signedIn}
              design={state.design}
              saved={state.saved}
              onSaved={(saved) => dispatch({ type: "saved", saved })}
              onDeleted={(id) => dispatch({ type: "deleted", id })}
              onOpen={(design, saved) => load(design, templateFor(design), { saved, text: `Opened “${saved.name}”.` })}
            />
          ) : null}
        </div>
      </div>
    </MotionConfig>
  );
}
