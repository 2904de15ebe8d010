/*
 * Compile and run one student program: strip TypeScript with sucrase, wrap the code in an async function (so
 * top-level `await` works), give it a console and tracked timers, and report when it is finished. Realm-agnostic:
 * the worker runs it in the browser and the unit tests run it in Node. Isolation and the time limit are NOT here:
 * the worker removes network globals, and the host terminates the worker.
 *
 * "Finished" means what it means to Node running a script: the top-level code has settled and no timer is pending.
 * An uncaught exception (in the top level, a timer callback or an unhandled rejection) ends the run, like a crash.
 */
import { transform } from "sucrase";
import { formatConsoleArgs, inspect } from "./format";
import type { CompileError, ConsoleLevel, ConsoleLine, RuntimeError } from "./protocol";
import { formatFrames, studentFrames } from "./stack";

type Timer = unknown;
type AnyFn = (...args: unknown[]) => unknown;

const PARAMS = ["console", "setTimeout", "clearTimeout", "setInterval", "clearInterval"] as const;

export interface Program {
  /** Calling it starts the student's code; the promise settles when the top level does. */
  start(scope: Record<(typeof PARAMS)[number], unknown>): Promise<unknown>;
  fileName: string;
  /** Lines the wrapper adds before student line 1, measured in this engine. */
  lineOffset: number;
  /** Lines of student code: frames past it are the wrapper's. */
  lineCount: number;
}

type FrameSource = Pick<Program, "fileName" | "lineOffset" | "lineCount">;

/** Only plain file names: the name ends up in `//# sourceURL` and in stack-frame regular expressions. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^\w.-]/g, "");
  return cleaned || "code.ts";
}

function wrap(js: string, fileName: string): AnyFn {
  // The newline after `{` puts student line 1 on a line of its own, so columns need no correction.
  return new Function(...PARAMS, `"use strict";return (async () => {\n${js}\n})();\n//# sourceURL=${fileName}`) as AnyFn;
}

const offsetCache = new Map<string, number>();

/** How many lines the engine counts before student line 1: measured once by throwing from line 1. */
function measureLineOffset(fileName: string): number {
  const cached = offsetCache.get(fileName);
  if (cached !== undefined) return cached;
  let offset = 3; // V8's `function anonymous(<params>\n) {\n` + our first line
  try {
    const probe = new Function(...PARAMS, `"use strict";return (() => {\nthrow new Error("probe");\n})();\n//# sourceURL=${fileName}`);
    probe();
  } catch (e) {
    const frame = studentFrames((e as Error).stack, fileName, 0)[0];
    if (frame) offset = frame.line - 1;
  }
  offsetCache.set(fileName, offset);
  return offset;
}

