import { describe, expect, test } from "vitest";
import { htmlToText, renderInline, renderMarkdown } from "./quiz-markdown";

describe("quiz Markdown", () => {
  test("renders the subset quizzes use", () => {
    expect(renderInline("A **bold** claim, an *emphasis*, _another_ and `code`.")).toBe(
      "A <strong>bold</strong> claim, an <em>emphasis</em>, <em>another</em> and <code>code</code>.",
    );
    expect(renderMarkdown("First line\nsame paragraph.\n\nSecond paragraph.")).toBe("<p>First line\nsame paragraph.</p>\n<p>Second paragraph.</p>");
    expect(renderMarkdown("- one\n- two `x`\n\n1. a\n2. b")).toBe("<ul><li>one</li><li>two <code>x</code></li></ul>\n<ol><li>a</li><li>b</li></ol>");
  });

  test("fenced code keeps its text and indentation, escaped, with the language as a class", () => {
    const html = renderMarkdown("Before:\n\n```ts\nif (a < b && c) {\n  ack(**m**);\n}\n```\n\nAfter.");
    expect(html).toBe('<p>Before:</p>\n<pre><code class="language-ts">if (a &lt; b &amp;&amp; c) {\n  ack(**m**);\n}</code></pre>\n<p>After.</p>');
  });

  test("HTML in author text is shown, never interpreted", () => {
    const html = renderMarkdown('<img src=x onerror="alert(1)"> and <script>alert(1)</script> `<b>`');
    expect(html).not.toMatch(/<(img|script|b)\b/);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("<code>&lt;b&gt;</code>");
  });

  test("only safe link targets become links", () => {
    expect(renderInline("[lesson](/learn/dead-letter-queues)")).toBe('<a href="/learn/dead-letter-queues">lesson</a>');
    expect(renderInline("[x](javascript:alert(1))")).not.toContain("<a");
    expect(renderInline('[x](https://example.com/?a=1&b="2")')).toBe('<a href="https://example.com/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer" target="_blank">x</a>');
  });

  test("snake_case, arithmetic and backslash escapes are not mistaken for emphasis", () => {
    expect(renderInline("message_queue_input and 5 * 3 * 2")).toBe("message_queue_input and 5 * 3 * 2");
    expect(renderInline("\\*not em\\*")).toBe("*not em*");
  });

  test("plain text for accessible names", () => {
    expect(htmlToText(renderInline("Ack **after** `charge()` & <done>"))).toBe("Ack after charge() & <done>");
  });
});
