import { beforeAll, describe, expect, test } from "vitest";
import { loadTemplate, setTriggerMode, type Design } from "@/lib/lab";

// The database is the throwaway file migrated by tests/support/global-setup.ts.
const { prisma } = await import("@/lib/server/db");
const labDesigns = await import("@/lib/server/lab-designs");

async function newUser(label: string) {
  return prisma.user.create({ data: { email: `${label}-${crypto.randomUUID()}@example.test` } });
}

describe("saving lab designs", () => {
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    alice = (await newUser("alice")).id;
    bob = (await newUser("bob")).id;
  });

  test("a saved design lists, reads back unchanged and opens by share id for anyone", async () => {
    const design = loadTemplate("order-processing");
    const saved = await labDesigns.createLabDesign(alice, { name: "  My orders  ", design });
    expect(saved.name).toBe("My orders");
    expect(saved.shareId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(saved.design).toEqual(design);

    const list = await labDesigns.listLabDesigns(alice);
    expect(list.map((d) => d.id)).toContain(saved.id);
    expect(list.find((d) => d.id === saved.id)).toEqual({ id: saved.id, name: "My orders", shareId: saved.shareId, updatedAt: saved.updatedAt });

    expect((await labDesigns.getLabDesign(alice, saved.id)).design).toEqual(design);

    // Bob (or a guest) opens the link: same design, but no row id and not his to update.
    const viaLink = await labDesigns.getSharedLabDesign(saved.shareId, bob);
    expect(viaLink).toEqual({ name: "My orders", shareId: saved.shareId, design, ownedByViewer: false });
    expect(await labDesigns.getSharedLabDesign(saved.shareId, null)).toMatchObject({ ownedByViewer: false });
    expect(await labDesigns.getSharedLabDesign(saved.shareId, alice)).toMatchObject({ ownedByViewer: true, id: saved.id });
  });

  test("an update replaces name and design and keeps the share link", async () => {
    const saved = await labDesigns.createLabDesign(alice, { name: "Registration", design: loadTemplate("user-registration") });
    const changed: Design = setTriggerMode(saved.design, "mq", "after-response");
    const updated = await labDesigns.updateLabDesign(alice, saved.id, { name: "Registration v2", design: changed });
    expect(updated).toMatchObject({ id: saved.id, name: "Registration v2", shareId: saved.shareId });
    expect((await labDesigns.getSharedLabDesign(saved.shareId, null))?.design.components.find((c) => c.id === "mq")).toMatchObject({
      config: { triggerMode: "after-response" },
    });
    // Renaming alone leaves the design as it was.
    await labDesigns.updateLabDesign(alice, saved.id, { name: "Registration v3" });
    expect((await labDesigns.getLabDesign(alice, saved.id)).design).toEqual(changed);
  });

  test("someone else's design is a 404 for reading, updating and deleting, and stays untouched", async () => {
    const saved = await labDesigns.createLabDesign(alice, { name: "Private", design: loadTemplate("video-upload") });
    await expect(labDesigns.getLabDesign(bob, saved.id)).rejects.toMatchObject({ status: 404 });
    await expect(labDesigns.updateLabDesign(bob, saved.id, { name: "Mine now" })).rejects.toMatchObject({ status: 404 });
    await expect(labDesigns.deleteLabDesign(bob, saved.id)).rejects.toMatchObject({ status: 404 });
    expect((await labDesigns.listLabDesigns(bob)).map((d) => d.id)).not.toContain(saved.id);
    expect((await labDesigns.getLabDesign(alice, saved.id)).name).toBe("Private");
  });

  test("an invalid design is refused with 400 naming the problem, and nothing is stored", async () => {
    const before = await prisma.labDesign.count({ where: { userId: alice } });
    const broken = loadTemplate("video-upload");
    // A wire the lab forbids: a queue writing straight into a database.
    broken.connections.push({ from: "mq", to: "db-videos" });
    const error = await labDesigns.createLabDesign(alice, { name: "Broken", design: broken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(labDesigns.LabDesignError);
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining("does not write to databases") });

    await expect(labDesigns.createLabDesign(alice, { name: "Not a design", design: { hello: "world" } })).rejects.toMatchObject({ status: 400 });
    await expect(labDesigns.createLabDesign(alice, { name: "   ", design: loadTemplate("video-upload") })).rejects.toMatchObject({
      status: 400,
      message: "name must not be empty",
    });
    expect(await prisma.labDesign.count({ where: { userId: alice } })).toBe(before);

    const saved = await labDesigns.createLabDesign(alice, { name: "Valid", design: loadTemplate("social-post-fanout") });
    await expect(labDesigns.updateLabDesign(alice, saved.id, { design: broken })).rejects.toMatchObject({ status: 400 });
    expect((await labDesigns.getLabDesign(alice, saved.id)).design).toEqual(loadTemplate("social-post-fanout"));
  });

  test("an unknown or malformed share id finds nothing, and a deleted design's link stops working", async () => {
    expect(await labDesigns.getSharedLabDesign("no-such-share-id", null)).toBeNull();
    expect(await labDesigns.getSharedLabDesign("../../etc/passwd", null)).toBeNull();
    const saved = await labDesigns.createLabDesign(bob, { name: "Short-lived", design: loadTemplate("video-upload") });
    await labDesigns.deleteLabDesign(bob, saved.id);
    expect(await labDesigns.getSharedLabDesign(saved.shareId, null)).toBeNull();
  });
});
