// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { LessonProgressProvider } from "@/components/lesson/lesson-progress";
import { getScenario } from "@/lib/sim";
import { tours } from "@/lib/tours";
import { modelStart } from "./model-meta";
import { ModelPlaceholder } from "./model-placeholder";
import { VisualModelLoader } from "./visual-model-loader";
import { VisualModelInteractive } from "./visual-model-interactive";

beforeAll(() => {
  // jsdom has no layout: a fixed-width stage, and no media queries beyond "no preference".
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  window.matchMedia ??= ((q: string) => ({ matches: false, media: q, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, onchange: null, dispatchEvent: () => false })) as typeof window.matchMedia;
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["requestAnimationFrame", "cancelAnimationFrame", "performance", "setTimeout", "Date"] });
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const run = (realMs: number) =>
  act(() => {
    vi.advanceTimersByTime(realMs);
  });

function renderModel(id: Parameters<typeof modelStart>[0], intent: "load" | "play" | "tour" = "load") {
  return render(
    <LessonProgressProvider slug="message-queues" signedIn={false} initialCompleted={[]}>
      <VisualModelInteractive start={modelStart(id)} intent={intent} />
    </LessonProgressProvider>,
  );
}

const narration = () => screen.getByText(/^Step \d+ of \d+:/).closest("p")!.textContent!;

