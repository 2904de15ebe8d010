import "server-only";

/*
 * A small, safe Markdown renderer for quiz text (prompts, scenarios, choices, explanations). Quiz text uses a
 * narrow subset: paragraphs, `code`, **bold**, *em* / _em_, lists, fenced code blocks and links. Everything
 * else is shown literally: the input is HTML-escaped before any markup is added, so author text can never
 * inject tags or attributes. The full MDX pipeline would also work but costs a compile per string.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

// Private-use characters stand in for finished HTML while the remaining text is processed; authors cannot type them
// meaningfully, and any that appear in input are dropped.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const SLOT = new RegExp(`${OPEN}(\\d+)${CLOSE}`, "g");

const SAFE_URL = /^(?:https?:\/\/|\/(?!\/)|#)[^\s]*$/;

/** Render one line (or paragraph) of inline Markdown to HTML. */
export function renderInline(md: string): string {
  const slots: string[] = [];
  const hold = (html: string) => `${OPEN}${slots.push(html) - 1}${CLOSE}`;
  let s = md.replace(/[\uE000\uE001]/g, "");
  // Code spans first: nothing inside them is markup.
  s = s.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_m, _ticks: string, code: string) => {
    const body = code.length > 2 && code.startsWith(" ") && code.endsWith(" ") ? code.slice(1, -1) : code;
    return hold(`<code>${escapeHtml(body)}</code>`);
  });
  // Backslash escapes make the next punctuation character literal.
  s = s.replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, (_m, c: string) => hold(escapeHtml(c)));
  s = escapeHtml(s);
  s = s.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (m, text: string, url: string) => {
    // `url` is already escaped, so it is safe inside the quoted attribute; only the scheme needs checking.
    const raw = url.replace(/&amp;/g, "&");
    if (!SAFE_URL.test(raw)) return m;
    const external = /^https?:/.test(raw) ? ' rel="noopener noreferrer" target="_blank"' : "";
    return hold(`<a href="${url}"${external}>${text}</a>`);
  });
  s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>");
  s = s.replace(/__(?=\S)([\s\S]*?\S)__(?![\w])/g, "<strong>$1</strong>");
  s = s.replace(/(^|[^*\w])\*(?=[^\s*])([^*]*?[^\s*])\*(?![*\w])/g, "$1<em>$2</em>");
  s = s.replace(/(^|[^_\w])_(?=[^\s_])([^_]*?[^\s_])_(?![_\w])/g, "$1<em>$2</em>");
  // Slots may nest (a link around code), so expand until none are left.
  for (let depth = 0; depth < 4 && s.includes(OPEN); depth++) s = s.replace(SLOT, (_m, i: string) => slots[Number(i)]);
  return s.replace(/\s*\n\s*/g, "\n").trim();
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const LIST_ITEM = /^\s*(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;

/**
 * Render block Markdown (paragraphs, lists, fenced code) to HTML. Output contains only p, ul, ol, li, pre, code,
 * strong, em and a (http, https, site-relative or #fragment links) elements.
 */
export function renderMarkdown(md: string): string {
  const lines = md.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const [, indent, marker, lang] = fence;
      const body: string[] = [];
      i++;
      const closing = new RegExp(`^\\s*\\${marker[0]}{${marker.length},}\\s*$`);
      while (i < lines.length && !closing.test(lines[i])) {
        body.push(lines[i].startsWith(indent) ? lines[i].slice(indent.length) : lines[i].trimStart());
        i++;
      }
      i++; // the closing fence (or the end of the text, if the author forgot it)
      const cls = lang ? ` class="language-${escapeHtml(lang)}"` : "";
      out.push(`<pre><code${cls}>${escapeHtml(body.join("\n"))}</code></pre>`);
      continue;
    }
    const first = LIST_ITEM.exec(line);
    if (first) {
      const ordered = Boolean(first[2]);
      const items: string[] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]);
        if (m && Boolean(m[2]) === ordered) {
          items.push(m[3]);
        } else if (lines[i].trim() && /^\s+/.test(lines[i]) && items.length && !FENCE.test(lines[i])) {
          items[items.length - 1] += `\n${lines[i].trim()}`; // a wrapped list item
        } else break;
        i++;
      }
      const start = ordered && first[2] !== "1" ? ` start="${Number(first[2])}"` : "";
      out.push(`<${ordered ? "ol" : "ul"}${start}>${items.map((it) => `<li>${renderInline(it)}</li>`).join("")}</${ordered ? "ol" : "ul"}>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() && !FENCE.test(lines[i]) && !(para.length && LIST_ITEM.test(lines[i]))) {
      para.push(lines[i]);
      i++;
    }
    out.push(`<p>${renderInline(para.join("\n"))}</p>`);
  }
  return out.join("\n");
}

/** Plain text of rendered HTML, for accessible names: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!)
    .replace(/\s+/g, " ")
    .trim();
}
