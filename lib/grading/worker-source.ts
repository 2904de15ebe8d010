/**
 * Source of a grading worker thread: plain CommonJS JavaScript in a string, started by lib/sandbox's `spawnThread`,
 * so no bundler or test transform rewrites it and no file path has to survive a Next build. It answers in
 * lib/sandbox's reply protocol: "ready" once booted, then "done" (a GradeResult) or "crashed" per job, by id.
 * It loads quickjs-emscripten from `workerData.moduleRoot` (the pool passes the working directory by default).
 *
 * One worker owns one QuickJS WebAssembly instance and grades one job at a time. Each job gets a fresh runtime
 * and context with a stack limit and one time budget for the whole submission, enforced by the interrupt handler.
 *
 * Time. The budget counts this thread's CPU time (Linux: /proc/thread-self/stat, in 10 ms ticks), so a busy server,
 * where the thread waits for a core, does not fail correct code. The handler only looks at the wall clock until the
 * budget has passed on it, then reads the CPU time and, if some budget is left, sets the next checkpoint that much
 * later; past wallFactor x the budget on the wall clock a job stops anyway. Where CPU time cannot be read (or
 * cpuClock is off) the budget is wall-clock time. A numeric cpuClock simulates a thread that gets that share of a core
 * (its CPU time is that share of the wall-clock time): tests dial in a busy machine that way instead of loading one.
 * The harness (see harness-source.ts) is evaluated first; the driver then calls into it test by test and reads
 * back primitives only.
 *
 * Memory. QuickJS's own limit is not a byte budget in this build: without malloc_usable_size under Emscripten it
 * adds a fixed 8 bytes per allocation, so it only refuses single allocations larger than the limit. Real limits:
 * - the instance's WebAssembly.Memory is created here with a hard `maximum` (heapMaxBytes): when it is full,
 *   malloc fails and QuickJS throws "out of memory" inside the sandbox, whatever the allocation pattern;
 * - the interrupt handler stops a job once the heap has grown more than the job's memory budget since the job
 *   started, and reports it as out of memory;
 * - after a job that left the heap larger than recycleBytes the instance is replaced, which returns the memory
 *   and keeps the next job's growth measurement meaningful.
 *
 * A host-side exception (a WebAssembly abort, or the thread's own stack overflowing inside QuickJS) leaves the
 * instance unusable: the job is reported as a grader crash and the instance is replaced before the next job.
 */