/** `import`/`export` cannot run in a script: point at the first such line for a useful message. */
function moduleSyntaxLine(js: string): number | undefined {
  const lines = js.split("\n");
  const i = lines.findIndex((l) => /^\s*(import|export)\b(?!\s*[(.])/.test(l));
  return i >= 0 ? i + 1 : undefined;
}

/**
 * Strip types and prepare the program. A syntax error comes back with the student's line and column; nothing runs.
 */
export function compile(code: string, fileName: string): { ok: true; program: Program } | { ok: false; error: CompileError } {
  const name = safeFileName(fileName);
  let js: string;
  try {
    // disableESTransforms: browsers that run workers support modern syntax; keeping class fields native keeps
    // object layouts (and so console output) the same as Node's.
    js = transform(code, { transforms: ["typescript"], disableESTransforms: true }).code;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const message = err.message.replace(/\s*\(\d+:\d+\)\s*$/, "");
    return { ok: false, error: err.loc ? { message, line: err.loc.line, column: err.loc.column } : { message } };
  }
  let fn: AnyFn;
  try {
    fn = wrap(js, name);
  } catch (e) {
    const line = moduleSyntaxLine(js);
    if (line !== undefined) {
      return { ok: false, error: { message: "import and export are not available here: the example runs as one self-contained script", line } };
    }
    return { ok: false, error: { message: `${(e as Error).name}: ${(e as Error).message}` } };
  }
  const lineOffset = measureLineOffset(name);
  return {
    ok: true,
    program: { fileName: name, lineOffset, lineCount: code.split("\n").length, start: (scope) => fn(...PARAMS.map((p) => scope[p])) as Promise<unknown> },
  };
}

export interface ExecuteEnv {
  /** Receives each console entry, formatted. */
  write(line: ConsoleLine): void;
  /** True while output is being dropped: formatting is skipped, which keeps a printing loop cheap. */
  muted?(): boolean;
  /** The realm's real timers (captured before student code can replace them). Default: globalThis's. */
  timers?: { setTimeout: AnyFn; clearTimeout: AnyFn; setInterval: AnyFn; clearInterval: AnyFn };
  /** Milliseconds, monotonic. Default: performance.now. */
  now?(): number;
  /**
   * Subscribe to errors nobody caught in the realm (unhandled rejections, throws from queueMicrotask callbacks);
   * returns an unsubscribe function.
   */
  onUncaught?(handler: (reason: unknown) => void): () => void;
  /** Called with the tracked timers and console before the program starts (the worker also installs them on `self`). */
  install?(scope: Record<(typeof PARAMS)[number], unknown>): void;
}

export interface ExecuteOutcome {
  status: "ok" | "error";
  durationMs: number;
  error?: RuntimeError;
}

/** Error text for the console and the position it points at. */
export function describeUncaught(reason: unknown, program: FrameSource): { text: string; error: RuntimeError } {
  if (reason instanceof Error) {
    const frames = studentFrames(reason.stack, program.fileName, program.lineOffset, program.lineCount);
    const headline = inspect(reason).replace(/^\[|\]$/g, "");
    const top = frames[0];
    return {
      text: ["Uncaught " + headline, ...formatFrames(frames, program.fileName)].join("\n"),
      error: top ? { message: headline, line: top.line, column: top.column } : { message: headline },
    };
  }
  const shown = inspect(reason);
  return { text: `Uncaught ${shown}`, error: { message: `Uncaught ${shown}` } };
}

/** A console whose entries go to `write`; `group` indents like the browser console. */
export function createConsole(write: (line: ConsoleLine) => void, program: FrameSource, muted: () => boolean = () => false) {
  let indent = "";
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const errorFrames = (e: Error) => formatFrames(studentFrames(e.stack, program.fileName, program.lineOffset, program.lineCount), program.fileName);
  const emit = (level: ConsoleLevel, args: unknown[]) => {
    if (muted()) {
      write({ level, text: "" }); // still counted by the limiter, never formatted
      return;
    }
    const text = formatConsoleArgs(args, { errorFrames });
    write({ level, text: indent ? text.replace(/^/gm, indent) : text });
  };
  const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());
  return {
    log: (...a: unknown[]) => emit("log", a),
    debug: (...a: unknown[]) => emit("log", a),
    info: (...a: unknown[]) => emit("info", a),
    warn: (...a: unknown[]) => emit("warn", a),
    error: (...a: unknown[]) => emit("error", a),
    trace: (...a: unknown[]) => emit("log", ["Trace:", ...a]),
    dir: (v: unknown) => emit("log", [v]),
    table: (v: unknown) => emit("log", [v]),
    assert: (cond: unknown, ...a: unknown[]) => {
      if (!cond) emit("error", a.length ? ["Assertion failed:", ...a] : ["Assertion failed"]);
    },
    group: (...a: unknown[]) => {
      if (a.length) emit("log", a);
      indent += "  ";
    },
    groupCollapsed: (...a: unknown[]) => {
      if (a.length) emit("log", a);
      indent += "  ";
    },
    groupEnd: () => {
      indent = indent.slice(2);
    },
    count: (label = "default") => {
      const n = (counts.get(label) ?? 0) + 1;
      counts.set(label, n);
      emit("log", [`${label}: ${n}`]);
    },
    countReset: (label = "default") => void counts.delete(label),
    time: (label = "default") => void timers.set(label, now()),
    timeLog: (label = "default", ...a: unknown[]) => {
      const t = timers.get(label);
      emit(t === undefined ? "warn" : "log", t === undefined ? [`Timer '${label}' does not exist`] : [`${label}: ${(now() - t).toFixed(3)}ms`, ...a]);
    },
    timeEnd: (label = "default") => {
      const t = timers.get(label);
      timers.delete(label);
      emit(t === undefined ? "warn" : "log", [t === undefined ? `Timer '${label}' does not exist` : `${label}: ${(now() - t).toFixed(3)}ms`]);
    },
  };
}

