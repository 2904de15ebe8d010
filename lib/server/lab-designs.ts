import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { hasControlChars, LIMITS, parseDesign, type Design } from "@/lib/lab";
import type { LabDesignSummary, SavedLabDesign } from "@/lib/api/lab-designs";
import { prisma } from "./db";
import { ClientError } from "./http";

/**
 * Saved architecture-lab designs. A design is stored only after `parseDesign` accepted it, so whatever a share link
 * later hands to a browser has passed the same validation as a design built on the canvas. Every read or write of a
 * private design is scoped by `userId`: someone else's design is indistinguishable from a missing one (404).
 */

/** Saved designs per account; bounds what one account can store. */
export const MAX_DESIGNS_PER_USER = 100;
export const DESIGN_NAME_MAX = LIMITS.titleLength;

export class LabDesignError extends ClientError {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
    /** For 400: each problem `parseDesign` found, `path: message`. */
    readonly problems: string[] = [],
  ) {
    super(message, status, problems);
  }
}

/** What anyone holding the link sees: no row id, no owner. */
export interface SharedLabDesign {
  name: string;
  shareId: string;
  design: Design;
  /** True when the viewer owns it (then the lab may offer to update it rather than save a copy). */
  ownedByViewer: boolean;
  /** The row id, only for the owner. */
  id?: string;
}

/** 128 random bits, URL-safe: a share link cannot be guessed from another. */
function newShareId(): string {
  return randomBytes(16).toString("base64url");
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new LabDesignError("name must not be empty", 400);
  if (trimmed.length > DESIGN_NAME_MAX) throw new LabDesignError(`name must be at most ${DESIGN_NAME_MAX} characters`, 400);
  if (hasControlChars(trimmed)) throw new LabDesignError("name must not contain control characters", 400);
  return trimmed;
}

function checkDesign(input: unknown): Design {
  const parsed = parseDesign(input);
  if (!parsed.ok) {
    const first = parsed.errors[0] ?? "invalid design";
    throw new LabDesignError(`invalid design: ${first}${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : ""}`, 400, parsed.errors);
  }
  return parsed.value;
}

type Row = { id: string; name: string; shareId: string; updatedAt: Date; design?: Prisma.JsonValue };

function summary(row: Row): LabDesignSummary {
  return { id: row.id, name: row.name, shareId: row.shareId, updatedAt: row.updatedAt.toISOString() };
}

/**
 * A stored design read back. Rows are validated on the way in, but the schema may have tightened since: a row
 * that no longer parses is reported rather than handed to the canvas.
 */
function storedDesign(row: Row): Design {
  const parsed = parseDesign(row.design);
  if (!parsed.ok) throw new LabDesignError(`this saved design no longer passes validation: ${parsed.errors[0]}`, 409, parsed.errors);
  return parsed.value;
}

/** Save a new design for `userId`. Throws LabDesignError 400 for an invalid name or design, 409 past the per-user cap. */
export async function createLabDesign(userId: string, input: { name: string; design: unknown }): Promise<SavedLabDesign> {
  const name = checkName(input.name);
  const design = checkDesign(input.design);
  const count = await prisma.labDesign.count({ where: { userId } });
  if (count >= MAX_DESIGNS_PER_USER) {
    throw new LabDesignError(`you already have ${MAX_DESIGNS_PER_USER} saved designs: update or delete one first`, 409);
  }
  const row = await prisma.labDesign.create({
    data: { userId, name, design: design as unknown as Prisma.InputJsonValue, shareId: newShareId() },
  });
  return { ...summary(row), design };
}

/** The user's designs, most recently updated first (summaries only: designs can be large). */
export async function listLabDesigns(userId: string): Promise<LabDesignSummary[]> {
  const rows = await prisma.labDesign.findMany({
    where: { userId },
    orderBy: { updatedAt: "desc" },
    select: { id: true, name: true, shareId: true, updatedAt: true },
    take: MAX_DESIGNS_PER_USER,
  });
  return rows.map(summary);
}

/** One of the user's own designs; 404 when it does not exist or belongs to someone else. */
export async function getLabDesign(userId: string, id: string): Promise<SavedLabDesign> {
  const row = await prisma.labDesign.findFirst({ where: { id, userId } });
  if (!row) throw new LabDesignError("design not found", 404);
  return { ...summary(row), design: storedDesign(row) };
}

/**
 * Replace the name and/or design of one of the user's own designs. The share id stays, so links already handed
 * out show the update. 404 when it is not theirs; 400 for an invalid name or design.
 */
export async function updateLabDesign(userId: string, id: string, input: { name?: string; design?: unknown }): Promise<SavedLabDesign> {
  const name = input.name === undefined ? undefined : checkName(input.name);
  const design = input.design === undefined ? undefined : checkDesign(input.design);
  // updateMany with the owner in the filter: the ownership check and the write are one statement, no race.
  const result = await prisma.labDesign.updateMany({
    where: { id, userId },
    data: { ...(name === undefined ? {} : { name }), ...(design === undefined ? {} : { design: design as unknown as Prisma.InputJsonValue }) },
  });
  if (result.count === 0) throw new LabDesignError("design not found", 404);
  return getLabDesign(userId, id);
}

/** Delete one of the user's own designs (its share link stops working); 404 when it is not theirs. */
export async function deleteLabDesign(userId: string, id: string): Promise<void> {
  const result = await prisma.labDesign.deleteMany({ where: { id, userId } });
  if (result.count === 0) throw new LabDesignError("design not found", 404);
}

/** A design by its share id, for anyone with the link; null when there is none. `viewerId` only decides `ownedByViewer`. */
export async function getSharedLabDesign(shareId: string, viewerId: string | null): Promise<SharedLabDesign | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(shareId)) return null;
  const row = await prisma.labDesign.findUnique({ where: { shareId } });
  if (!row) return null;
  const ownedByViewer = viewerId !== null && row.userId === viewerId;
  return { name: row.name, shareId: row.shareId, design: storedDesign(row), ownedByViewer, ...(ownedByViewer ? { id: row.id } : {}) };
}
