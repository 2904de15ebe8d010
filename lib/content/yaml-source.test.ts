import { expect, test } from "vitest";
import { parseYamlSource } from "./yaml-source";

const TEXT = "id: demo\nquestions:\n  - id: one\n    choices:\n      - id: a\n      - id: b\n";

test("lines of map keys and sequence items, counted from where the YAML starts in its file", () => {
  const src = parseYamlSource(TEXT);
  expect(src.lineOf(["id"])).toBe(1);
  expect(src.lineOf(["questions", 0, "choices", 1])).toBe(6);
  // A missing field is reported on the deepest line that exists.
  expect(src.lineOf(["questions", 0, "explanation"])).toBe(3);
  expect(parseYamlSource(TEXT, 2).lineOf(["questions", 0, "choices", 1])).toBe(7);
});

test("syntax errors and duplicate keys come with their line", () => {
  expect(parseYamlSource("a: 1\nb: [\n", 2).errors[0].line).toBeGreaterThanOrEqual(3);
  expect(parseYamlSource("a: 1\nb: 2\na: 3\n").errors[0]).toMatchObject({ line: 3 });
});
