/*
 * Mapping stack traces of code compiled with `new Function(...)` back onto the student's file. Sucrase keeps every
 * line where it was, so a frame's line number minus the wrapper's header lines is the line the student sees.
 * Pure: tested in Node (V8 frame format) and written for Firefox/Safari's `name@file:line:col` format too.
 */
import type { SourcePosition } from "./protocol";

export interface StudentFrame extends SourcePosition {
  /** Function name as the engine reports it; "" for top-level code. */
  name: string;
  column: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// The wrapper's async arrow and the Function itself show up under these names; to a student they are "top level".
const WRAPPER_NAMES = new Set(["", "eval", "anonymous", "<anonymous>", "async*", "Object.<anonymous>"]);

/**
 * Frames of `stack` that point into `fileName`, innermost first, with lines shifted up by `lineOffset` (the number of
 * lines the wrapper adds before student line 1). Frames outside the student's lines 1..`lineCount` (the wrapper's
 * own header and footer) are dropped.
 */
export function studentFrames(stack: string | undefined, fileName: string, lineOffset: number, lineCount = Infinity): StudentFrame[] {
  if (!stack) return [];
  const file = escapeRegExp(fileName);
  const v8 = new RegExp(`^\\s*at (?:(.*?) \\()?(?:async )?${file}:(\\d+):(\\d+)\\)?\\s*$`);
  const gecko = new RegExp(`^\\s*(.*?)@${file}:(\\d+):(\\d+)\\s*$`);
  const frames: StudentFrame[] = [];
  for (const raw of stack.split("\n")) {
    const m = v8.exec(raw) ?? gecko.exec(raw);
    if (!m) continue;
    const line = Number(m[2]) - lineOffset;
    if (line < 1 || line > lineCount) continue;
    let name = (m[1] ?? "").replace(/^async /, "").trim();
    if (WRAPPER_NAMES.has(name) || /^eval(?: at .*)?$/.test(name)) name = "";
    frames.push({ name, line, column: Number(m[3]) });
  }
  return frames;
}

/** Frames as printed under an error: `    at Broker.nack (example.ts:50:13)`, top level as `at example.ts:3:1`. */
export function formatFrames(frames: StudentFrame[], fileName: string): string[] {
  return frames.map((f) => (f.name ? `    at ${f.name} (${fileName}:${f.line}:${f.column})` : `    at ${fileName}:${f.line}:${f.column}`));
}
