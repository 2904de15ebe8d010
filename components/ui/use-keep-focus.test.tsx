// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useRef, useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { focusKey, StandIn, useKeepFocus } from "./use-keep-focus";

type Phase = "standin" | "loading" | "widget";
let setPhase: (p: Phase) => void = () => {};

/** A lazy widget in miniature: a stand-in with Play and Start tour, a "Loading…" box, then the widget. */
function Lazy({ initial = "standin" as Phase }) {
  const ref = useRef<HTMLDivElement>(null);
  const [phase, set] = useState<Phase>(initial);
  setPhase = set;
  useKeepFocus(ref);
  return (
    <div ref={ref} data-testid="root">
      {phase === "standin" ? (
        <StandIn>
          <button data-action="play">Play</button>
          <button data-action="start-tour">Start tour</button>
        </StandIn>
      ) : phase === "loading" ? (
        <StandIn>
          <p>Loading…</p>
        </StandIn>
      ) : (
        <section>
          <button data-action="play">Play</button>
          <button data-action="reset">Reset</button>
          <button data-action="start-tour">Start tour</button>
          <Ticker />
        </section>
      )}
    </div>
  );
}

let tick: () => void = () => {};
function Ticker() {
  const [n, setN] = useState(0);
  tick = () => setN((x) => x + 1);
  return <span key={n}>{n}</span>;
}

afterEach(cleanup);
// act() with an async callback also lets the MutationObserver (a microtask) run before the assertions.

describe("useKeepFocus", () => {
  it("focus on a stand-in's button lands on the same button in the widget that replaces it", async () => {
    render(<Lazy />);
    screen.getByRole("button", { name: "Start tour" }).focus();
    await act(async () => setPhase("widget"));
    const active = document.activeElement as HTMLElement;
    expect(active.textContent).toBe("Start tour");
    expect(active.closest("section")).not.toBeNull();
  });

  it("through a Loading… box, focus is held on the container and then given to the same button", async () => {
    render(<Lazy />);
    screen.getByRole("button", { name: "Play" }).focus();
    await act(async () => setPhase("loading"));
    expect(document.activeElement).toBe(screen.getByTestId("root"));
    await act(async () => setPhase("widget"));
    expect((document.activeElement as HTMLElement).dataset.action).toBe("play");
    // The container was only borrowed: it is not left focusable.
    expect(screen.getByTestId("root").hasAttribute("tabindex")).toBe(false);
  });

  it("does nothing when focus was elsewhere on the page", async () => {
    render(
      <>
        <input aria-label="elsewhere" />
        <Lazy />
      </>,
    );
    const outside = screen.getByRole("textbox", { name: "elsewhere" });
    outside.focus();
    await act(async () => setPhase("widget"));
    expect(document.activeElement).toBe(outside);
  });

  it("a press outside forgets the control, so a later swap does not pull focus back", async () => {
    render(<Lazy />);
    screen.getByRole("button", { name: "Play" }).focus();
    fireEvent.pointerDown(document.body);
    (document.activeElement as HTMLElement).blur();
    await act(async () => setPhase("widget"));
    expect(document.activeElement).toBe(document.body);
  });

  it("once the widget is in, its own re-renders never move focus", async () => {
    render(<Lazy initial="widget" />);
    const reset = screen.getByRole("button", { name: "Reset" });
    reset.focus();
    reset.blur();
    await act(async () => tick());
    expect(document.activeElement).toBe(document.body);
  });

  it("names controls by data attributes first, then by role and name", () => {
    const b = document.createElement("button");
    b.textContent = "  Check   answers ";
    expect(focusKey(b)).toBe("button:Check answers");
    b.dataset.action = "submit";
    expect(focusKey(b)).toBe("action:submit");
    b.dataset.focusKey = "quiz-check";
    expect(focusKey(b)).toBe("key:quiz-check");
  });
});
