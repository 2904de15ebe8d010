// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { LessonProgressProvider, useLessonProgress } from "@/components/lesson/lesson-progress";
import { createNodeExecutor } from "@/lib/lab/node-executor";
import ArchitectureLab from "./architecture-lab";

// The shared Sandpack editor loads CodeMirror when visible, which jsdom cannot do; it has its own tests. Here a
// controlled textarea with the same props stands in, so these tests are about the lab.
vi.mock("@/components/editor/code-editor", () => ({
  CodeEditor: ({ value, onChange, ariaLabel }: { value: string; onChange: (code: string) => void; ariaLabel: string }) => (
    <textarea aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)} />
  ),
}));

// The lab runs each service through this executor (worker threads), the same contract as the browser's Web Worker one.
const executor = createNodeExecutor();

beforeAll(() => {
  // jsdom lacks layout APIs the canvas and motion use.
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  Element.prototype.scrollIntoView ??= () => {};
});

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const message = () => screen.getByTestId("lab-message");

function nodeOf(name: string): HTMLElement {
  return screen.getByRole("group", { name });
}

describe("editing the design", () => {
  it("connects two components with the keyboard way: Connect opens a menu of valid targets, focus lands in it", async () => {
    render(<ArchitectureLab variant="page" templateId="video-upload" executor={executor} />);
    fireEvent.click(screen.getByRole("button", { name: "Add component" })); // adds a Consumer by default
    expect(message().textContent).toContain("Added Consumer-1.");

    fireEvent.click(screen.getByRole("button", { name: "Connect MQ-1" }));
    const menu = screen.getByTestId("connect-menu");
    // Only the new consumer is valid: the other two already have their queue, databases are not fed by queues.
    const choices = within(menu)
      .getAllByRole("button")
      .map((b) => b.textContent);
    expect(choices).toEqual(["Consumer-1 (Consumer)", "Cancel"]);
    expect(document.activeElement).toBe(within(menu).getByRole("button", { name: /Consumer-1/ }));
    expect(within(menu).getByText(/Why are \d+ components not offered/)).toBeTruthy();

    fireEvent.click(within(menu).getByRole("button", { name: /Consumer-1/ }));
    expect(message().textContent).toContain("Connected MQ-1 → Consumer-1.");
    expect(screen.getByTestId("consumer-count-mq").textContent).toContain("3 consumers");
    expect(screen.queryByTestId("connect-menu")).toBeNull();
  });

  it("explains with canConnect's reason why a wire is refused, and stays ready for another target", () => {
    render(<ArchitectureLab variant="page" templateId="video-upload" executor={executor} />);
    fireEvent.click(screen.getByRole("button", { name: "Connect User Request" }));
    fireEvent.click(within(nodeOf("Message Queue: MQ-1")).getByRole("button", { name: "Connect User Request to MQ-1" }));
    expect(message().textContent).toBe(
      "Cannot connect User Request → MQ-1: A User Request does not talk to a Message Queue directly: send it to an API Service and connect the API Service to the queue.",
    );
    expect(screen.getByTestId("connect-menu")).toBeTruthy();
    fireEvent.keyDown(screen.getByTestId("connect-menu"), { key: "Escape" });
    expect(screen.queryByTestId("connect-menu")).toBeNull();
  });

  it("moves the focused component with the arrow keys, further with Shift", () => {
    render(<ArchitectureLab variant="page" templateId="video-upload" executor={executor} />);
    const node = nodeOf("API Service: Video-Upload-Service");
    const title = within(node).getByRole("button", { name: "Select API Service: Video-Upload-Service" });
    const before = node.style.transform;
    fireEvent.keyDown(title, { key: "ArrowRight" });
    fireEvent.keyDown(title, { key: "ArrowDown", shiftKey: true });
    const [x0, y0] = before.match(/-?\d+(\.\d+)?/g)!.map(Number);
    const [x1, y1] = node.style.transform.match(/-?\d+(\.\d+)?/g)!.map(Number);
    expect([x1 - x0, y1 - y0]).toEqual([10, 50]);
    expect(title.getAttribute("aria-pressed")).toBe("true");
  });

  it("edits the request body in an accessible editor where Tab indents and invalid JSON is flagged", () => {
    render(<ArchitectureLab variant="page" templateId="video-upload" executor={executor} />);
    fireEvent.click(screen.getByRole("button", { name: "Select User Request: User Request" }));
    const editor = screen.getByLabelText("Request body (JSON)") as HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: '{\n"title": "x"}' } });
    editor.setSelectionRange(2, 2);
    fireEvent.keyDown(editor, { key: "Tab" });
    expect(editor.value).toBe('{\n  "title": "x"}');
    expect(editor.getAttribute("aria-invalid")).toBeNull();
    fireEvent.change(editor, { target: { value: '{ "title": ' } });
    expect(editor.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/Not valid JSON yet/)).toBeTruthy();
  });
});

describe("running", () => {
  it("runs the template, then shows the log, the green status and the new rows", async () => {
    render(<ArchitectureLab variant="page" templateId="video-upload" executor={executor} />);
    expect(screen.getByTestId("queue-status-mq").getAttribute("data-state")).toBe("idle");
    fireEvent.click(screen.getByRole("button", { name: "Run simulation" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Skip animation" })).toBeTruthy(), { timeout: 15_000 });
    fireEvent.click(screen.getByRole("button", { name: "Skip animation" }));
    await waitFor(() => expect(screen.getByTestId("queue-status-mq").getAttribute("data-state")).toBe("success"), { timeout: 5_000 });

    const log = screen.getByRole("log");
    for (const line of ["Message Queue: MQ-1", "Trigger Mode: After Response", "Connected Consumers: 2", "API Service completed successfully", "Consumer [1] completed successfully", "Consumer [2] completed successfully"]) {
      expect(log.textContent).toContain(line);
    }
    expect(screen.getByTestId("status-panel").textContent).toContain("All consumers executed successfully");
    expect(screen.getByTestId("table-db-media-thumbnails").textContent).toMatch(/thumbnails · 1 row/);
    expect(message().textContent).toContain("Run finished: the user got 201 Created. All 2 consumers succeeded.");
  });

  it("in a lesson, finishing the task marks the Interactive Experiment step done", async () => {
    function Probe() {
      const { completed } = useLessonProgress();
      return <p data-testid="probe">{completed.has("experiment") ? "experiment done" : "experiment open"}</p>;
    }
    render(
      <LessonProgressProvider slug="async-request-flows" signedIn={false} initialCompleted={[]}>
        <Probe />
        <ArchitectureLab variant="embed" templateId="order-processing" executor={executor} />
      </LessonProgressProvider>,
    );
    expect(screen.getByTestId("task-orders-failure-isolation").textContent).toContain("Active");
    fireEvent.click(screen.getByRole("button", { name: "Select Consumer: Analytics" }));
    const editor = screen.getByLabelText("Code of Analytics") as HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: editor.value.replace("const message", 'throw new Error("analytics is down");\n  const message') } });
    fireEvent.click(screen.getByRole("button", { name: "Run simulation" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Skip animation" })).toBeTruthy(), { timeout: 15_000 });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Skip animation" }));
    });
    await waitFor(() => expect(screen.getByTestId("task-feedback").textContent).toContain("failed alone"), { timeout: 5_000 });
    expect(screen.getByTestId("queue-status-mq").getAttribute("data-state")).toBe("warning");
    expect(screen.getByTestId("consumer-status-consumer-analytics").textContent).toContain("Error: analytics is down");
    expect(screen.getByTestId("probe").textContent).toContain("experiment done");
  });
});