describe("VisualModelInteractive: the guided tour", () => {
  it("steps forward and back by buttons and arrow keys, and finishing marks the visual step done", () => {
    const tour = tours["delivery-guarantees"];
    renderModel("delivery-guarantees");
    fireEvent.click(screen.getByRole("button", { name: "Start tour" }));
    expect(narration()).toContain(`Step 1 of ${tour.steps.length}: ${tour.steps[0].title}`);
    expect(narration()).toContain(tour.steps[0].narration);
    expect(screen.getByRole("button", { name: "Previous step" })).toHaveProperty("disabled", true);

    fireEvent.click(screen.getByRole("button", { name: "Next step" }));
    expect(narration()).toContain(`Step 2 of ${tour.steps.length}`);
    const root = screen.getByTestId("visual-model");
    fireEvent.keyDown(root, { key: "ArrowRight" });
    expect(narration()).toContain(`Step 3 of ${tour.steps.length}`);
    fireEvent.keyDown(root, { key: "ArrowLeft" });
    expect(narration()).toContain(`Step 2 of ${tour.steps.length}: ${tour.steps[1].title}`);
    fireEvent.click(screen.getByRole("button", { name: "Previous step" }));
    expect(narration()).toContain(`Step 1 of`);

    for (let i = 1; i < tour.steps.length; i++) fireEvent.click(screen.getByRole("button", { name: "Next step" }));
    expect(narration()).toContain(`Step ${tour.steps.length} of ${tour.steps.length}`);
    expect(screen.queryByRole("button", { name: "Next step" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Finish tour" }));
    expect(screen.getByText("Tour complete.")).toBeTruthy();
    expect(JSON.parse(localStorage.getItem("decoupled:guest-progress:v1") ?? "{}")).toMatchObject({ "message-queues": ["visual"] });
    expect(screen.getByRole("button", { name: "Start tour" })).toBeTruthy();
  });

  it("plays each step's span and shows what the narration says: the duplicate charge", () => {
    const tour = tours["delivery-guarantees"];
    const dup = tour.steps.findIndex((s) => s.id === "duplicate");
    renderModel("delivery-guarantees", "tour");
    for (let i = 0; i < dup; i++) fireEvent.click(screen.getByRole("button", { name: "Next step" }));
    expect(screen.getByTestId("vm-stat-duplicates").textContent).toBe("0");
    // The span is 2 s of virtual time at 1×; give it a little more real time.
    for (let i = 0; i < 150; i++) run(16);
    expect(screen.getByTestId("vm-stat-duplicates").textContent).toBe("1");
    expect(screen.getByText("Order #2 charged twice!")).toBeTruthy();
    expect(screen.getByTestId("visual-model").getAttribute("data-now")).toBe(String(tour.steps[dup].toMs));
    // Previous recomputes the earlier step from its script rather than undoing.
    fireEvent.click(screen.getByRole("button", { name: "Previous step" }));
    expect(screen.getByTestId("visual-model").getAttribute("data-now")).toBe(String(tour.steps[dup - 1].fromMs));
    expect(screen.getByTestId("vm-stat-effects").textContent).toBe("1");
  });

  it("highlights the components the step talks about", () => {
    renderModel("dead-letter", "tour");
    const step0 = tours["dead-letter"].steps[0];
    const highlighted = [...document.querySelectorAll("[data-highlight]")].map((el) => el.getAttribute("data-node") ?? el.querySelector("[data-node]")?.getAttribute("data-node"));
    expect(new Set(highlighted)).toEqual(new Set(step0.highlight));
    fireEvent.click(screen.getByRole("button", { name: "Exit tour" }));
    expect(document.querySelectorAll("[data-highlight]")).toHaveLength(0);
  });
});

describe("VisualModelInteractive: free play", () => {
  it("Play advances the clock and the counts; Pause stops them; Step jumps to the next event", () => {
    renderModel("work-queue");
    const published = () => Number(screen.getByTestId("vm-stat-published").textContent);
    expect(published()).toBe(0);
    fireEvent.click(screen.getByRole("button", { name: "Play" }));
    for (let i = 0; i < 120; i++) run(16);
    expect(published()).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    const frozen = published();
    for (let i = 0; i < 60; i++) run(16);
    expect(published()).toBe(frozen);
    const before = Number(screen.getByTestId("visual-model").getAttribute("data-now"));
    fireEvent.click(screen.getByRole("button", { name: "Step" }));
    expect(Number(screen.getByTestId("visual-model").getAttribute("data-now"))).toBeGreaterThan(before);
  });

  it("speed is a labelled select; at 4× the clock runs four times as fast", () => {
    renderModel("dead-letter");
    fireEvent.change(screen.getByLabelText("Speed"), { target: { value: "4" } });
    fireEvent.click(screen.getByRole("button", { name: "Play" }));
    for (let i = 0; i < 63; i++) run(16);
    const now = Number(screen.getByTestId("visual-model").getAttribute("data-now"));
    expect(now).toBeGreaterThan(3600);
    expect(now).toBeLessThan(4400);
  });

  it("the preset's controls dispatch their actions: add a worker, toggle idempotency", () => {
    renderModel("work-queue");
    fireEvent.click(screen.getByRole("button", { name: "Add a worker" }));
    expect(screen.getByRole("button", { name: /Worker 3/ })).toBeTruthy();
    cleanup();
    renderModel("delivery-guarantees");
    const toggle = screen.getByRole("button", { name: "Idempotent consumer" });
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(toggle);
    expect(screen.getByRole("button", { name: "Idempotent consumer" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: /Crash after charging/ })).toHaveProperty("disabled", true);
  });

  it("each component opens a popover with what it does and why it is needed: hover, click, Escape", () => {
    renderModel("dead-letter");
    const label = getScenario("dead-letter").labels["orders-dlq"];
    const box = screen.getByRole("button", { name: /^Dead-letter queue/ });
    fireEvent.pointerEnter(box, { pointerType: "mouse" });
    expect(screen.getByText(label.why)).toBeTruthy();
    fireEvent.pointerLeave(box, { pointerType: "mouse" });
    expect(screen.queryByText(label.why)).toBeNull();
    fireEvent.click(box);
    expect(box.getAttribute("aria-expanded")).toBe("true");
    const pop = screen.getByRole("group", { name: label.name });
    expect(within(pop).getByText(label.does)).toBeTruthy();
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByText(label.why)).toBeNull();
  });
});

describe("ModelPlaceholder and the loader", () => {
  it("the placeholder draws every box of both layouts, with Start tour and Play saying what to do once loaded", () => {
    render(<ModelPlaceholder start={modelStart("pub-sub")} />);
    for (const name of ["Inventory subscription", "Email subscription", "Analytics subscription", "order-placed topic"]) {
      expect(screen.getAllByRole("button", { name: new RegExp(`^${name}`) })).toHaveLength(2);
    }
    expect(screen.getByRole("button", { name: "Start tour" }).dataset.intent).toBe("tour");
    expect(screen.getByRole("button", { name: "Play" }).dataset.intent).toBe("play");
    expect(screen.getByRole("button", { name: "Reset" })).toHaveProperty("disabled", true);
    expect(screen.getByTestId("visual-model").dataset.ready).toBe("false");
  });

  it("the placeholder and the snapshot are server-renderable: no hooks, no functions on elements", async () => {
    const { ModelSnapshot } = await import("./visual-model");
    // Expands hook-free components the way React Server Components do and fails on what RSC refuses.
    const problems: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
      if (!node || typeof node !== "object" || !("type" in node)) return;
      const el = node as { type: unknown; props: Record<string, unknown> };
      // memo(Component) is an object whose `type` is the component.
      const fn = typeof el.type === "function" ? el.type : typeof (el.type as { type?: unknown })?.type === "function" ? (el.type as { type: unknown }).type : null;
      if (fn) return walk((fn as (p: unknown) => unknown)(el.props), `${path} > ${(fn as { name: string }).name}`);
      for (const [k, v] of Object.entries(el.props ?? {})) if (typeof v === "function") problems.push(`${path} > ${String(el.type)} ${k}`);
      walk(el.props?.children, `${path} > ${String(el.type)}`);
    };
    walk(<ModelPlaceholder start={modelStart("partitions")} />, "ModelPlaceholder");
    walk(<ModelSnapshot id="dead-letter" untilMs={3000} beats={tours["dead-letter"].beats.filter((b) => b.atMs <= 3000)} />, "ModelSnapshot");
    expect(problems).toEqual([]);
  });

  it("pressing Start tour in the placeholder loads the widget and starts the tour", async () => {
    vi.useRealTimers();
    const start = modelStart("dead-letter");
    render(
      <VisualModelLoader start={start}>
        <ModelPlaceholder start={start} />
      </VisualModelLoader>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Start tour" }));
    expect(await screen.findByText(/^Step 1 of 7:/, undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByTestId("visual-model").dataset.ready).toBe("true");
  });
});

describe("ModelSnapshot", () => {
  it("draws a scripted moment without controls: the duplicate charge of the delivery-guarantees tour", async () => {
    const { ModelSnapshot } = await import("./visual-model");
    const tour = tours["delivery-guarantees"];
    const step = tour.steps.find((s) => s.id === "duplicate")!;
    render(<ModelSnapshot id="delivery-guarantees" beats={tour.beats.filter((b) => b.atMs <= 7600)} untilMs={7600} caption="What does the ledger show?" />);
    const snap = screen.getByTestId("model-snapshot");
    expect(step.toMs).toBeGreaterThan(7600);
    expect(within(snap).getAllByText("Order #2 charged twice!").length).toBeGreaterThan(0);
    expect(within(snap).getByTestId("vm-stat-duplicates").textContent).toBe("1");
    expect(within(snap).queryByRole("button", { name: "Play" })).toBeNull();
    expect(within(snap).getByText("What does the ledger show?")).toBeTruthy();
    expect([...snap.querySelectorAll("[data-tint]")].some((t) => t.textContent === "22×")).toBe(true);
  });
});
