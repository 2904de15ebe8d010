/**
 * The test harness shared by server grading (inside QuickJS) and the browser's visible-test runner (inside a
 * Web Worker). Pure and browser-safe: no Node imports.
 *
 * The harness is JavaScript source (a string) because it must run in a realm we do not control from the outside:
 * it is evaluated first, keeps its own references to every built-in it uses, optionally locks the realm down,
 * and only then compiles and runs untrusted code. The host drives it through a small protocol of calls that take
 * and return primitives only (see {@link HarnessRunner}), so nothing the student does can forge a result object.
 *
 * Threat model (server, lockdown on):
 * - Student code runs after the harness captured its built-ins and froze the realm's intrinsics, so patching
 *   `Object`, `Array.prototype`, `JSON`, `Promise`, `Function.prototype`, ... throws instead of changing what the
 *   tests or matchers see. The few inherited properties that ordinary code assigns over (`err.name = ...`,
 *   `obj.toString = ...`) stay assignable on instances.
 * - `test` and `expect` are parameters of the test module, never globals, so the student cannot reach or replace
 *   them. A failed expectation is recorded on the running test before it throws, so a student `try/catch` that
 *   swallows the error cannot turn a failure into a pass, and a test that runs no assertion fails.
 * - `Function.prototype.toString` answers `[native code]` for every function, so a callback the hidden tests pass
 *   in cannot be printed to leak the hidden test source.
 * - Thrown values of any shape (Proxies, throwing getters, symbols, objects whose `toString` throws) are described
 *   by reading data properties only, inside `try`.
 *
 * The time limit is not the harness's job: QuickJS interrupts at the deadline (server); the browser terminates the
 * worker.
 */

/** Status codes the harness returns for a test. */
export const TEST_PENDING = 0;
export const TEST_PASSED = 1;
export const TEST_FAILED = 2;

/** Identifiers a challenge may not export because the test module or the module wrapper already binds them. */
export const RESERVED_EXPORT_NAMES: readonly string[] = ["test", "expect", "exports", "module", "require", "undefined", "NaN", "Infinity", "eval", "arguments"];

/** The harness's calls, as the host sees them. All arguments and results are primitives. */
export interface HarnessRunner {
  /** Compile (not run) the wrapped test module, then the wrapped student module. "" or "T:msg" / "S:msg". */
  prepare(testsSource: string, studentSource: string): string;
  /** Run the student module and resolve the comma-separated export names. "" or "E:msg" / "M:missing,names". */
  load(exportNamesCsv: string): string;
  /** Run the test module's top level, which registers tests. The number of tests, or "E:msg". */
  register(): number | string;
  testName(index: number): string;
  /** Start a test: TEST_PASSED / TEST_FAILED when it finished synchronously, TEST_PENDING when it returned a promise. */
  start(index: number): number;
  poll(index: number): number;
  /** Fail a pending test with `reason` (it will never settle, or the host gave up). */
  abandon(index: number, reason: string): number;
  /** Close a test after the host drained its leftover jobs; returns the final status. */
  finish(index: number): number;
  message(index: number): string;
  /** Captured console output, capped, with a note when truncated. */
  output(): string;
}

/**
 * Harness source: a function expression. Call the value with `(outputLimitChars, lockdown)` to get a
 * {@link HarnessRunner}. Written in plain ES2022 without template literals, spread, for-of or destructuring of
 * arrays, so patched iterators cannot reach it even when lockdown is off.
 */
