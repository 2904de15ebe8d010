"use client";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { PublicOption } from "@/lib/content/quizzes";
import styles from "./quiz.module.css";

type Direction = "up" | "down";

/**
 * An "put these in order" answer: every item has Move up / Move down buttons (keyboard, screen readers) and a grip
 * that drags it with pointer events (mouse, pen and touch alike). `order` is item ids, top first.
 */
export function OrderingList({
  items,
  order,
  onChange,
  locked,
  labelledBy,
}: {
  items: PublicOption[];
  order: string[];
  onChange: (order: string[]) => void;
  locked: boolean;
  labelledBy: string;
}) {
  const byId = new Map(items.map((i) => [i.id, i]));
  const listRef = useRef<HTMLOListElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [refocus, setRefocus] = useState<{ id: string; dir: Direction } | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  // Re-inserting a keyed element can drop focus; put it back on the button that was pressed, now at the new place.
  useLayoutEffect(() => {
    if (!refocus) return;
    buttons.current.get(`${refocus.id}:${refocus.dir}`)?.focus();
    setRefocus(null);
  }, [refocus]);

  const announce = (id: string, next: string[]) => setAnnouncement(`${byId.get(id)?.label ?? id}: position ${next.indexOf(id) + 1} of ${next.length}.`);

  const move = (id: string, dir: Direction) => {
    const from = order.indexOf(id);
    const to = dir === "up" ? from - 1 : from + 1;
    if (locked || to < 0 || to >= order.length) return;
    const next = [...order];
    [next[from], next[to]] = [next[to], next[from]];
    onChange(next);
    announce(id, next);
    setRefocus({ id, dir });
  };

  // Dragging. Listeners live on window for the length of a drag: reordering re-inserts the dragged row, which can
  // end pointer capture on its grip, and the pointer may leave the list. The row under the pointer's slot is the one
  // whose neighbours' midpoints surround it.
  const latest = useRef({ order, onChange, announce });
  latest.current = { order, onChange, announce };
  useEffect(() => {
    if (!dragging) return;
    const onMove = (e: PointerEvent) => {
      const list = listRef.current;
      if (!list) return;
      e.preventDefault();
      let target = 0;
      for (const row of list.children as HTMLCollectionOf<HTMLElement>) {
        if (row.dataset.id === dragging) continue;
        const r = row.getBoundingClientRect();
        if (e.clientY > r.top + r.height / 2) target++;
      }
      const { order: current, onChange: change } = latest.current;
      if (current.indexOf(dragging) !== target) {
        const next = current.filter((x) => x !== dragging);
        next.splice(target, 0, dragging);
        change(next);
      }
    };
    const onEnd = () => {
      latest.current.announce(dragging, latest.current.order);
      setDragging(null);
    };
    window.addEventListener("pointermove", onMove, { passive: false });
    window.addEventListener("pointerup", onEnd);
    window.addEventListener("pointercancel", onEnd);
    return () => {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onEnd);
      window.removeEventListener("pointercancel", onEnd);
    };
    // One set of listeners per drag: `latest` gives them the current order and callbacks.
  }, [dragging]);

  const onPointerDown = (e: React.PointerEvent<HTMLElement>, id: string) => {
    if (locked || (e.pointerType === "mouse" && e.button !== 0)) return;
    e.preventDefault(); // no text selection, no scroll start
    setDragging(id);
  };

  return (
    <>
      <ol ref={listRef} className={styles.orderList} aria-labelledby={labelledBy}>
        {order.map((id, i) => {
          const item = byId.get(id);
          if (!item) return null;
          const atTop = i === 0;
          const atBottom = i === order.length - 1;
          return (
            <li key={id} data-id={id} className={styles.orderItem} data-dragging={dragging === id || undefined} data-locked={locked || undefined}>
              <span
                className={styles.grip}
                aria-hidden="true"
                onPointerDown={(e) => onPointerDown(e, id)}
                data-testid={`drag-${id}`}
                title={locked ? undefined : "Drag to reorder"}
              >
                ⠿
              </span>
              <span className={styles.position} aria-hidden="true">
                {i + 1}
              </span>
              <span className={styles.itemText} dangerouslySetInnerHTML={{ __html: item.html }} />
              {locked ? null : (
                <span className={styles.moveButtons}>
                  <button
                    type="button"
                    className="btn btn-small"
                    ref={(el) => void (el ? buttons.current.set(`${id}:up`, el) : buttons.current.delete(`${id}:up`))}
                    aria-label={`Move up: ${item.label}`}
                    aria-disabled={atTop || undefined}
                    onClick={() => move(id, "up")}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    ref={(el) => void (el ? buttons.current.set(`${id}:down`, el) : buttons.current.delete(`${id}:down`))}
                    aria-label={`Move down: ${item.label}`}
                    aria-disabled={atBottom || undefined}
                    onClick={() => move(id, "down")}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
