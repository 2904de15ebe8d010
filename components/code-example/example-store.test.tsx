import { describe, expect, it, vi } from "vitest";
import { connectEditor, experimentsRequired, loadIntoEditor, recordExperimentRun, registerExperiment, type LoadRequest } from "./example-store";

// Each test uses its own example id: the store is module state shared by a page's components.
describe("experiment completion rule", () => {
  it("needs two different experiments; running the same one twice does not count twice", () => {
    const ex = "rule-two";
    for (const id of ["priority", "filter", "slow", "timeout"]) registerExperiment(ex, id);
    expect(recordExperimentRun(ex, "priority")).toBe(false);
    expect(recordExperimentRun(ex, "priority")).toBe(false);
    expect(recordExperimentRun(ex, "filter")).toBe(true);
  });

  it("asks for no more experiments than the lesson has", () => {
    const ex = "rule-one";
    registerExperiment(ex, "only");
    expect(recordExperimentRun(ex, "only")).toBe(true);
    expect(experimentsRequired({ hasEditor: true, loadedId: null, ran: [], registered: ["a"] })).toBe(1);
    expect(experimentsRequired({ hasEditor: true, loadedId: null, ran: [], registered: [] })).toBe(2);
  });

  it("ignores runs of experiments that are not on the page", () => {
    const ex = "rule-stale";
    registerExperiment(ex, "a");
    registerExperiment(ex, "b");
    expect(recordExperimentRun(ex, "removed-from-lesson")).toBe(false);
    expect(recordExperimentRun(ex, "a")).toBe(false);
  });
});

describe("load requests", () => {
  it("reach the example's editor, and report false when there is none", () => {
    const req: LoadRequest = { code: "console.log(1)", run: true, experiment: { id: "x", title: "X", anchorId: "experiment-ex-x" } };
    expect(loadIntoEditor("no-editor", req)).toBe(false);
    const handler = vi.fn();
    const disconnect = connectEditor("with-editor", handler);
    expect(loadIntoEditor("with-editor", req)).toBe(true);
    expect(handler).toHaveBeenCalledWith(req);
    disconnect();
    expect(loadIntoEditor("with-editor", req)).toBe(false);
  });
});
