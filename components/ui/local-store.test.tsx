// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { useSyncExternalStore } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { localEntry, parsers, removeByPrefix } from "./local-store";

const counts = localEntry<number[]>("test:counts", {
  parse: (v) => (Array.isArray(v) && v.every((n) => typeof n === "number") ? v : null),
  fallback: [],
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  localStorage.clear();
});

describe("localEntry", () => {
  it("falls back to the default when absent, corrupt or invalid", () => {
    expect(counts.read()).toEqual([]);
    localStorage.setItem("test:counts", "{not json");
    expect(counts.read()).toEqual([]);
    localStorage.setItem("test:counts", JSON.stringify(["a"]));
    expect(counts.read()).toEqual([]);
  });

  it("reads back what it wrote, and the same object while storage is unchanged", () => {
    expect(counts.write([1, 2])).toEqual({ ok: true });
    const first = counts.read();
    expect(first).toEqual([1, 2]);
    expect(counts.read()).toBe(first);
    counts.write([3]);
    expect(counts.read()).toEqual([3]);
    counts.remove();
    expect(counts.read()).toEqual([]);
  });

  it("stores text as is when asked (an inline script reads it)", () => {
    const theme = localEntry("test:theme", { parse: parsers.oneOf("light", "dark"), fallback: null, format: "text" });
    theme.write("dark");
    expect(localStorage.getItem("test:theme")).toBe("dark");
    expect(theme.read()).toBe("dark");
    localStorage.setItem("test:theme", "purple");
    expect(theme.read()).toBeNull();
  });

  it("accepts a zod-style schema", () => {
    const entry = localEntry("test:n", {
      parse: { safeParse: (v: unknown) => (typeof v === "number" ? { success: true as const, data: v } : { success: false as const }) },
      fallback: 0,
    });
    localStorage.setItem("test:n", "7");
    expect(entry.read()).toBe(7);
  });

  it("a full quota is swallowed and reported", () => {
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    expect(counts.write([1])).toEqual({ ok: false, reason: "quota" });
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("denied", "SecurityError");
    });
    expect(counts.write([1])).toEqual({ ok: false, reason: "unavailable" });
    expect(counts.read()).toEqual([]);
  });

  it("drives useSyncExternalStore: writes in this tab and in another tab re-render", () => {
    function Counts() {
      const value = useSyncExternalStore(counts.subscribe, counts.read, () => []);
      return <p data-testid="counts">{value.join(",") || "none"}</p>;
    }
    render(<Counts />);
    expect(screen.getByTestId("counts").textContent).toBe("none");
    act(() => void counts.write([4, 5]));
    expect(screen.getByTestId("counts").textContent).toBe("4,5");
    act(() => {
      // Another tab wrote: the browser fires a storage event here.
      localStorage.setItem("test:counts", "[6]");
      window.dispatchEvent(new StorageEvent("storage", { key: "test:counts" }));
    });
    expect(screen.getByTestId("counts").textContent).toBe("6");
    act(() => {
      localStorage.setItem("other:key", "1");
      localStorage.setItem("test:counts", "[7]");
      window.dispatchEvent(new StorageEvent("storage", { key: "other:key" }));
    });
    expect(screen.getByTestId("counts").textContent).toBe("6");
    act(() => removeByPrefix("test:"));
    expect(screen.getByTestId("counts").textContent).toBe("none");
    expect(localStorage.getItem("other:key")).toBe("1");
  });
});
