// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { lazy, useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LazyWidget } from "./lazy-widget";

/** A lazy widget whose chunk arrives when the test says so. */
function deferredWidget() {
  let arrive: () => void = () => {};
  const imported = vi.fn();
  const Widget = lazy(() => {
    imported();
    return new Promise<{ default: (p: { pressed: number }) => React.ReactNode }>((resolve) => {
      arrive = () => resolve({ default: ({ pressed }) => <button type="button">Widget (pressed {pressed})</button> });
    });
  });
  return { Widget, imported, arrive: () => act(async () => arrive()) };
}

let intersect: (hit: boolean) => void = () => {};
beforeEach(() => {
  class FakeObserver {
    constructor(private cb: IntersectionObserverCallback) {
      intersect = (hit) => this.cb([{ isIntersecting: hit } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
    }
    observe() {}
    disconnect() {}
  }
  vi.stubGlobal("IntersectionObserver", FakeObserver);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Host({ Widget }: { Widget: React.ComponentType<{ pressed: number }> }) {
  const [pressed, setPressed] = useState(0);
  return (
    <LazyWidget marginPx={100} data-testid="host" standIn={({ loading }) => <button onClick={() => setPressed((n) => n + 1)}>{loading ? "Start (loading)" : "Start"}</button>}>
      <Widget pressed={pressed} />
    </LazyWidget>
  );
}

describe("LazyWidget", () => {
  it("fetches nothing until near the viewport, then swaps the stand-in for the widget", async () => {
    const { Widget, imported, arrive } = deferredWidget();
    render(<Host Widget={Widget} />);
    expect(screen.getByRole("button", { name: "Start" })).toBeTruthy();
    expect(screen.getByTestId("host").dataset.loaded).toBe("false");
    expect(imported).not.toHaveBeenCalled();
    act(() => intersect(true));
    expect(imported).toHaveBeenCalled();
    expect(await screen.findByRole("button", { name: "Start (loading)" })).toBeTruthy();
    await arrive();
    expect(await screen.findByRole("button", { name: "Widget (pressed 0)" })).toBeTruthy();
    expect(screen.getByTestId("host").dataset.loaded).toBe("true");
  });

  it("a press on the stand-in loads the widget and the click still reaches the stand-in's button", async () => {
    const { Widget, imported, arrive } = deferredWidget();
    render(<Host Widget={Widget} />);
    const start = screen.getByRole("button", { name: "Start" });
    fireEvent.pointerDown(start);
    expect(imported).toHaveBeenCalled();
    // The same element is still in the page while the chunk downloads.
    expect(start.isConnected).toBe(true);
    fireEvent.click(start);
    await arrive();
    expect(await screen.findByRole("button", { name: "Widget (pressed 1)" })).toBeTruthy();
  });

  it("keyboard focus on the stand-in follows into the widget", async () => {
    const { Widget, arrive } = deferredWidget();
    render(<Host Widget={Widget} />);
    act(() => screen.getByRole("button", { name: "Start" }).focus());
    await arrive();
    const widget = await screen.findByRole("button", { name: /^Widget/ });
    expect(document.activeElement).toBe(widget);
  });
});
