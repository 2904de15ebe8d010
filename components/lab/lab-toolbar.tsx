"use client";
import { useId, useState } from "react";
import { COMPONENT_KINDS, KIND_LABELS, TEMPLATES, getTemplate, type ComponentKind, type TemplateId } from "@/lib/lab";
import type { ArchitectureLabModel } from "./use-architecture-lab";
import styles from "./lab.module.css";

export type LabView = "canvas" | "list";

/** Template picker (full lab only), Run / Skip animation / Reset, Add component, and the Canvas/List switch. */
export function LabToolbar({
  model,
  variant,
  view,
  onView,
}: {
  model: ArchitectureLabModel;
  variant: "page" | "embed";
  view: LabView;
  onView: (view: LabView) => void;
}) {
  const { state, lab, running, activeTask, template, templateChoice, load } = model;
  const ids = { template: useId(), add: useId() };
  const [addKind, setAddKind] = useState<ComponentKind>("consumer");
  return (
    <div className={styles.toolbar}>
      {variant === "page" ? (
        <div className={styles.toolGroup}>
          <label htmlFor={ids.template} className={styles.fieldLabel}>
            Template
          </label>
          <select id={ids.template} value={templateChoice} onChange={(e) => model.setTemplateChoice(e.target.value as TemplateId)}>
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
        <button type="button" className="btn btn-small" onClick={() => model.dispatch({ type: "add", kind: addKind })}>
          Add component
        </button>
      </div>
      <div className={styles.toolGroup} role="group" aria-label="View">
        <button type="button" className="btn btn-small" aria-pressed={view === "canvas"} onClick={() => onView("canvas")}>
          Canvas
        </button>
        <button type="button" className="btn btn-small" aria-pressed={view === "list"} onClick={() => onView("list")}>
          List
        </button>
      </div>
    </div>
  );
}
