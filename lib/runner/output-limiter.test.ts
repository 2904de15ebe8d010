import { describe, expect, it } from "vitest";
import { OutputLimiter } from "./output-limiter";
import type { ConsoleLine } from "./protocol";

const line = (text: string): ConsoleLine => ({ level: "log", text });

function pushAll(limiter: OutputLimiter, count: number, text = "x"): ConsoleLine[] {
  const out: ConsoleLine[] = [];
  for (let i = 0; i < count; i++) out.push(...limiter.push(line(`${text}${i}`)));
  return [...out, ...limiter.finish()];
}

describe("OutputLimiter", () => {
  it("lets everything through under the limits and adds nothing at the end", () => {
    const out = pushAll(new OutputLimiter({ maxLines: 10, maxChars: 1000, maxLineChars: 100 }), 10);
    expect(out.map((l) => l.text)).toEqual(Array.from({ length: 10 }, (_, i) => `x${i}`));
  });

  it("stops at the line limit with one notice and counts what it dropped", () => {
    const limiter = new OutputLimiter({ maxLines: 1000, maxChars: 1_000_000, maxLineChars: 100 });
    const out = pushAll(limiter, 1500);
    expect(out.filter((l) => l.level === "log")).toHaveLength(1000);
    const notes = out.filter((l) => l.level === "system").map((l) => l.text);
    expect(notes[0]).toMatch(/^Output truncated: your code printed more than 1,000 lines/);
    expect(notes[1]).toBe("… 500 more console entries not shown.");
    expect(limiter.truncated).toBe(true);
  });

  it("stops at the character budget", () => {
    const limiter = new OutputLimiter({ maxLines: 1000, maxChars: 100_000, maxLineChars: 10_000 });
    const out = pushAll(limiter, 50, "y".repeat(5000));
    const shown = out.filter((l) => l.level === "log");
    expect(shown.reduce((n, l) => n + l.text.length, 0)).toBeLessThanOrEqual(100_000);
    expect(shown.length).toBeLessThan(50);
    expect(out.some((l) => l.level === "system" && /more than 100 KB/.test(l.text))).toBe(true);
  });

  it("cuts one giant entry instead of letting it take the whole budget", () => {
    const [only] = new OutputLimiter({ maxLines: 10, maxChars: 100_000, maxLineChars: 50 }).push(line("z".repeat(80)));
    expect(only.text).toBe(`${"z".repeat(50)}… (30 more characters not shown)`);
  });
});
