// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import QueuePlayground from "./queue-playground";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["requestAnimationFrame", "cancelAnimationFrame", "performance", "setTimeout", "Date"] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const play = (realMs: number) =>
  act(() => {
    vi.advanceTimersByTime(realMs);
  });

function add(text: string, opts: { key?: string; priority?: string } = {}) {
  fireEvent.change(screen.getByLabelText("Message"), { target: { value: text } });
  if (opts.key) fireEvent.change(screen.getByLabelText(/^Key/), { target: { value: opts.key } });
  if (opts.priority) fireEvent.change(screen.getByLabelText("Priority"), { target: { value: opts.priority } });
  fireEvent.click(screen.getByRole("button", { name: "Add message" }));
}

describe("QueuePlayground", () => {
  it("starts empty, then a message is added, consumed by the chosen consumer and acked", () => {
    render(<QueuePlayground pattern="point-to-point" />);
    expect(screen.getByText("Queue is empty. Add some messages!")).toBeTruthy();
    add("charge card 1", { key: "cust-7" });
    const queue = screen.getByTestId("queue-payment-requests");
    expect(within(queue).getByText("charge card 1")).toBeTruthy();
    expect(within(queue).getByText("key cust-7")).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Consumer"), { target: { value: "payment-worker-b" } });
    fireEvent.click(screen.getByRole("button", { name: "Consume" }));
    expect(within(screen.getByTestId("consumer-payment-worker-b")).getByText("charge card 1")).toBeTruthy();
    expect(within(queue).getByText("Queue is empty. Add some messages!")).toBeTruthy();
    expect(screen.getByTestId("playground-inflight").textContent).toBe("1");
    expect(screen.getByTestId("playground-feedback").textContent).toMatch(/Payment worker B received “charge card 1”/);

    fireEvent.click(screen.getByRole("button", { name: "Ack" }));
    expect(screen.getByTestId("playground-acked").textContent).toBe("1");
    expect(screen.getByTestId("playground-inflight").textContent).toBe("0");
    expect(within(screen.getByTestId("playground-log")).getAllByRole("listitem")[0].textContent).toMatch(/acknowledged “charge card 1”/);
  });

  it("a crashed consumer's message comes back to the queue after the visibility timeout", () => {
    render(<QueuePlayground pattern="point-to-point" />);
    add("order 9");
    fireEvent.click(screen.getByRole("button", { name: "Consume" }));
    fireEvent.click(screen.getByRole("button", { name: "Crash consumer" }));
    const worker = screen.getByTestId("consumer-payment-worker-a");
    expect(within(worker).getByText(/crashed · restarts in/)).toBeTruthy();
    expect(within(worker).getByText(/back in the queue in 5\.0 s/)).toBeTruthy();
    play(5200);
    expect(within(screen.getByTestId("queue-payment-requests")).getByText("order 9")).toBeTruthy();
    expect(within(screen.getByTestId("queue-payment-requests")).getByText("delivered 1× before")).toBeTruthy();
    expect(within(worker).getByText("up")).toBeTruthy();
  });

  it("nothing to do is explained instead of silently ignored", () => {
    render(<QueuePlayground pattern="work-queue" />);
    fireEvent.click(screen.getByRole("button", { name: "Consume" }));
    expect(screen.getByTestId("playground-feedback").textContent).toMatch(/Nothing to receive/);
    expect(screen.getByRole("button", { name: "Ack" })).toHaveProperty("disabled", true);
  });

  it("switching to pub/sub gives every subscription its own copy; nack three times parks it in the DLQ", () => {
    render(<QueuePlayground pattern="point-to-point" />);
    fireEvent.click(screen.getByRole("radio", { name: "Pub/sub" }));
    add("order placed");
    const subs = ["inventory-sub", "email-sub", "analytics-sub"];
    for (const id of subs) expect(within(screen.getByTestId(`queue-${id}`)).getByText("order placed")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Consumer"), { target: { value: "email" } });
    for (let i = 0; i < 3; i++) {
      fireEvent.click(screen.getByRole("button", { name: "Consume" }));
      fireEvent.click(screen.getByRole("button", { name: "Nack" }));
    }
    expect(screen.getByTestId("playground-dlq").textContent).toBe("1");
    expect(within(screen.getByTestId("queue-email-sub")).getByText("Queue is empty. Add some messages!")).toBeTruthy();
    expect(within(screen.getByTestId("queue-inventory-sub")).getByText("order placed")).toBeTruthy();
  });

  it("explains a component on focus and on tap", () => {
    render(<QueuePlayground pattern="work-queue" />);
    const name = screen.getByRole("button", { name: /Image resize jobs/ });
    const tip = document.getElementById(name.getAttribute("aria-describedby")!)!;
    expect(tip.dataset.open).toBe("false");
    fireEvent.click(name);
    expect(tip.dataset.open).toBe("true");
    expect(tip.textContent).toMatch(/Why it is needed/);
    fireEvent.click(name);
    expect(tip.dataset.open).toBe("false");
  });
});
