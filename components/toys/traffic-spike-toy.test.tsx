// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import TrafficSpikeToy from "./traffic-spike-toy";

beforeEach(() => {
  // Fake timers drive requestAnimationFrame and performance.now, so the playback loop runs on demand.
  vi.useFakeTimers({ toFake: ["requestAnimationFrame", "cancelAnimationFrame", "performance", "setTimeout", "Date"] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const stat = (id: string) => Number(screen.getByTestId(id).textContent);
const play = (realMs: number) =>
  act(() => {
    vi.advanceTimersByTime(realMs);
  });

describe("TrafficSpikeToy", () => {
  it("offers the controls by their names and starts idle at 0 s", () => {
    render(<TrafficSpikeToy />);
    expect(screen.getByRole("radio", { name: "Sync" })).toHaveProperty("checked", true);
    expect(screen.getByRole("radio", { name: "Queue" })).toHaveProperty("checked", false);
    for (const name of ["Place order", "Simulate spike", "Reset"]) expect(screen.getByRole("button", { name })).toBeTruthy();
    expect(screen.getByTestId("spike-clock").textContent).toMatch(/Simulated clock 0\.0 s/);
    expect(screen.getAllByRole("img").map((el) => el.querySelector("title")?.textContent)).toEqual(["Backlog", "Response time", "Failures (total)"]);
  });

  it("sync: the spike crashes the service, orders fail, and the summary says so once it settles", () => {
    render(<TrafficSpikeToy />);
    fireEvent.click(screen.getByRole("button", { name: "Simulate spike" }));
    let sawCrash = false;
    for (let i = 0; i < 60 && !sawCrash; i++) {
      play(100);
      sawCrash = screen.getByTestId("service-status").textContent!.startsWith("Crashed");
    }
    expect(sawCrash).toBe(true);
    expect(screen.getByTestId("spike-announcer").textContent).toMatch(/Service crashed/);
    play(20_000);
    expect(stat("spike-orders")).toBe(50);
    expect(stat("spike-failed")).toBeGreaterThan(0);
    expect(screen.getByTestId("spike-summary").textContent).toMatch(/^50 orders: [1-9]\d* failed/);
    expect(screen.getByTestId("service-status").textContent).toMatch(/^Up/);
  });

  it("queue: the spike is absorbed, nothing fails and every email goes out", () => {
    render(<TrafficSpikeToy />);
    fireEvent.click(screen.getByRole("radio", { name: "Queue" }));
    fireEvent.click(screen.getByRole("button", { name: "Simulate spike" }));
    play(3000);
    expect(stat("spike-backlog")).toBeGreaterThan(10);
    play(20_000);
    expect(stat("spike-failed")).toBe(0);
    expect(stat("spike-emails")).toBe(50);
    expect(stat("spike-backlog")).toBe(0);
    expect(screen.getByTestId("spike-summary").textContent).toMatch(/^50 orders: 0 failed, last email sent \d+ s after the spike began$/);
    expect(screen.getByTestId("spike-announcer").textContent).toBe("All 50 orders processed, 0 failed");
  });

  it("each click on Place order is one order; Reset and a mode switch start over and keep the last result", () => {
    render(<TrafficSpikeToy />);
    const place = screen.getByRole("button", { name: "Place order" });
    for (let i = 0; i < 7; i++) fireEvent.click(place);
    expect(stat("spike-orders")).toBe(7);
    play(15_000);
    expect(screen.getByTestId("spike-summary").textContent).toMatch(/^7 orders: 0 failed/);
    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    expect(stat("spike-orders")).toBe(0);
    expect(screen.getByTestId("spike-previous").textContent).toMatch(/^Previous run \(Sync\): 7 orders/);
    expect(screen.getByTestId("spike-clock").textContent).toMatch(/0\.0 s/);
  });
});
