"use client";
import { useEffect, type RefObject } from "react";

/*
 * Lazy widgets replace their server-rendered stand-in (and the stand-in replaces itself with a "Loading…" box) while
 * the student may be sitting on one of its buttons with the keyboard. Replacing the DOM node that has focus drops
 * focus to <body>: the next Tab starts from the top of the page and the next Enter does nothing. This keeps the
 * student's place: when focus was inside `ref` and a stand-in (anything marked `data-standin`, see <StandIn>) is
 * swapped, focus goes to the same control in the new content (same `data-focus-key`, `data-action`, `data-control`,
 * or same role and name), else to its first control, else to the container itself until the widget arrives. Once
 * the last stand-in is gone the widget manages its own focus and this stays out of the way.
 */

/** What names "the same control" in the stand-in and in the widget that replaces it. */
export function focusKey(el: Element): string {
  const h = el as HTMLElement;
  const d = h.dataset ?? {};
  if (d.focusKey) return `key:${d.focusKey}`;
  if (d.action) return `action:${d.action}`;
  if (d.control) return `control:${d.control}`;
  const role = h.getAttribute("role") ?? h.tagName.toLowerCase();
  const name = (h.getAttribute("aria-label") ?? h.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 80);
  return `${role}:${name}`;
}

const TABBABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[contenteditable=true]",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

export function useKeepFocus(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = ref.current;
    if (!root || typeof MutationObserver === "undefined") return;
    // The control that had focus inside root, kept until focus or a press goes somewhere else on the page.
    let key: string | null = root.contains(document.activeElement) && document.activeElement !== root ? focusKey(document.activeElement!) : null;

    const dropped = () => {
      const a = document.activeElement;
      return !a || a === document.body || a === document.documentElement || a === root || !a.isConnected;
    };
    const hasStandIn = () => root.querySelector("[data-standin]") !== null;
    let hadStandIn = hasStandIn();
    const restore = () => {
      const now = hasStandIn();
      const swapping = now || hadStandIn;
      hadStandIn = now;
      if (!now && root.getAttribute("tabindex") === "-1" && root.dataset.keepFocusHeld) {
        root.removeAttribute("tabindex");
        delete root.dataset.keepFocusHeld;
      }
      // The widget is in for good: stop watching its (possibly animated) DOM after this last look.
      if (!now) mo.disconnect();
      if (!swapping || key === null || !dropped()) return;
      const candidates = Array.from(root.querySelectorAll<HTMLElement>(TABBABLE)).filter((el) => !el.closest("[inert], [aria-hidden=true]"));
      const target = candidates.find((el) => focusKey(el) === key) ?? candidates[0];
      if (target) {
        target.focus({ preventScroll: true });
      } else if (document.activeElement !== root) {
        // Nothing to land on yet ("Loading…"): hold focus on the container so Tab continues from here.
        if (!root.hasAttribute("tabindex")) {
          root.setAttribute("tabindex", "-1");
          root.dataset.keepFocusHeld = "1";
        }
        root.focus({ preventScroll: true });
      }
    };

    const onFocusIn = (e: FocusEvent) => {
      if (e.target !== root) key = focusKey(e.target as Element);
    };
    const onFocusOut = (e: FocusEvent) => {
      const to = e.relatedTarget as Node | null;
      if (to && !root.contains(to)) key = null;
    };
    // A press anywhere starts afresh: if it lands on a control inside, focusin names it again.
    const onPointerDown = () => {
      key = null;
    };

    const mo = new MutationObserver(() => restore());
    if (hadStandIn) mo.observe(root, { childList: true, subtree: true });
    root.addEventListener("focusin", onFocusIn);
    root.addEventListener("focusout", onFocusOut);
    document.addEventListener("pointerdown", onPointerDown, true);
    return () => {
      mo.disconnect();
      root.removeEventListener("focusin", onFocusIn);
      root.removeEventListener("focusout", onFocusOut);
      document.removeEventListener("pointerdown", onPointerDown, true);
    };
  }, [ref]);
}

/** Marks server-rendered stand-ins and "Loading…" boxes for useKeepFocus; adds no box of its own. */
export function StandIn({ children }: { children: React.ReactNode }) {
  return (
    <div data-standin="" style={{ display: "contents" }}>
      {children}
    </div>
  );
}
