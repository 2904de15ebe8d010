import { getTask, getTemplate, parseDesign, type Design, type TemplateId } from "@/lib/lab";

/**
 * What the lab keeps in this browser between visits: the design being edited and where it came from. Guests have
 * nothing else; signed-in students also have their saved designs on the server.
 *
 * Everything read back is validated again (`parseDesign`): storage outlives deployments, and another tab or an older
 * version of the lab may have written it.
 */
export interface StoredLab {
  design: Design;
  templateId: TemplateId;
  taskId: string | null;
  /** The server copy this design was last saved to or opened from, when the student owns it. */
  saved: SavedRef | null;
}

export interface SavedRef {
  id: string;
  name: string;
  shareId: string;
}

const VERSION = 1;

export function labStorageKey(scope: string): string {
  return `decoupled:lab:${scope}:v${VERSION}`;
}

/** The stored lab for `scope`, or null when there is none or it no longer validates. */
export function readStoredLab(scope: string): StoredLab | null {
  try {
    const raw = localStorage.getItem(labStorageKey(scope));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredLab>;
    const parsed = parseDesign(value.design);
    if (!parsed.ok) return null;
    const templateId = typeof value.templateId === "string" && getTemplate(value.templateId) ? (value.templateId as TemplateId) : null;
    if (!templateId) return null;
    const taskId = typeof value.taskId === "string" && getTask(value.taskId) ? value.taskId : null;
    const saved =
      value.saved && typeof value.saved.id === "string" && typeof value.saved.name === "string" && typeof value.saved.shareId === "string"
        ? { id: value.saved.id, name: value.saved.name, shareId: value.saved.shareId }
        : null;
    return { design: parsed.value, templateId, taskId, saved };
  } catch {
    return null;
  }
}

/** Stores the lab; a full or disabled storage only means the design is not kept, so failures are ignored. */
export function writeStoredLab(scope: string, lab: StoredLab): void {
  try {
    localStorage.setItem(labStorageKey(scope), JSON.stringify(lab));
  } catch {
    // Quota exceeded or storage disabled (private mode): the lab still works for this visit.
  }
}

const TASKS_KEY = "decoupled:lab-tasks-done:v1";

/** Ids of lab tasks this browser has completed. */
export function readDoneTasks(): string[] {
  try {
    const value = JSON.parse(localStorage.getItem(TASKS_KEY) ?? "[]") as unknown;
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string" && getTask(id) !== undefined) : [];
  } catch {
    return [];
  }
}

export function writeDoneTasks(ids: readonly string[]): void {
  try {
    localStorage.setItem(TASKS_KEY, JSON.stringify([...new Set(ids)]));
  } catch {
    // See writeStoredLab.
  }
}
