import util from "node:util";
import { describe, expect, it } from "vitest";
import { formatConsoleArgs, inspect, quoteString } from "./format";

class Broker {
  ready: number[] = [1, 2];
  inFlight = new Map([["m1", { id: "m1", attempts: 1 }]]);
  dead: string[] = [];
}

// The lesson texts describe what `npx tsx` prints, so the page must print the same: Node itself is the oracle.
describe("inspect matches Node's util.inspect", () => {
  const circular: Record<string, unknown> = { name: "a" };
  circular.self = circular;
  const cases: [string, unknown][] = [
    ["numbers, -0 and bigint", [1, -0, 10n, NaN]],
    ["strings with quotes", ["it's", 'say "hi" it\'s', "tab\there"]],
    ["null, undefined, booleans, symbols", [null, undefined, true, Symbol("s")]],
    ["empty containers", [[], {}, new Map(), new Set()]],
    ["a nested object past the default depth", { a: 1, "b-c": "x", nested: { deep: { deeper: { deepest: 1 } } } }],
    ["an order with items, broken across lines", { orderId: "ORD-101", email: "ada@example.com", totalCents: 4200, items: [{ sku: "A", qty: 2 }, { sku: "B", qty: 1 }], status: "pending" }],
    ["Map and Set", [new Map<string, unknown>([["a", 1], ["b", { c: [1, 2] }]]), new Set([1, "two"])]],
    ["a class instance", new Broker()],
    ["a long array of numbers in columns", Array.from({ length: 26 }, (_, i) => i * 7)],
    ["more than 100 items", Array.from({ length: 120 }, (_, i) => i)],
    ["strings in columns", ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]],
    ["objects in an array", Array.from({ length: 10 }, (_, i) => ({ id: i }))],
    ["a circular reference", circular],
    ["functions and classes", [function foo() {}, () => 1, class Foo {}, async function bar() {}]],
    ["dates and regexps", [new Date(0), /x/g]],
    // eslint-disable-next-line no-sparse-arrays -- a hole is the case under test
    ["a null-prototype object and holes", [Object.create(null), [, 1]]],
    ["typed arrays and symbol keys", [new Uint8Array([1, 2, 3]), { [Symbol("k")]: 1 }]],
    ["a long multi-line string inside an object", { text: "a long line that has a newline in it\nand then continues for quite a while so it exceeds the width" }],
    ["deep arrays", [[1, [2, [3, [4]]]]]],
  ];
  for (const [name, value] of cases) {
    it(name, () => expect(inspect(value)).toBe(util.inspect(value)));
  }
});

describe("console arguments", () => {
  const argSets: unknown[][] = [
    ["a", 1, "b"],
    ["%s has %d items", "queue", 3, "extra"],
    ["%o", { a: 1 }],
    ["100%"],
    ["%c styled", "color: red"],
    ["%s", { a: 1 }],
    ["%i", 3.7],
    ["%j", { a: [1] }],
    [{ a: 1 }, "x"],
    ["%s:%s", "only"],
    ["%d%%", 50],
  ];
  for (const args of argSets) {
    it(`formats ${JSON.stringify(args)} like Node's console`, () => expect(formatConsoleArgs(args)).toBe(util.format(...args)));
  }

  it("prints a top-level string as itself and a nested one quoted", () => {
    expect(formatConsoleArgs(["hello", ["hello"]])).toBe("hello [ 'hello' ]");
  });

  it("prints an Error as name and message, with the frames it is given", () => {
    const text = formatConsoleArgs([new TypeError("bad input")], { errorFrames: () => ["    at f (example.ts:3:5)"] });
    expect(text).toBe("TypeError: bad input\n    at f (example.ts:3:5)");
    expect(formatConsoleArgs([{ err: new RangeError("nope") }])).toBe("{ err: [RangeError: nope] }");
  });

  it("quotes with double quotes or backticks when the text contains single quotes", () => {
    expect(quoteString("it's")).toBe(`"it's"`);
    expect(quoteString(`it's "x"`)).toBe("`it's \"x\"`");
  });
});
