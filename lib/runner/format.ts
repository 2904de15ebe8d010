/*
 * Console formatting for the browser runner, modelled on Node's `util.inspect` defaults (depth 2, break length 80,
 * compact 3, arrays of more than 6 short items in columns) so the output a student sees in the page matches what
 * the lesson says `npx tsx` prints. Pure: runs in the worker and in Node for tests.
 */

const BREAK_LENGTH = 80;
const COMPACT = 3;
const DEFAULT_DEPTH = 2;
const MAX_ITEMS = 100;
const MIN_LINE_WIDTH = 16;

export interface FormatOptions {
  /** Nesting levels printed before an object is shown as `[Object]`. Node's default is 2. */
  depth?: number;
  /** Stack frames to print under a top-level Error (the worker maps them onto the student's file). */
  errorFrames?: (error: Error) => string[];
}

interface Ctx {
  depth: number;
  indentation: number;
  /** Depth of the object most recently formatted: drives Node's "combine up to 3 inner levels" rule. */
  currentDepth: number;
  seen: object[];
  circular: Map<object, number>;
  errorFrames?: (error: Error) => string[];
}

const IDENTIFIER = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

const ESCAPES: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\v": "\\v", "\\": "\\\\" };

/** A string as Node shows it inside objects: single quotes unless the text contains them. */
export function quoteString(s: string): string {
  let quote = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) quote = '"';
    else if (!s.includes("`") && !s.includes("${")) quote = "`";
  }
  let out = "";
  for (const ch of s) {
    if (ch === quote) out += `\\${ch}`;
    else if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (ch < " " || ch === "\x7f") out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase()}`;
    else out += ch;
  }
  return quote + out + quote;
}

function formatNumber(n: number): string {
  return Object.is(n, -0) ? "-0" : String(n);
}

function formatKey(key: string | symbol): string {
  if (typeof key === "symbol") return `[${key.toString()}]`;
  return IDENTIFIER.test(key) ? key : quoteString(key);
}

function constructorName(value: object): string | null {
  let proto: object | null = Object.getPrototypeOf(value);
  while (proto) {
    const desc = Object.getOwnPropertyDescriptor(proto, "constructor");
    if (desc && typeof desc.value === "function" && desc.value.name !== "") return desc.value.name as string;
    proto = Object.getPrototypeOf(proto);
  }
  return null;
}

function formatFunction(fn: (...args: unknown[]) => unknown): string {
  const src = Function.prototype.toString.call(fn);
  if (src.startsWith("class") && /^class\b/.test(src)) {
    const parent = Object.getPrototypeOf(fn) as { name?: string };
    const ext = parent && parent !== Function.prototype && parent.name ? ` extends ${parent.name}` : "";
    return `[class ${fn.name || "(anonymous)"}${ext}]`;
  }
  const kind = constructorName(fn) ?? "Function";
  return fn.name ? `[${kind}: ${fn.name}]` : `[${kind} (anonymous)]`;
}

function errorHeadline(e: Error): string {
  const name = typeof e.name === "string" && e.name ? e.name : "Error";
  return e.message ? `${name}: ${String(e.message)}` : name;
}

function isBelowBreakLength(ctx: Ctx, output: string[], start: number, base: string): boolean {
  let total = output.length + start;
  if (total + output.length > BREAK_LENGTH) return false;
  for (const entry of output) {
    total += entry.length;
    if (total > BREAK_LENGTH) return false;
  }
  return base === "" || !base.includes("\n");
}

/** Node's column layout for arrays of more than six short entries. */
function groupArrayElements(ctx: Ctx, output: string[], value: unknown[] | undefined, hasMore: boolean): string[] {
  let totalLength = 0;
  let maxLength = 0;
  const outputLength = hasMore ? output.length - 1 : output.length;
  const separatorSpace = 2;
  const dataLen: number[] = [];
  for (let i = 0; i < outputLength; i++) {
    const len = output[i].length;
    dataLen.push(len);
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentation < BREAK_LENGTH && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((BREAK_LENGTH - ctx.indentation) / actualMax),
      COMPACT * 4,
      15,
    );
    if (columns <= 1) return output;
    const maxLineLength: number[] = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
      maxLineLength.push(lineLength + separatorSpace);
    }
    let padStart = value !== undefined;
    if (value) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== "number" && typeof value[i] !== "bigint") {
          padStart = false;
          break;
        }
      }
    }
    const grouped: string[] = [];
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let str = "";
      let j = i;
      for (; j < max - 1; j++) {
        const cell = `${output[j]}, `;
        str += padStart ? cell.padStart(maxLineLength[j - i]) : cell.padEnd(maxLineLength[j - i]);
      }
      str += padStart ? output[j].padStart(maxLineLength[j - i] - separatorSpace) : output[j];
      grouped.push(str);
    }
    if (hasMore) grouped.push(output[outputLength]);
    return grouped;
  }
  return output;
}

function reduceToSingleString(ctx: Ctx, output: string[], base: string, braces: [string, string], isArray: boolean, recurseTimes: number, value: unknown[] | undefined, hasMore: boolean): string {
  const entries = output.length;
  if (isArray && entries > 6) output = groupArrayElements(ctx, output, value, hasMore);
  if (ctx.currentDepth - recurseTimes < COMPACT && entries === output.length) {
    const start = output.length + ctx.indentation + braces[0].length + base.length + 10;
    if (isBelowBreakLength(ctx, output, start, base)) {
      const joined = output.join(", ");
      if (!joined.includes("\n")) return `${base ? `${base} ` : ""}${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const indentation = `\n${" ".repeat(ctx.indentation)}`;
  return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

function formatProperty(ctx: Ctx, obj: object, key: string | symbol, recurseTimes: number): string {
  const desc = Object.getOwnPropertyDescriptor(obj, key)!;
  let str: string;
  if (desc.get || desc.set) {
    str = desc.get && desc.set ? "[Getter/Setter]" : desc.get ? "[Getter]" : "[Setter]";
  } else {
    ctx.indentation += 2;
    str = formatValue(ctx, desc.value, recurseTimes, true);
    ctx.indentation -= 2;
  }
  return `${formatKey(key)}: ${str}`;
}

function ownKeys(obj: object, skipIndices: boolean): (string | symbol)[] {
  const keys: (string | symbol)[] = Object.keys(obj).filter((k) => !(skipIndices && /^(0|[1-9]\d*)$/.test(k)));
  for (const s of Object.getOwnPropertySymbols(obj)) if (Object.getOwnPropertyDescriptor(obj, s)?.enumerable) keys.push(s);
  return keys;
}

function formatPrimitive(ctx: Ctx, value: unknown, nested: boolean): string | null {
  switch (typeof value) {
    case "string":
      if (!nested) return value;
      if (value.length > MIN_LINE_WIDTH && value.length > BREAK_LENGTH - ctx.indentation - 4 && value.includes("\n")) {
        const parts = value.split(/(?<=\n)/);
        return parts.map(quoteString).join(` +\n${" ".repeat(ctx.indentation + 2)}`);
      }
      return quoteString(value);
    case "number":
      return formatNumber(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
      return String(value);
    case "undefined":
      return "undefined";
    case "symbol":
      return value.toString();
    case "function":
      return null;
    default:
      return value === null ? "null" : null;
  }
}

function formatValue(ctx: Ctx, value: unknown, recurseTimes: number, nested: boolean): string {
  const prim = formatPrimitive(ctx, value, nested);
  if (prim !== null) return prim;
  if (typeof value === "function" && ownKeys(value, false).length === 0) return formatFunction(value as (...args: unknown[]) => unknown);
  const obj = value as object;

  if (ctx.seen.includes(obj)) {
    let index = ctx.circular.get(obj);
    if (index === undefined) {
      index = ctx.circular.size + 1;
      ctx.circular.set(obj, index);
    }
    return `[Circular *${index}]`;
  }
  return formatRaw(ctx, obj, recurseTimes, nested);
}

function formatRaw(ctx: Ctx, value: object, recurseTimes: number, nested: boolean): string {
  const name = constructorName(value);
  const protoless = Object.getPrototypeOf(value) === null;
  const prefix = (fallback: string, size?: number) => {
    const base = protoless ? `[${fallback}: null prototype]` : name ?? fallback;
    return size === undefined ? base : `${base}(${size})`;
  };

  if (value instanceof Error) {
    const head = errorHeadline(value);
    if (nested) return `[${head}]`;
    const frames = ctx.errorFrames?.(value) ?? [];
    const keys = ownKeys(value, false).filter((k) => k !== "stack" && k !== "message");
    const text = [head, ...frames].join("\n");
    if (keys.length === 0) return text;
    ctx.seen.push(value);
    const props = keys.map((k) => formatProperty(ctx, value, k, recurseTimes + 1));
    ctx.seen.pop();
    return reduceToSingleString(ctx, props, text, ["{", "}"], false, recurseTimes, undefined, false);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (value instanceof RegExp) return String(value);
  if (value instanceof Promise) return "Promise { <state unknown> }";
  if (value instanceof WeakMap || value instanceof WeakSet) return `${prefix(value instanceof WeakMap ? "WeakMap" : "WeakSet")} { <items unknown> }`;
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    const kind = value instanceof Number ? "Number" : value instanceof String ? "String" : "Boolean";
    return `[${kind}: ${formatPrimitive(ctx, value.valueOf(), true)}]`;
  }
  if (typeof value === "function") {
    // A function with properties of its own: show both, like Node.
    const head = formatFunction(value as (...args: unknown[]) => unknown);
    if (recurseTimes > ctx.depth) return head;
    ctx.seen.push(value);
    const props = ownKeys(value, false).map((k) => formatProperty(ctx, value, k, recurseTimes + 1));
    ctx.seen.pop();
    return reduceToSingleString(ctx, props, head, ["{", "}"], false, recurseTimes, undefined, false);
  }

  const isArray = Array.isArray(value);
  const isTyped = ArrayBuffer.isView(value) && !(value instanceof DataView);
  if (recurseTimes > ctx.depth) {
    return `[${isArray ? (name && name !== "Array" ? name : "Array") : prefix("Object")}]`;
  }

  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  const output: string[] = [];
  let braces: [string, string];
  let hasMore = false;
  let listValue: unknown[] | undefined;
  let keys: (string | symbol)[];

  if (isArray || isTyped) {
    const arr = value as unknown[];
    const length = arr.length;
    braces = [isArray && name === "Array" && !protoless ? "[" : `${prefix(isArray ? "Array" : "TypedArray", length)} [`, "]"];
    const shown = Math.min(length, MAX_ITEMS);
    let holes = 0;
    const flushHoles = () => {
      if (holes) output.push(`<${holes} empty item${holes > 1 ? "s" : ""}>`);
      holes = 0;
    };
    for (let i = 0; i < shown; i++) {
      if (!Object.prototype.hasOwnProperty.call(arr, i)) {
        holes++;
        continue;
      }
      flushHoles();
      ctx.indentation += 2;
      output.push(formatValue(ctx, arr[i], recurseTimes + 1, true));
      ctx.indentation -= 2;
    }
    flushHoles();
    if (length > shown) {
      hasMore = true;
      output.push(`... ${length - shown} more item${length - shown > 1 ? "s" : ""}`);
    }
    listValue = arr;
    keys = ownKeys(value, true).filter((k) => !(isTyped && k === "length"));
  } else if (value instanceof Map || value instanceof Set) {
    const isMap = value instanceof Map;
    braces = [`${prefix(isMap ? "Map" : "Set", value.size)} {`, "}"];
    let i = 0;
    ctx.indentation += 2;
    for (const entry of value as Iterable<unknown>) {
      if (i++ >= MAX_ITEMS) break;
      if (isMap) {
        const [k, v] = entry as [unknown, unknown];
        output.push(`${formatValue(ctx, k, recurseTimes + 1, true)} => ${formatValue(ctx, v, recurseTimes + 1, true)}`);
      } else {
        output.push(formatValue(ctx, entry, recurseTimes + 1, true));
      }
    }
    ctx.indentation -= 2;
    if (value.size > MAX_ITEMS) output.push(`... ${value.size - MAX_ITEMS} more item${value.size - MAX_ITEMS > 1 ? "s" : ""}`);
    keys = ownKeys(value, false);
  } else {
    const p = protoless ? "[Object: null prototype] " : name && name !== "Object" ? `${name} ` : "";
    braces = [`${p}{`, "}"];
    keys = ownKeys(value, false);
    if (keys.length === 0) {
      ctx.seen.pop();
      return `${braces[0]}}`;
    }
  }
  for (const k of keys) output.push(formatProperty(ctx, value, k, recurseTimes + 1));
  ctx.seen.pop();

  let res: string;
  if (output.length === 0 && !(value instanceof Map || value instanceof Set)) res = `${braces[0]}${braces[1]}`;
  else if (output.length === 0) res = `${braces[0]}}`;
  else res = reduceToSingleString(ctx, output, "", braces, isArray || isTyped, recurseTimes, listValue, hasMore);

  const ref = ctx.circular.get(value);
  return ref !== undefined ? `<ref *${ref}> ${res}` : res;
}

/** One value as the console shows it; a top-level string prints as itself, nested strings get quotes. */
export function inspect(value: unknown, options: FormatOptions = {}): string {
  const ctx: Ctx = { depth: options.depth ?? DEFAULT_DEPTH, indentation: 0, currentDepth: 0, seen: [], circular: new Map(), errorFrames: options.errorFrames };
  return formatValue(ctx, value, 0, true);
}

function formatTopLevel(value: unknown, options: FormatOptions): string {
  if (typeof value === "string") return value;
  const ctx: Ctx = { depth: options.depth ?? DEFAULT_DEPTH, indentation: 0, currentDepth: 0, seen: [], circular: new Map(), errorFrames: options.errorFrames };
  return formatValue(ctx, value, 0, false);
}

const BUILTIN_PROTOS: unknown[] = [Object.prototype, Array.prototype, Error.prototype, Date.prototype, RegExp.prototype, Function.prototype];

/** Whether `%s` should inspect the object (no toString of the student's own) or call its toString. */
function hasBuiltInToString(value: object): boolean {
  let obj: object | null = value;
  while (obj) {
    if (Object.prototype.hasOwnProperty.call(obj, "toString")) return BUILTIN_PROTOS.includes(obj);
    obj = Object.getPrototypeOf(obj);
  }
  return true;
}

/**
 * Everything one `console.log(...args)` call prints, as one string (it may span lines). Supports the printf-style
 * directives of the first argument like Node: %s %d %i %f %j %o %O %c (ignored styling) and %%.
 */
export function formatConsoleArgs(args: readonly unknown[], options: FormatOptions = {}): string {
  if (args.length === 0) return "";
  const first = args[0];
  let rest = args.slice(1);
  let head: string;
  if (typeof first === "string" && first.includes("%") && rest.length > 0) {
    let argIndex = 0;
    head = first.replace(/%([sdifjoOc%])/g, (match, d: string) => {
      if (d === "%") return "%";
      if (argIndex >= rest.length) return match;
      const arg = rest[argIndex++];
      switch (d) {
        case "s":
          if (typeof arg === "number") return formatNumber(arg);
          if (typeof arg === "bigint") return `${arg}n`;
          if (typeof arg !== "object" || arg === null || !hasBuiltInToString(arg)) return String(arg);
          return inspect(arg, { ...options, depth: 0 });
        case "d":
        case "i": {
          if (typeof arg === "bigint") return `${arg}n`;
          if (typeof arg === "symbol") return "NaN";
          const n = Number(arg);
          return formatNumber(d === "i" ? Math.trunc(n) : n);
        }
        case "f":
          return typeof arg === "symbol" ? "NaN" : formatNumber(Number.parseFloat(String(arg)));
        case "j":
          try {
            return JSON.stringify(arg) ?? "undefined";
          } catch {
            return "[Circular]";
          }
        case "o":
        case "O":
          return inspect(arg, options);
        case "c":
          return "";
        default:
          return match;
      }
    });
    rest = rest.slice(argIndex);
  } else {
    head = formatTopLevel(first, options);
    rest = args.slice(1);
  }
  return [head, ...rest.map((a) => formatTopLevel(a, options))].join(" ");
}
