"use client";
import { MotionConfig, useReducedMotion } from "motion/react";
import { useRef, useState } from "react";
import { componentsOfKind, getComponent, moveComponent } from "@/lib/lab";
import { ComponentInspector } from "./component-inspector";
import { ConnectMenu } from "./connect-menu";
import { LabCanvas } from "./lab-canvas";
import { LabDesigns } from "./lab-designs";
import { LabList } from "./lab-list";
import { DatabasesPanel, DesignChecks } from "./lab-panels";
import { LabTasks } from "./lab-tasks";
import { LabToolbar, type LabView } from "./lab-toolbar";
import { ConsumerStatusPanel, ExecutionLog } from "./run-results";
import { templateFor, useArchitectureLab, type ArchitectureLabProps } from "./use-architecture-lab";
import { useMediaQuery } from "./use-media-query";
import styles from "./lab.module.css";

export type { ArchitectureLabProps, SharedDesignProp } from "./use-architecture-lab";

/**
 * The architecture lab: build User Request → API Service → Message Queue → Consumers → Databases, run a request
 * through it in the browser (each service in its own Web Worker), watch the steps light up, and read the log,
 * the consumer status and the tables. Client-only: it reads this browser's saved state on first render.
 * The state lives in useArchitectureLab; this lays out its parts.
 */
export default function ArchitectureLab(props: ArchitectureLabProps) {
  const { variant, signedIn = false } = props;
  const model = useArchitectureLab(props);
  const { state, dispatch, lab, selected, template, touched, load } = model;
  const reduceMotion = useReducedMotion() ?? false;
  const narrow = useMediaQuery("(max-width: 640px)");
  const [viewPref, setViewPref] = useState<"auto" | LabView>("auto");
  const view = viewPref === "auto" ? (narrow ? "list" : "canvas") : viewPref;
  const statusHeading = useRef<HTMLHeadingElement>(null);

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
    queueBadges: model.queueBadges,
    focus: state.focus,
    onSelect: (id: string | null) => dispatch({ type: "select", id }),
    onStartConnect: (id: string) => dispatch({ type: "start-connect", from: id }),
    onCancelConnect: () => dispatch({ type: "cancel-connect" }),
    onConnect: (from: string, to: string) => dispatch({ type: "connect", from, to }),
    onOpenStatus: openStatus,
  };

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

        <LabToolbar model={model} variant={variant} view={view} onView={setViewPref} />

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

        <DesignChecks problems={model.problems} />

        <div className={styles.workspace}>
          {view === "canvas" ? (
            <LabCanvas {...canvasProps} reduceMotion={reduceMotion} onMove={(id, position) => dispatch({ type: "edit", edit: (d) => moveComponent(d, id, position) })} />
          ) : (
            <LabList {...canvasProps} renderInspector={renderInspector} />
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

        <DatabasesPanel databases={componentsOfKind(state.design, "database")} touched={touched} />

        <div className={styles.columns}>
          {model.tasks.length > 0 ? (
            <LabTasks
              tasks={model.tasks}
              activeTaskId={state.taskId}
              lastCheck={model.lastCheck}
              done={model.doneTasks}
              onStart={(task) => load(task.starter(), task.templateId, { taskId: task.id, text: `Started “${task.title}”. ${task.goal}` })}
              onStop={model.stopTask}
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