export const GRADING_WORKER_SOURCE = String.raw`
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createRequire } = require("node:module");
const { parentPort, workerData } = require("node:worker_threads");
// Packages resolve from moduleRoot (default: the working directory, i.e. the project root under next start).
const requireFromRoot = createRequire(path.join(workerData.moduleRoot, "package.json"));
const { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC } = requireFromRoot("quickjs-emscripten");

const PENDING = 0, PASSED = 1, FAILED = 2;
const BOOKKEEPING_MS = 250;
/** Heap growth allowed beyond a job's budget: Emscripten grows memory in steps of up to 20%. */
const HEAP_SLACK_BYTES = 16 * 1048576;
const PAGE = 65536;
const { harnessSource, stackBytes, heapMaxBytes, recycleBytes, wallFactor, cpuClock } = workerData;

// This thread's CPU time in ms (user + system), or null where it cannot be read. Fields 14 and 15 of
// /proc/thread-self/stat, counted after the command name, which is in parentheses and may contain spaces.
const TICKS_PER_S = 100;
const SIMULATED_SHARE = typeof cpuClock === "number" ? cpuClock : null;
const BOOTED_AT = Date.now();
function threadCpuMs() {
  if (SIMULATED_SHARE !== null) return (Date.now() - BOOTED_AT) * SIMULATED_SHARE;
  try {
    const stat = fs.readFileSync("/proc/thread-self/stat", "latin1");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ms = ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_S;
    return Number.isFinite(ms) ? ms : null;
  } catch (e) {
    return null;
  }
}
const CPU_CLOCK = Boolean(cpuClock) && threadCpuMs() !== null;

// Compiled once per worker; instantiating it with a fresh memory takes ~20 ms.
const wasmModule = WebAssembly.compile(fs.readFileSync(requireFromRoot.resolve("@jitl/quickjs-wasmfile-release-sync/wasm")));
let instancePromise = null;

async function freshInstance() {
  const memory = new WebAssembly.Memory({ initial: 256, maximum: Math.ceil(heapMaxBytes / PAGE) });
  const QJS = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmMemory: memory, wasmModule: await wasmModule }));
  return { QJS, memory };
}
function instance() {
  if (!instancePromise) instancePromise = freshInstance();
  return instancePromise;
}

function budget(ms) {
  return ms >= 1000 ? Number((ms / 1000).toFixed(1)) + " s" : ms + " ms";
}

function runJob(QJS, memory, job) {
  const started = performance.now();
  const limitText = budget(job.timeoutMs);
  const memoryText = Math.round(job.memoryBytes / 1048576) + " MB";
  const rt = QJS.newRuntime();
  const owned = [];
  let vm = null;
  let poisoned = false;
  // The budget: checkpoint on the wall clock (see "Time" above), the hard wall-clock cap, and the CPU time at the start.
  let deadline = 0, hardDeadline = 0, cpuStart = null;
  function startBudget() {
    const now = Date.now();
    exhausted = false;
    busyServer = false;
    deadline = now + job.timeoutMs;
    hardDeadline = now + job.timeoutMs * wallFactor;
    cpuStart = CPU_CLOCK ? threadCpuMs() : null;
  }
  function cpuUsed() {
    return cpuStart === null ? null : threadCpuMs() - cpuStart;
  }
  // True once the budget is used up. Cheap until the wall-clock checkpoint; then one read of the CPU clock.
  // Set when the wall-clock cap, not the code's CPU time, ended the run: the server was too busy, not the code slow.
  let busyServer = false;
  // Latched once true, so the interrupt handler does not read /proc on every call after the budget is gone.
  let exhausted = false;
  function spent() {
    if (exhausted) return true;
    const now = Date.now();
    if (now <= deadline) return false;
    if (cpuStart === null) return (exhausted = true);
    const used = cpuUsed();
    if (now > hardDeadline) {
      busyServer = used < job.timeoutMs;
      return (exhausted = true);
    }
    if (used >= job.timeoutMs) return (exhausted = true);
    deadline = Math.min(hardDeadline, now + Math.max(20, job.timeoutMs - used));
    return false;
  }
  startBudget();
  let interrupted = false;
  let memoryExceeded = false;
  let graceUntil = 0;
  const heapBudget = memory.buffer.byteLength + job.memoryBytes + HEAP_SLACK_BYTES;
  rt.setMemoryLimit(job.memoryBytes);
  rt.setMaxStackSize(stackBytes);
  rt.setInterruptHandler(() => {
    if (memory.buffer.byteLength > heapBudget) {
      memoryExceeded = true;
      interrupted = true;
      return true;
    }
    if (!spent()) return false;
    if (Date.now() <= graceUntil) return false;
    interrupted = true;
    return true;
  });

  const result = (fields) => {
    const cpu = cpuUsed();
    return { status: fields.status, passed: 0, total: 0, tests: [], ...fields, durationMs: Math.round(performance.now() - started), ...(cpu === null ? {} : { cpuMs: cpu }) };
  };
  const own = (h) => { owned.push(h); return h; };

  // Classify an exception that escaped the harness: only the interrupt, out-of-memory and stack overflow can.
  function describe(errHandle) {
    if (memoryExceeded) return { kind: "oom", message: "" };
    if (interrupted) return { kind: "timeout", message: "" };
    let message = "";
    try {
      if (vm.typeof(errHandle) === "object") {
        const m = vm.getProp(errHandle, "message");
        if (vm.typeof(m) === "string") message = vm.getString(m);
        m.dispose();
      } else if (vm.typeof(errHandle) === "string") message = vm.getString(errHandle);
    } catch (e) {}
    if (/out of memory/.test(message)) return { kind: "oom", message };
    if (/stack overflow/.test(message)) return { kind: "stack", message };
    return { kind: "other", message };
  }
  function call(fn, args, bookkeeping) {
    if (bookkeeping) graceUntil = Date.now() + BOOKKEEPING_MS;
    const hs = args.map((a) => (typeof a === "number" ? vm.newNumber(a) : typeof a === "boolean" ? (a ? vm.true : vm.false) : vm.newString(a)));
    const r = vm.callFunction(fn, vm.undefined, ...hs);
    for (const h of hs) if (h !== vm.true && h !== vm.false) h.dispose();
    graceUntil = 0;
    if (r.error) {
      const info = describe(r.error);
      r.error.dispose();
      return { ok: false, ...info };
    }
    const t = vm.typeof(r.value);
    const value = t === "number" ? vm.getNumber(r.value) : t === "string" ? vm.getString(r.value) : undefined;
    r.value.dispose();
    return { ok: true, value };
  }
  // Run queued promise jobs until none are left, the deadline passes, or memory runs out.
  function drain() {
    let guard = 0;
    while (rt.hasPendingJob() && guard++ < 1000) {
      const r = rt.executePendingJobs(-1);
      if (r.error) {
        const info = describe(r.error);
        r.error.dispose();
        // Stopped by the deadline or the heap budget: every further job would be interrupted too.
        if (interrupted) return info;
      } else if (r.value === 0) break;
    }
    return null;
  }
  const BUSY = "the server was too busy to give your code its " + limitText + " of CPU time within " + budget(job.timeoutMs * wallFactor) + "; please submit again in a moment";
  function failureText(info) {
    if (info.kind === "timeout" && busyServer) return "stopped: " + BUSY;
    if (info.kind === "timeout") return "timed out after " + limitText + " (the whole submission shares one " + limitText + " budget): an endless loop, or far too slow?";
    if (info.kind === "oom") return "ran out of memory: a submission may use at most " + memoryText;
    if (info.kind === "stack") return "stack overflow: recursion too deep";
    return "the test crashed: " + (info.message || "unknown error");
  }
  // QuickJS throws null when it cannot even allocate the out-of-memory error.
  const NULL_NOTE = " (unless your code throws null itself, it ran out of memory: the limit is " + memoryText + ")";
  function polish(message) {
    if (message === "threw InternalError: out of memory") return "ran out of memory: a submission may use at most " + memoryText;
    if (message === "threw null") return message + NULL_NOTE;
    if (message === "threw InternalError: stack overflow") return "threw InternalError: stack overflow (recursion too deep?)";
    return message;
  }

  try {
    vm = rt.newContext();
    const evaluated = vm.evalCode(harnessSource, "harness.js");
    if (evaluated.error) { evaluated.error.dispose(); throw new Error("the harness failed to evaluate"); }
    const factory = own(evaluated.value);
    const limitHandle = own(vm.newNumber(job.outputLimit));
    const made = vm.callFunction(factory, vm.undefined, limitHandle, vm.true);
    if (made.error) { made.error.dispose(); throw new Error("the harness failed to initialise"); }
    const runner = own(made.value);
    const fn = {};
    for (const k of ["prepare", "load", "register", "testName", "start", "poll", "abandon", "finish", "message", "output"]) fn[k] = own(vm.getProp(runner, k));
    const readOutput = () => {
      const r = call(fn.output, [], true);
      return r.ok && typeof r.value === "string" && r.value ? { output: r.value } : {};
    };

    let r = call(fn.prepare, [job.tests, job.student], true);
    if (!r.ok) return result({ status: "error", error: "Your code could not be compiled in the sandbox: " + failureText(r) });
    if (r.value.startsWith("T:")) return result({ status: "error", error: "The challenge's tests failed to compile (a problem on our side): " + r.value.slice(2) });
    if (r.value.startsWith("S:")) return result({ status: "error", error: "Your code does not compile: " + r.value.slice(2) });

    startBudget();
    r = call(fn.load, [job.exports.join(",")], false);
    if (r.ok && r.value === "") {
      const stuck = drain();
      if (stuck) r = { ok: false, ...stuck };
    }
    if (!r.ok) {
      const why = r.kind === "timeout" && busyServer
        ? "was stopped while loading: " + BUSY
        : r.kind === "timeout"
        ? "did not finish loading within " + limitText + ": is there an endless loop at the top level?"
        : r.kind === "oom" ? "ran out of memory while loading (limit " + memoryText + ")" : "crashed while loading: " + (r.message || r.kind);
      return result({ status: "error", error: "Your code " + why, ...readOutput() });
    }
    if (r.value.startsWith("E:")) {
      const thrown = r.value.slice(2);
      return result({ status: "error", error: "Your code threw while loading: " + thrown + (thrown === "null" ? NULL_NOTE : ""), ...readOutput() });
    }
    if (r.value.startsWith("M:")) {
      const missing = r.value.slice(2).split(",");
      return result({
        status: "error",
        error: "Your code does not define " + missing.map((n) => "'" + n + "'").join(", ") + ": keep the name" + (missing.length > 1 ? "s" : "") + " from the starter code (e.g. export class " + missing[0] + " { ... }).",
        ...readOutput(),
      });
    }

    r = call(fn.register, [], false);
    if (!r.ok || typeof r.value !== "number") {
      const detail = r.ok ? String(r.value).slice(2) : failureText(r);
      return result({ status: "error", error: "The challenge's tests failed to load: " + detail, ...readOutput() });
    }
    const total = r.value;
    const names = [];
    for (let i = 0; i < total; i++) {
      const n = call(fn.testName, [i], true);
      names.push(n.ok && typeof n.value === "string" ? n.value : "test " + (i + 1));
    }

    const tests = [];
    let timedOut = false;
    for (let i = 0; i < total; i++) {
      const name = names[i];
      if (memoryExceeded) {
        tests.push({ name, passed: false, message: "not run: an earlier test went over the " + memoryText + " memory limit" });
        continue;
      }
      if (timedOut || interrupted || spent()) {
        tests.push({ name, passed: false, message: busyServer ? "not run: " + BUSY : "not run: the " + limitText + " time budget ran out in an earlier test" });
        timedOut = true;
        continue;
      }
      let s = call(fn.start, [i], false);
      let failure = s.ok ? null : s;
      let status = s.ok ? s.value : FAILED;
      while (!failure && status === PENDING) {
        if (!rt.hasPendingJob()) {
          call(fn.abandon, [i, "did not settle: the test awaited a promise that never resolved or rejected"], true);
          status = FAILED;
          break;
        }
        const stuck = drain();
        if (stuck) { failure = stuck; break; }
        const p = call(fn.poll, [i], true);
        if (!p.ok) { failure = p; break; }
        status = p.value;
      }
      if (!failure) {
        const stuck = drain();
        if (stuck) failure = stuck;
      }
      // An interrupt inside a promise job can surface as the test's rejection rather than as an exception.
      if (interrupted) failure = { kind: memoryExceeded ? "oom" : "timeout", message: "" };
      if (failure) {
        if (failure.kind === "timeout") timedOut = true;
        call(fn.abandon, [i, ""], true);
        tests.push({ name, passed: false, message: failureText(failure) });
        continue;
      }
      const f = call(fn.finish, [i], true);
      const passed = f.ok && f.value === PASSED;
      if (passed) tests.push({ name, passed: true });
      else {
        const m = call(fn.message, [i], true);
        tests.push({ name, passed: false, message: polish(m.ok && typeof m.value === "string" && m.value ? m.value : failureText(f.ok ? { kind: "other", message: "" } : f)) });
      }
    }
    const passedCount = tests.filter((t) => t.passed).length;
    return result({ status: total > 0 && passedCount === total ? "passed" : "failed", passed: passedCount, total, tests, ...readOutput() });
  } catch (e) {
    // Thrown by the host side of a call (a WebAssembly abort, the thread's stack overflowing inside QuickJS): the
    // module's heap may be mid-update, so it is not touched again, not even to free this runtime.
    poisoned = true;
    throw e;
  } finally {
    if (!poisoned) {
      for (const h of owned) { try { if (h.alive) h.dispose(); } catch (e) {} }
      // A failure here means the module's heap is inconsistent: it reaches the caller, which replaces the module.
      if (vm) vm.dispose();
      rt.dispose();
    }
  }
}

parentPort.on("message", async (msg) => {
  if (!msg || msg.type !== "grade") return;
  let current;
  try {
    current = await instance();
  } catch (e) {
    instancePromise = null;
    parentPort.postMessage({ type: "crashed", id: msg.id, message: String((e && e.message) || e) });
    return;
  }
  let res;
  try {
    res = runJob(current.QJS, current.memory, msg.job);
  } catch (e) {
    // The instance may be half-way through a C call: never touch it again.
    instancePromise = null;
    parentPort.postMessage({ type: "crashed", id: msg.id, message: String((e && e.message) || e) });
    return;
  }
  if (current.memory.buffer.byteLength > recycleBytes) instancePromise = null;
  parentPort.postMessage({ type: "done", id: msg.id, value: res });
});

instance().then(
  () => parentPort.postMessage({ type: "ready" }),
  (e) => { throw e; },
);
`;
