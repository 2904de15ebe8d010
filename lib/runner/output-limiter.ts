import type { ConsoleLine, OutputLimits } from "./protocol";

/**
 * Caps a run's console output so a chatty loop cannot flood the page: at most `maxLines` entries and `maxChars`
 * characters are let through, each entry cut at `maxLineChars`. The first entry over a limit is replaced by one
 * `system` notice; everything after it is only counted, and `finish()` reports how much was dropped.
 *
 * Invariant: the lines let through never exceed maxLines entries plus the two system notices.
 */
export class OutputLimiter {
  private lines = 0;
  private chars = 0;
  private dropped = 0;
  private truncatedReason: string | null = null;

  constructor(private readonly limits: OutputLimits) {}

  /** True once output is being dropped: callers may skip the cost of formatting further entries. */
  get truncated(): boolean {
    return this.truncatedReason !== null;
  }

  /** Lines to show for one console entry: the entry itself, a truncation notice, or nothing. */
  push(line: ConsoleLine): ConsoleLine[] {
    if (this.truncatedReason) {
      this.dropped += 1;
      return [];
    }
    let text = line.text;
    if (text.length > this.limits.maxLineChars) {
      const cut = text.length - this.limits.maxLineChars;
      text = `${text.slice(0, this.limits.maxLineChars)}… (${cut.toLocaleString("en-US")} more characters not shown)`;
    }
    if (this.lines + 1 > this.limits.maxLines) return this.stop(`more than ${this.limits.maxLines.toLocaleString("en-US")} lines`);
    if (this.chars + text.length > this.limits.maxChars) return this.stop(`more than ${Math.round(this.limits.maxChars / 1000)} KB`);
    this.lines += 1;
    this.chars += text.length;
    return [text === line.text ? line : { level: line.level, text }];
  }

  /** A closing notice with the number of entries dropped, or nothing if output was never truncated. */
  finish(): ConsoleLine[] {
    if (!this.truncatedReason || this.dropped === 0) return [];
    const n = this.dropped;
    return [{ level: "system", text: `… ${n.toLocaleString("en-US")} more console ${n === 1 ? "entry" : "entries"} not shown.` }];
  }

  private stop(reason: string): ConsoleLine[] {
    this.truncatedReason = reason;
    this.dropped = 1;
    return [{ level: "system", text: `Output truncated: your code printed ${reason}; the rest is not shown (the program keeps running).` }];
  }
}
