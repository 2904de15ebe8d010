import type { ComponentLabel } from "@/lib/sim";

/** The preset's words for a component; a consumer added at run time borrows a sibling's words under its own name. */
export function labelFor(labels: Readonly<Record<string, ComponentLabel>>, id: string, name: string): ComponentLabel | null {
  if (labels[id]) return labels[id];
  const family = id.replace(/-\d+$/, "");
  const sibling = Object.entries(labels).find(([k, l]) => l.kind === "consumer" && k !== id && k.replace(/-\d+$/, "") === family);
  return sibling ? { ...sibling[1], name } : null;
}
