import { localEntry, parsers } from "@/components/ui/local-store";
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

function labEntry(scope: string) {
  return localEntry<StoredLab | null>(labStorageKey(scope), { parse: parseStoredLab, fallback: null });
}

function parseStoredLab(raw: unknown): StoredLab | null {
  if (!raw || typeof raw !== "object") return null;
  const value = raw as Partial<StoredLab>;
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
}

/** The stored lab for `scope`, or null when there is none or it no longer validates. */
export function readStoredLab(scope: string): StoredLab | null {
  return labEntry(scope).read();
}

/** Stores the lab; a full or disabled storage only means the design is not kept past this visit. */
export function writeStoredLab(scope: string, lab: StoredLab): void {
  labEntry(scope).write(lab);
}

/** Ids of lab tasks this browser has completed (unknown ids dropped). */
const doneTasks = localEntry<string[]>("decoupled:lab-tasks-done:v1", {
  parse: (v) => parsers.strings(v)?.filter((id) => getTask(id) !== undefined) ?? null,
  fallback: [],
});

export function readDoneTasks(): string[] {
  return doneTasks.read();
}

export function writeDoneTasks(ids: readonly string[]): void {
  doneTasks.write([...new Set(ids)]);
}
