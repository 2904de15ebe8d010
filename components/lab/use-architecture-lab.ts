"use client";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { useOptionalLessonProgress } from "@/components/lesson/lesson-progress";
import { createBrowserExecutor } from "@/lib/lab/browser-executor";
import {
  LAB_TASKS,
  TEMPLATES,
  applyRunResult,
  componentsOfKind,
  describeOutcome,
  getComponent,
  getTask,
  getTemplate,
  validateDesign,
  type Design,
  type LabTask,
  type RunResult,
  type ServiceExecutor,
  type TaskCheck,
  type TemplateId,
} from "@/lib/lab";
import { queueBadge, touchedRows, type QueueBadge } from "./lab-parts";
import { initialLabState, labReducer, type LabState } from "./lab-state";
import { readDoneTasks, readStoredLab, writeDoneTasks, writeStoredLab, type SavedRef } from "./lab-storage";
import { useLabRun } from "./use-lab-run";

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

/** How a design is put in front of the student, with the sentence that says so. */
export interface LoadRequest {
  taskId?: string | null;
  saved?: SavedRef | null;
  text: string;
}

/** How long the design must stay unchanged before it is written to this browser, in ms. */
const SAVE_DELAY_MS = 250;

export function templateFor(design: Design): TemplateId {
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
 * The architecture lab's state: the design (lab-state's reducer), where it came from, the run and its playback,
 * the tasks and their verdicts, and what this browser keeps between visits. The lab's parts only render it.
 */
export function useArchitectureLab(props: ArchitectureLabProps) {
  const { variant } = props;
  const scope = variant === "page" ? "page" : `embed-${props.templateId ?? "video-upload"}`;
  const tasks = useMemo(
    () => (variant === "embed" ? LAB_TASKS.filter((t) => t.templateId === (props.templateId ?? "video-upload")) : LAB_TASKS),
    [variant, props.templateId],
  );
  const [state, dispatch] = useReducer(labReducer, undefined, () => initialState(props, scope, tasks));
  const executor = useMemo(() => props.executor ?? createBrowserExecutor(), [props.executor]);
  const progress = useOptionalLessonProgress();
  const [doneTasks, setDoneTasks] = useState<ReadonlySet<string>>(() => new Set(readDoneTasks()));
  const [lastCheck, setLastCheck] = useState<{ taskId: string; check: TaskCheck } | null>(null);
  const [templateChoice, setTemplateChoice] = useState<TemplateId>(state.templateId);

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
      SAVE_DELAY_MS,
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

  const load = (design: Design, templateId: TemplateId, extra: LoadRequest) => {
    lab.clear();
    setLastCheck(null);
    setTemplateChoice(templateId);
    dispatch({ type: "load", design, templateId, taskId: extra.taskId ?? null, saved: extra.saved ?? null, message: { tone: "info", text: extra.text } });
  };

  const stopTask = () => {
    setLastCheck(null);
    dispatch({ type: "load", design: state.design, templateId: state.templateId, saved: state.saved, message: { tone: "info", text: "Task stopped; your design is unchanged." } });
  };

  const queueBadges = useMemo(() => {
    const map = new Map<string, QueueBadge>();
    for (const q of componentsOfKind(state.design, "message-queue")) map.set(q.id, queueBadge(q.id, { phase: lab.phase, run: lab.run }));
    return map;
  }, [state.design, lab.phase, lab.run]);
  const touched = useMemo(() => (lab.phase === "done" ? touchedRows(lab.run) : new Map<string, Set<string>>()), [lab.phase, lab.run]);
  const problems = useMemo(() => validateDesign(state.design), [state.design]);

  return {
    state,
    dispatch,
    lab,
    tasks,
    doneTasks,
    lastCheck,
    templateChoice,
    setTemplateChoice,
    load,
    stopTask,
    activeTask: state.taskId ? getTask(state.taskId) : undefined,
    running: lab.phase === "running" || lab.phase === "playing",
    selected: state.selectedId ? getComponent(state.design, state.selectedId) : undefined,
    template: getTemplate(state.templateId),
    queueBadges,
    touched,
    problems,
  };
}

export type ArchitectureLabModel = ReturnType<typeof useArchitectureLab>;