/**
 * Run a compiled program to completion. Never rejects: every way the program can end becomes an outcome, and the
 * error text has already been written to the console.
 */
export function execute(program: Program, env: ExecuteEnv): Promise<ExecuteOutcome> {
  const real = env.timers ?? {
    setTimeout: globalThis.setTimeout.bind(globalThis) as AnyFn,
    clearTimeout: globalThis.clearTimeout.bind(globalThis) as AnyFn,
    setInterval: globalThis.setInterval.bind(globalThis) as AnyFn,
    clearInterval: globalThis.clearInterval.bind(globalThis) as AnyFn,
  };
  const now = env.now ?? (() => performance.now());

  return new Promise<ExecuteOutcome>((resolve) => {
    // Timers the program scheduled and that have not fired or been cleared. The run is finished when the top level
    // has settled and this is empty.
    const pending = new Map<Timer, "timeout" | "interval">();
    let finished = false;
    let mainSettled = false;
    let checkScheduled = false;
    let unsubscribe: () => void = () => {};
    const started = now();

    const finish = (status: "ok" | "error", error?: RuntimeError) => {
      if (finished) return;
      finished = true;
      for (const [handle, kind] of pending) (kind === "interval" ? real.clearInterval : real.clearTimeout)(handle);
      pending.clear();
      unsubscribe();
      resolve({ status, durationMs: now() - started, ...(error ? { error } : {}) });
    };
    const fail = (reason: unknown) => {
      if (finished) return;
      const { text, error } = describeUncaught(reason, program);
      env.write({ level: "error", text });
      finish("error", error);
    };
    // Checked one macrotask later, after every microtask (promise continuation) has run.
    const scheduleIdleCheck = () => {
      if (checkScheduled || finished) return;
      checkScheduled = true;
      real.setTimeout(() => {
        checkScheduled = false;
        if (finished || pending.size > 0) return;
        if (mainSettled) finish("ok");
        else {
          const message = "Your code is waiting for a promise that never settles (nothing else is scheduled), so it can never finish.";
          env.write({ level: "error", text: message });
          finish("error", { message });
        }
      }, 0);
    };

    const guard = (cb: unknown, args: unknown[]) => {
      if (finished) return;
      try {
        (cb as AnyFn)(...args);
      } catch (e) {
        fail(e);
        return;
      }
      scheduleIdleCheck();
    };
    const checkCallback = (cb: unknown) => {
      if (typeof cb !== "function") throw new TypeError(`The "callback" argument must be a function. Received ${inspect(cb)}`);
    };
    const scope = {
      console: createConsole(env.write, program, env.muted),
      setTimeout: (cb: unknown, ms?: number, ...args: unknown[]) => {
        checkCallback(cb);
        const handle = real.setTimeout(() => {
          pending.delete(handle);
          guard(cb, args);
        }, ms);
        pending.set(handle, "timeout");
        return handle;
      },
      setInterval: (cb: unknown, ms?: number, ...args: unknown[]) => {
        checkCallback(cb);
        const handle = real.setInterval(() => guard(cb, args), ms);
        pending.set(handle, "interval");
        return handle;
      },
      clearTimeout: (handle: Timer) => {
        const kind = pending.get(handle);
        if (!kind) return;
        pending.delete(handle);
        (kind === "interval" ? real.clearInterval : real.clearTimeout)(handle);
        scheduleIdleCheck();
      },
      clearInterval: (handle: Timer) => scope.clearTimeout(handle),
    };
    if (env.onUncaught) unsubscribe = env.onUncaught(fail);
    env.install?.(scope);

    let main: Promise<unknown>;
    try {
      main = program.start(scope);
    } catch (e) {
      fail(e);
      return;
    }
    Promise.resolve(main).then(() => {
      mainSettled = true;
      scheduleIdleCheck();
    }, fail);
    scheduleIdleCheck();
  });
}