export const HARNESS_SOURCE = String.raw`(function (outputLimit, doLockdown) {
  "use strict";
  var G = globalThis;
  var geval = G.eval;
  var O = Object;
  var R = Reflect;
  var apply = R.apply;
  var ownKeys = R.ownKeys;
  var getProto = R.getPrototypeOf;
  var rdefine = R.defineProperty;
  var odefine = O.defineProperty;
  var gopd = O.getOwnPropertyDescriptor;
  var hasOwn = O.hasOwn;
  var create = O.create;
  var freeze = O.freeze;
  var is = O.is;
  var isArray = Array.isArray;
  var S = String;
  var jsonStringify = JSON.stringify;
  var PromiseCtor = Promise;
  var promiseThen = Promise.prototype.then;
  var strSlice = String.prototype.slice;
  var strIncludes = String.prototype.includes;
  var strSplit = String.prototype.split;
  var regexpExec = RegExp.prototype.exec;
  var symToString = Symbol.prototype.toString;
  var mapSize = gopd(Map.prototype, "size").get;
  var mapHas = Map.prototype.has;
  var mapGet = Map.prototype.get;
  var mapForEach = Map.prototype.forEach;
  var setSize = gopd(Set.prototype, "size").get;
  var setHas = Set.prototype.has;
  var setForEach = Set.prototype.forEach;
  var dateGetTime = Date.prototype.getTime;
  var dateToISO = Date.prototype.toISOString;
  var regexpSource = gopd(RegExp.prototype, "source").get;
  var weakSetHas = WeakSet.prototype.has;
  var weakSetAdd = WeakSet.prototype.add;
  var ObjectProto = O.prototype;
  var ErrorProto = Error.prototype;
  var TypeErr = TypeError;
  var MAX_DEPTH = 3;
  var PENDING = 0, PASSED = 1, FAILED = 2;

  // Getters the harness installed itself (see tame); reading through them runs no untrusted code.
  var trustedGetters = new WeakSet();

  function clip(s, n) {
    return s.length > n ? apply(strSlice, s, [0, n - 3]) + "..." : s;
  }
  function nameOf(f) {
    try {
      var d = gopd(f, "name");
      if (d && hasOwn(d, "value") && typeof d.value === "string" && d.value) return clip(d.value, 60);
    } catch (e) {}
    return "anonymous";
  }
  // Read a data property along the prototype chain without ever calling an untrusted getter.
  function readData(o, key) {
    var cur = o;
    for (var i = 0; i < 32 && cur !== null && cur !== undefined; i++) {
      var d = gopd(cur, key);
      if (d) {
        if (hasOwn(d, "value")) return d.value;
        if (typeof d.get === "function" && apply(weakSetHas, trustedGetters, [d.get])) return apply(d.get, o, []);
        return undefined;
      }
      cur = getProto(cur);
    }
    return undefined;
  }
  // Never throws: a Proxy's getPrototypeOf trap may, and this runs while reporting a failure.
  function inherits(o, proto) {
    try {
      var cur = o;
      for (var i = 0; i < 64 && cur !== null; i++) {
        cur = getProto(cur);
        if (cur === proto) return true;
      }
    } catch (e) {}
    return false;
  }
  function brand(getter, v) {
    try { apply(getter, v, []); return true; } catch (e) { return false; }
  }
  var IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
  function isIdentifier(k) {
    return apply(regexpExec, IDENTIFIER, [k]) !== null;
  }
  function keyText(k) {
    return isIdentifier(k) ? k : jsonStringify(k);
  }

  function fmt(v, depth) {
    var t = typeof v;
    if (t === "string") return jsonStringify(clip(v, 120));
    if (t === "number") return is(v, -0) ? "-0" : S(v);
    if (t === "bigint") return S(v) + "n";
    if (t === "boolean" || t === "undefined") return S(v);
    if (t === "symbol") { try { return apply(symToString, v, []); } catch (e) { return "Symbol()"; } }
    if (v === null) return "null";
    if (t === "function") return "[Function " + nameOf(v) + "]";
    try { return fmtObject(v, depth); } catch (e) { return "[object]"; }
  }
  function fmtObject(v, depth) {
    if (isArray(v)) {
      if (depth >= MAX_DEPTH) return "[Array]";
      var len = v.length;
      var n = len < 10 ? len : 10;
      var s = "[";
      for (var i = 0; i < n; i++) s = s + (i ? ", " : "") + fmt(v[i], depth + 1);
      if (len > n) s = s + ", ... " + (len - n) + " more";
      return s + "]";
    }
    if (brand(mapSize, v)) {
      var size = apply(mapSize, v, []);
      if (depth >= MAX_DEPTH) return "Map(" + size + ")";
      var ms = "Map(" + size + ") {", mc = 0;
      apply(mapForEach, v, [function (val, key) {
        if (mc < 8) ms = ms + (mc ? ", " : " ") + fmt(key, depth + 1) + " => " + fmt(val, depth + 1);
        else if (mc === 8) ms = ms + ", ...";
        mc++;
      }]);
      return ms + (mc ? " }" : "}");
    }
    if (brand(setSize, v)) {
      var ssize = apply(setSize, v, []);
      if (depth >= MAX_DEPTH) return "Set(" + ssize + ")";
      var ss = "Set(" + ssize + ") {", sc = 0;
      apply(setForEach, v, [function (val) {
        if (sc < 8) ss = ss + (sc ? ", " : " ") + fmt(val, depth + 1);
        else if (sc === 8) ss = ss + ", ...";
        sc++;
      }]);
      return ss + (sc ? " }" : "}");
    }
    if (brand(dateGetTime, v)) {
      var time = apply(dateGetTime, v, []);
      return time === time ? "Date(" + apply(dateToISO, v, []) + ")" : "Date(Invalid)";
    }
    if (brand(regexpSource, v)) return "/" + clip(apply(regexpSource, v, []), 60) + "/";
    if (inherits(v, ErrorProto)) return errorText(v);
    var proto = getProto(v);
    var cname = "";
    if (proto !== null && proto !== ObjectProto) {
      var c = readData(proto, "constructor");
      if (typeof c === "function") cname = nameOf(c);
    }
    if (depth >= MAX_DEPTH) return cname ? "[" + cname + "]" : "[Object]";
    var keys = ownKeys(v);
    var out = "{", count = 0;
    for (var k = 0; k < keys.length; k++) {
      var key = keys[k];
      if (typeof key !== "string") continue;
      var d = gopd(v, key);
      if (!d || !d.enumerable) continue;
      if (count === 8) { out = out + ", ..."; break; }
      out = out + (count ? ", " : " ") + keyText(key) + ": " + (hasOwn(d, "value") ? fmt(d.value, depth + 1) : "[Getter]");
      count++;
    }
    out = out + (count ? " }" : "}");
    return cname && cname !== "Object" ? cname + " " + out : out;
  }

  // "TypeError: x is not a function" for errors; a formatted value for anything else thrown.
  function errorText(e) {
    if (e === null || (typeof e !== "object" && typeof e !== "function")) return fmt(e, 0);
    try {
      var name = readData(e, "name");
      var msg = readData(e, "message");
      if (typeof msg === "string" || (typeof name === "string" && inherits(e, ErrorProto))) {
        var n = typeof name === "string" && name ? clip(name, 60) : "Error";
        return typeof msg === "string" && msg ? n + ": " + clip(msg, 300) : n;
      }
    } catch (x) {}
    return fmt(e, 1);
  }
  function messageOf(e) {
    if (e === null || (typeof e !== "object" && typeof e !== "function")) return typeof e === "string" ? e : fmt(e, 0);
    try {
      var msg = readData(e, "message");
      if (typeof msg === "string") return msg;
    } catch (x) {}
    return errorText(e);
  }

  // ---- lockdown: runs before any untrusted code ----
  function tame(obj, key) {
    var d = gopd(obj, key);
    if (!d || !hasOwn(d, "value") || !d.configurable) return;
    var value = d.value;
    var getter = function () { return value; };
    var setter = function (v) {
      if (this === obj) throw new TypeErr("Cannot assign to read only property '" + S(key) + "' of a built-in prototype");
      odefine(this, key, { value: v, writable: true, enumerable: true, configurable: true });
    };
    apply(weakSetAdd, trustedGetters, [getter]);
    odefine(obj, key, { get: getter, set: setter, enumerable: d.enumerable, configurable: false });
  }
  var INTRINSIC_GLOBALS = ["Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "BigInt", "Date",
    "Promise", "RegExp", "Error", "AggregateError", "EvalError", "RangeError", "ReferenceError", "SyntaxError",
    "TypeError", "URIError", "InternalError", "JSON", "Math", "Reflect", "Proxy", "Map", "Set", "WeakMap", "WeakSet",
    "WeakRef", "FinalizationRegistry", "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Iterator",
    "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
    "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "parseInt", "parseFloat",
    "isNaN", "isFinite", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "unescape",
    "eval", "globalThis", "console"];
  function lockdown() {
    // Hide every function's source: hidden-test callbacks are handed to student code.
    var hiddenToString = ({ toString: function () {
      if (typeof this !== "function") throw new TypeErr("Function.prototype.toString requires that 'this' be a Function");
      return "function " + nameOf(this) + "() { [native code] }";
    } }).toString;
    odefine(Function.prototype, "toString", { value: hiddenToString, writable: true, enumerable: false, configurable: true });
    var objectKeys = ["constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable"];
    for (var i = 0; i < objectKeys.length; i++) tame(ObjectProto, objectKeys[i]);
    tame(Function.prototype, "toString");
    var errors = ["Error", "AggregateError", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "InternalError"];
    for (var j = 0; j < errors.length; j++) {
      var ctor = G[errors[j]];
      if (typeof ctor !== "function") continue;
      tame(ctor.prototype, "name");
      tame(ctor.prototype, "message");
      tame(ctor.prototype, "constructor");
      if (j === 0) tame(ctor.prototype, "toString");
    }
    // Freeze constructors, namespaces and every prototype reachable from them. Methods themselves are not
    // descended into: a property added to a built-in function cannot change what it does.
    var work = [], top = 0;
    for (var g = 0; g < INTRINSIC_GLOBALS.length; g++) {
      if (hasOwn(G, INTRINSIC_GLOBALS[g])) { var gd = gopd(G, INTRINSIC_GLOBALS[g]); if (hasOwn(gd, "value")) work[top++] = gd.value; }
    }
    var probes = [
      function () { return getProto(function* () {}); },
      function () { return getProto(async function () {}); },
      function () { return getProto(async function* () {}); },
      function () { return getProto((function* () {})()); },
      function () { return getProto((async function* () {})()); },
      function () { return getProto([][Symbol.iterator]()); },
      function () { return getProto(new Map().entries()); },
      function () { return getProto(new Set().values()); },
      function () { return getProto(""[Symbol.iterator]()); },
      function () { return getProto(/x/[Symbol.matchAll]("x")); },
      function () { return getProto(Int8Array); },
      function () { return getProto(Iterator.from([]).map(function (x) { return x; })); },
    ];
    for (var p = 0; p < probes.length; p++) { try { work[top++] = probes[p](); } catch (e) {} }
    var seen = new WeakSet();
    apply(weakSetAdd, seen, [G]);
    while (top > 0) {
      var o = work[--top];
      if (o === null || (typeof o !== "object" && typeof o !== "function")) continue;
      if (apply(weakSetHas, seen, [o])) continue;
      apply(weakSetAdd, seen, [o]);
      freeze(o);
      work[top++] = getProto(o);
      if (typeof o === "function") {
        var pd = gopd(o, "prototype");
        if (pd && hasOwn(pd, "value")) work[top++] = pd.value;
      } else {
        // Namespaces (Math, JSON, Reflect, console) and prototypes hold a few non-method objects worth freezing.
        var ks = ownKeys(o);
        for (var q = 0; q < ks.length; q++) {
          var kd = gopd(o, ks[q]);
          if (kd && hasOwn(kd, "value") && typeof kd.value === "object") work[top++] = kd.value;
        }
      }
    }
    for (var b = 0; b < INTRINSIC_GLOBALS.length; b++) {
      var bd = gopd(G, INTRINSIC_GLOBALS[b]);
      if (bd && bd.configurable) odefine(G, INTRINSIC_GLOBALS[b], { value: G[INTRINSIC_GLOBALS[b]], writable: false, enumerable: false, configurable: false });
    }
  }

  // ---- console ----
  var out = "", outLen = 0, truncated = false;
  function write(prefix, args) {
    if (truncated) return;
    var line = prefix;
    for (var i = 0; i < args.length; i++) {
      var a = args[i];
      line = line + (i ? " " : "") + (typeof a === "string" ? a : fmt(a, 0));
      if (line.length > outputLimit) break;
    }
    line = line + "\n";
    if (outLen + line.length > outputLimit) {
      line = apply(strSlice, line, [0, outputLimit - outLen]);
      truncated = true;
    }
    out = out + line;
    outLen = outLen + line.length;
  }
  var sandboxConsole = create(ObjectProto);
  var levels = [["log", ""], ["info", ""], ["debug", ""], ["trace", ""], ["dir", ""], ["warn", "[warn] "], ["error", "[error] "]];
  for (var li = 0; li < levels.length; li++) {
    (function (prefix) {
      odefine(sandboxConsole, levels[li][0], { value: function () { write(prefix, arguments); }, enumerable: true });
    })(levels[li][1]);
  }
  odefine(G, "console", { value: sandboxConsole, writable: true, enumerable: false, configurable: true });

  // ---- assertions ----
  var AssertionProto = create(ErrorProto);
  odefine(AssertionProto, "name", { value: "AssertionError" });
  freeze(AssertionProto);
  var current = null;
  function fail(rec, msg) {
    if (rec && !rec.failed) { rec.failed = true; rec.message = msg; }
    // Thrown without the Error constructor: no stack capture, so no untrusted stack hooks run.
    var e = create(AssertionProto);
    odefine(e, "message", { value: msg, writable: true, enumerable: false, configurable: true });
    throw e;
  }

  // Deep equality as toEqual means it: own enumerable string keys, undefined-valued keys ignored, class
  // ignored; arrays, Maps, Sets, Dates and RegExps compared by kind. Returns null when equal, else the path
  // of the first difference ("" for the root).
  function diff(a, b, path, depth, stackA, stackB) {
    if (is(a, b)) return null;
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return path;
    if (depth > 200) return path;
    for (var s = 0; s < depth; s++) if (stackA[s] === a && stackB[s] === b) return null;
    stackA[depth] = a; stackB[depth] = b;
    var aa = isArray(a), ba = isArray(b);
    if (aa !== ba) return path;
    if (aa) {
      var la = a.length, lb = b.length;
      var n = la < lb ? la : lb;
      for (var i = 0; i < n; i++) {
        var r = diff(a[i], b[i], path + "[" + i + "]", depth + 1, stackA, stackB);
        if (r !== null) return r;
      }
      return la === lb ? null : path + "[" + n + "]";
    }
    var am = brand(mapSize, a), bm = brand(mapSize, b);
    if (am !== bm) return path;
    if (am) {
      if (apply(mapSize, a, []) !== apply(mapSize, b, [])) return path + ".size";
      var mres = null;
      apply(mapForEach, a, [function (val, key) {
        if (mres !== null) return;
        if (!apply(mapHas, b, [key])) { mres = path + ".get(" + fmt(key, 2) + ")"; return; }
        mres = diff(val, apply(mapGet, b, [key]), path + ".get(" + fmt(key, 2) + ")", depth + 1, stackA, stackB);
      }]);
      return mres;
    }
    var as = brand(setSize, a), bs = brand(setSize, b);
    if (as !== bs) return path;
    if (as) {
      if (apply(setSize, a, []) !== apply(setSize, b, [])) return path + ".size";
      var sres = null;
      apply(setForEach, a, [function (val) {
        if (sres !== null || apply(setHas, b, [val])) return;
        var found = false;
        apply(setForEach, b, [function (other) { if (!found && diff(val, other, "", depth + 1, stackA, stackB) === null) found = true; }]);
        if (!found) sres = path + " (Set element " + fmt(val, 2) + ")";
      }]);
      return sres;
    }
    var ad = brand(dateGetTime, a), bd = brand(dateGetTime, b);
    if (ad !== bd) return path;
    if (ad) return is(apply(dateGetTime, a, []), apply(dateGetTime, b, [])) ? null : path;
    var ar = brand(regexpSource, a), br = brand(regexpSource, b);
    if (ar !== br) return path;
    if (ar) return apply(regexpSource, a, []) === apply(regexpSource, b, []) ? null : path;
    var ka = definedKeys(a), kb = definedKeys(b);
    for (var k = 0; k < ka.count; k++) {
      var key = ka[k];
      var sub = path + (isIdentifier(key) ? "." + key : "[" + jsonStringify(key) + "]");
      var bv = hasOwn(b, key) ? b[key] : undefined;
      var rr = diff(a[key], bv, sub, depth + 1, stackA, stackB);
      if (rr !== null) return rr;
    }
    if (ka.count !== kb.count) {
      for (var m = 0; m < kb.count; m++) if (!hasOwn(a, kb[m]) || a[kb[m]] === undefined) return path + "." + kb[m];
      return path;
    }
    return null;
  }
  function definedKeys(o) {
    var keys = ownKeys(o);
    var res = create(null);
    var count = 0;
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i];
      if (typeof k !== "string") continue;
      var d = gopd(o, k);
      if (!d || !d.enumerable) continue;
      if ((hasOwn(d, "value") ? d.value : o[k]) === undefined) continue;
      res[count++] = k;
    }
    res.count = count;
    return res;
  }
  function where(path) {
    return path ? " (first difference at " + clip(path, 120) + ")" : "";
  }
  function isNumeric(v) {
    return typeof v === "number" || typeof v === "bigint";
  }

  var Matchers = create(null);
  function matcher(name, fn) {
    odefine(Matchers, name, { value: fn, enumerable: true });
  }
  // check: count the assertion, then fail unless the positive result matches the polarity.
  function check(m, ok, explain) {
    if (m.rec) m.rec.assertions++;
    if (ok !== m.negated) return;
    fail(m.rec, explain(m.negated));
  }
  matcher("toBe", function (expected) {
    var a = this.actual;
    check(this, is(a, expected), function (neg) {
      if (neg) return "expected a value other than " + fmt(expected, 0);
      var hint = "";
      if (a !== null && expected !== null && typeof a === "object" && typeof expected === "object") {
        try { if (diff(a, expected, "", 0, [], []) === null) hint = " (equal contents, but not the same object: use toEqual to compare contents)"; } catch (e) {}
      }
      return "expected " + fmt(expected, 0) + ", received " + fmt(a, 0) + hint;
    });
  });
  matcher("toEqual", function (expected) {
    var a = this.actual;
    var d = diff(a, expected, "", 0, [], []);
    check(this, d === null, function (neg) {
      return neg ? "expected a value not equal to " + fmt(expected, 0) : "expected " + fmt(expected, 0) + ", received " + fmt(a, 0) + where(d);
    });
  });
  matcher("toBeNull", function () {
    var a = this.actual;
    check(this, a === null, function (neg) { return neg ? "expected a value other than null" : "expected null, received " + fmt(a, 0); });
  });
  matcher("toBeUndefined", function () {
    var a = this.actual;
    check(this, a === undefined, function (neg) { return neg ? "expected a value other than undefined" : "expected undefined, received " + fmt(a, 0); });
  });
  matcher("toBeDefined", function () {
    var a = this.actual;
    check(this, a !== undefined, function (neg) { return neg ? "expected undefined, received " + fmt(a, 0) : "expected a value, received undefined"; });
  });
  matcher("toBeTruthy", function () {
    var a = this.actual;
    check(this, !!a, function (neg) { return neg ? "expected a falsy value, received " + fmt(a, 0) : "expected a truthy value, received " + fmt(a, 0); });
  });
  matcher("toBeFalsy", function () {
    var a = this.actual;
    check(this, !a, function (neg) { return neg ? "expected a truthy value, received " + fmt(a, 0) : "expected a falsy value, received " + fmt(a, 0); });
  });
  function comparison(name, words, cmp) {
    matcher(name, function (bound) {
      var a = this.actual;
      if (!isNumeric(a) || !isNumeric(bound)) {
        if (this.rec) this.rec.assertions++;
        fail(this.rec, "expected a number " + words + " " + fmt(bound, 0) + ", received " + fmt(a, 0));
      }
      check(this, cmp(a, bound), function (neg) {
        return "expected a number " + (neg ? "not " : "") + words + " " + fmt(bound, 0) + ", received " + fmt(a, 0);
      });
    });
  }
  comparison("toBeGreaterThan", "greater than", function (a, b) { return a > b; });
  comparison("toBeGreaterThanOrEqual", "greater than or equal to", function (a, b) { return a >= b; });
  comparison("toBeLessThan", "less than", function (a, b) { return a < b; });
  comparison("toBeLessThanOrEqual", "less than or equal to", function (a, b) { return a <= b; });
  function containsBy(a, item, same) {
    if (typeof a === "string") return typeof item === "string" && apply(strIncludes, a, [item]);
    if (brand(setSize, a)) {
      if (apply(setHas, a, [item])) return true;
      var hit = false;
      apply(setForEach, a, [function (v) { if (!hit && same(v, item)) hit = true; }]);
      return hit;
    }
    if (a === null || typeof a !== "object") return null;
    var len = a.length;
    if (typeof len !== "number") return null;
    for (var i = 0; i < len; i++) if (same(a[i], item)) return true;
    return false;
  }
  function containMatcher(name, same, what) {
    matcher(name, function (item) {
      var a = this.actual;
      var r = containsBy(a, item, same);
      if (r === null) {
        if (this.rec) this.rec.assertions++;
        fail(this.rec, "expected an array, string or Set to search, received " + fmt(a, 0));
      }
      check(this, r, function (neg) {
        return "expected " + fmt(a, 0) + (neg ? " not to contain " : " to contain ") + what + fmt(item, 0);
      });
    });
  }
  containMatcher("toContain", function (x, y) { return x === y || is(x, y); }, "");
  containMatcher("toContainEqual", function (x, y) { return diff(x, y, "", 0, [], []) === null; }, "a value equal to ");
  matcher("toHaveLength", function (n) {
    var a = this.actual;
    var len = a === null || a === undefined ? undefined : a.length;
    if (typeof len !== "number") {
      if (this.rec) this.rec.assertions++;
      fail(this.rec, "expected a value with a length, received " + fmt(a, 0));
    }
    check(this, len === n, function (neg) {
      return neg ? "expected a length other than " + fmt(n, 0) : "expected length " + fmt(n, 0) + ", received length " + len + " (" + fmt(a, 0) + ")";
    });
  });
  matcher("toBeInstanceOf", function (ctor) {
    var a = this.actual;
    var proto = typeof ctor === "function" ? readData(ctor, "prototype") : undefined;
    var ok = a !== null && (typeof a === "object" || typeof a === "function") && proto !== undefined && inherits(a, proto);
    check(this, ok, function (neg) {
      return "expected " + fmt(a, 0) + (neg ? " not " : " ") + "to be an instance of " + (typeof ctor === "function" ? nameOf(ctor) : fmt(ctor, 0));
    });
  });
  matcher("toMatch", function (pattern) {
    var a = this.actual;
    var ok;
    if (typeof a !== "string") ok = false;
    else if (typeof pattern === "string") ok = apply(strIncludes, a, [pattern]);
    else ok = brand(regexpSource, pattern) && apply(regexpExec, pattern, [a]) !== null;
    check(this, ok, function (neg) { return "expected " + fmt(a, 0) + (neg ? " not to match " : " to match ") + fmt(pattern, 0); });
  });
  matcher("toThrow", function (expected) {
    var fn = this.actual;
    if (typeof fn !== "function") {
      if (this.rec) this.rec.assertions++;
      fail(this.rec, "toThrow needs a function to call: write expect(() => ...).toThrow(), received " + fmt(fn, 0));
    }
    var threw = false, err, ret;
    try { ret = apply(fn, undefined, []); } catch (e) { threw = true; err = e; }
    if (expected === undefined) {
      check(this, threw, function (neg) {
        return neg ? "expected the function not to throw, but it threw " + errorText(err) : "expected the function to throw, but it returned " + fmt(ret, 0);
      });
      return;
    }
    var matches = false;
    if (threw) {
      if (typeof expected === "string") matches = apply(strIncludes, messageOf(err), [expected]);
      else if (brand(regexpSource, expected)) matches = apply(regexpExec, expected, [messageOf(err)]) !== null;
      else if (typeof expected === "function") {
        var proto = readData(expected, "prototype");
        matches = err !== null && (typeof err === "object" || typeof err === "function") && proto !== undefined && inherits(err, proto);
      }
    }
    var wanted = typeof expected === "function" ? nameOf(expected) : fmt(expected, 0);
    check(this, matches, function (neg) {
      if (neg) return "expected the function not to throw an error matching " + wanted + ", but it threw " + errorText(err);
      return threw
        ? "expected the function to throw an error matching " + wanted + ", but it threw " + errorText(err)
        : "expected the function to throw an error matching " + wanted + ", but it returned " + fmt(ret, 0);
    });
  });
  freeze(Matchers);

  function expect(actual) {
    var m = create(Matchers);
    m.actual = actual; m.negated = false; m.rec = current;
    var n = create(Matchers);
    n.actual = actual; n.negated = true; n.rec = current;
    m.not = n;
    return m;
  }

  // ---- registry and protocol ----
  var tests = create(null), testCount = 0, registering = false;
  function test(name, fn) {
    if (!registering) throw new TypeErr("test() may only be called at the top level of a test file");
    if (typeof fn !== "function") throw new TypeErr("test(" + fmt(name, 0) + ", fn) needs a function");
    var rec = create(null);
    rec.name = clip(typeof name === "string" ? name : fmt(name, 0), 200);
    rec.fn = fn; rec.status = PENDING; rec.message = ""; rec.assertions = 0; rec.failed = false; rec.done = false;
    tests[testCount++] = rec;
  }
  function conclude(rec, ok, err) {
    if (rec.done) return rec.status;
    if (rec.failed) rec.status = FAILED;
    else if (!ok) {
      rec.status = FAILED;
      rec.message = err !== null && typeof err === "object" && inherits(err, AssertionProto) ? messageOf(err) : "threw " + errorText(err);
    } else if (rec.assertions === 0) {
      rec.status = FAILED;
      rec.message = "no assertions ran: the test finished without checking anything (was a callback never called?)";
    } else rec.status = PASSED;
    return rec.status;
  }

  var testFactory = null, studentFactory = null, exportValues = create(null), exportNames = create(null), exportCount = 0;
  var runner = create(null);
  runner.prepare = function (testsSource, studentSource) {
    try { testFactory = geval(testsSource); } catch (e) { return "T:" + errorText(e); }
    if (typeof testFactory !== "function") return "T:the test module did not evaluate to a function";
    try { studentFactory = geval(studentSource); } catch (e) { return "S:" + errorText(e); }
    if (typeof studentFactory !== "function") return "S:the student module did not evaluate to a function";
    return "";
  };
  runner.load = function (namesCsv) {
    var names = namesCsv ? apply(strSplit, namesCsv, [","]) : [];
    var moduleObj = { exports: {} };
    var lookup;
    try { lookup = apply(studentFactory, undefined, [moduleObj.exports, moduleObj, function require(id) {
      throw new Error("imports are not available here (tried to import " + fmt(id, 0) + "): write everything in this one file");
    }]); } catch (e) { return "E:" + errorText(e); }
    var missing = "";
    for (var i = 0; i < names.length; i++) {
      var name = names[i], v = undefined;
      try {
        var ex = moduleObj.exports;
        if (ex !== null && (typeof ex === "object" || typeof ex === "function") && hasOwn(ex, name)) v = ex[name];
        if (v === undefined && typeof lookup === "function") v = apply(lookup, undefined, [name]);
      } catch (e) { return "E:" + errorText(e); }
      if (v === undefined) missing = missing + (missing ? "," : "") + name;
      exportValues[name] = v;
      exportNames[exportCount++] = name;
    }
    return missing ? "M:" + missing : "";
  };
  runner.register = function () {
    var args = create(null);
    args[0] = test; args[1] = expect;
    for (var i = 0; i < exportCount; i++) args[i + 2] = exportValues[exportNames[i]];
    args.length = exportCount + 2;
    registering = true;
    try { apply(testFactory, undefined, args); } catch (e) { registering = false; return "E:" + errorText(e); }
    registering = false;
    return testCount;
  };
  runner.testName = function (i) { return tests[i].name; };
  runner.start = function (i) {
    var rec = tests[i];
    current = rec;
    var r;
    try { r = apply(rec.fn, undefined, []); } catch (e) { return conclude(rec, false, e); }
    if (r === null || (typeof r !== "object" && typeof r !== "function")) return conclude(rec, true);
    try {
      // Our own promise, resolved with whatever the test returned; a constructor of undefined keeps then()
      // from consulting any species the student might have installed.
      var p = new PromiseCtor(function (resolve) { resolve(r); });
      odefine(p, "constructor", { value: undefined });
      apply(promiseThen, p, [function () { conclude(rec, true); }, function (e) { conclude(rec, false, e); }]);
    } catch (e) { return conclude(rec, false, e); }
    return PENDING;
  };
  runner.poll = function (i) { return tests[i].status; };
  runner.abandon = function (i, reason) {
    var rec = tests[i];
    if (rec.status === PENDING) { rec.status = FAILED; rec.message = rec.failed ? rec.message : reason; }
    rec.done = true;
    if (current === rec) current = null;
    return rec.status;
  };
  runner.finish = function (i) {
    var rec = tests[i];
    if (rec.status === PASSED && rec.failed) rec.status = FAILED;
    rec.done = true;
    if (current === rec) current = null;
    return rec.status;
  };
  runner.message = function (i) { return tests[i].message; };
  runner.output = function () {
    return truncated ? out + "\n[output truncated at " + outputLimit + " characters]" : out;
  };

  if (doLockdown) lockdown();
  return freeze(runner);
})`;

/**
 * Wrap CommonJS output of a TypeScript module (esbuild `format: "cjs"` or sucrase's `imports` transform) so the
 * harness can run it and find `names` whether they were exported or only declared at the top level.
 */
export function wrapStudentModule(cjsSource: string, names: readonly string[]): string {
  const cases = names.map((n) => `    case ${JSON.stringify(n)}: return typeof ${n} === "undefined" ? undefined : ${n};\n`).join("");
  return `(function (exports, module, require) {\n"use strict";\n${cjsSource}\n;return function (name) {\n  switch (name) {\n${cases}  }\n};\n})`;
}

/** Wrap a test file's JavaScript: `test`, `expect` and the student's exports become its parameters. */
export function wrapTestModule(testSource: string, names: readonly string[]): string {
  return `(function (test, expect${names.map((n) => `, ${n}`).join("")}) {\n"use strict";\n${testSource}\n})`;
}
