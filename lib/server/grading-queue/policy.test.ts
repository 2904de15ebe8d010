import { describe, expect, test } from "vitest";
import { cpuRetryAfterMs, priorityFor, queueFullRetryAfterSeconds, recentCpuMs } from "./policy";
import { lowestFreeName } from "./workers";

const NOW = 1_000_000;

describe("grader time charged to an author", () => {
  const charges = [
    { cpuMs: 9_000, finishedAt: NOW - 50_000 },
    { cpuMs: 9_000, finishedAt: NOW - 30_000 },
    { cpuMs: 9_000, finishedAt: NOW - 10_000 },
    { cpuMs: 5_000, finishedAt: NOW - 61_000 }, // outside the minute
  ];

  test("only the last minute counts", () => {
    expect(recentCpuMs(charges, NOW)).toBe(27_000);
    expect(recentCpuMs(charges, NOW + 10_000)).toBe(18_000);
  });

  test("over budget: the wait is until enough of the oldest charges leave the window", () => {
    expect(cpuRetryAfterMs(charges, NOW, 20_000)).toBe(10_000);
    expect(cpuRetryAfterMs(charges, NOW, 10_000)).toBe(30_000);
    expect(cpuRetryAfterMs(charges, NOW, 27_000)).toBe(0);
    expect(cpuRetryAfterMs([], NOW)).toBe(0);
  });

  test("priority worsens one step per second of recent grader time; honest students stay first", () => {
    expect(priorityFor(0)).toBe(0);
    expect(priorityFor(999)).toBe(0);
    expect(priorityFor(18_000)).toBe(18);
    expect(priorityFor(10_000_000)).toBe(1_000);
  });
});

test("a full queue's Retry-After follows the recent grading rate, within 2..60 s", () => {
  expect(queueFullRetryAfterSeconds(500, 450)).toBe(7); // 7.5/s: a tenth of 500 in ~7 s
  expect(queueFullRetryAfterSeconds(500, 0)).toBe(50);
  expect(queueFullRetryAfterSeconds(3, 0)).toBe(2);
  expect(queueFullRetryAfterSeconds(100_000, 60)).toBe(60);
});

test("worker display names: the lowest free w-<n>", () => {
  expect(lowestFreeName([])).toBe("w-1");
  expect(lowestFreeName(["w-1", "w-3"])).toBe("w-2");
  expect(lowestFreeName(["w-2", "w-1"])).toBe("w-3");
});
