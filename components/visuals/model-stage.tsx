"use client";
/**
 * The widget's diagram: StageView plus which component's popover is open. Hover (mouse) shows a
 * popover while the pointer is on the box; a click, a tap or Enter/Space pins it; Escape or a press
 * elsewhere closes it and focus returns to the box.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { StageView, type StageHandlers, type StageViewProps } from "./stage-view";

export function ModelStage(props: Omit<StageViewProps, "openId" | "stageRef" | keyof StageHandlers>) {
  const [pinned, setPinned] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const open = pinned ?? hovered;

  useEffect(() => {
    if (!pinned) return;
    const onDown = (e: PointerEvent) => {
      const el = e.target instanceof Element ? e.target.closest<HTMLElement>("[data-popover-for], [data-node]") : null;
      if (el?.dataset.popoverFor !== pinned && el?.dataset.node !== pinned) setPinned(null);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [pinned]);

  const onKeyDown = useCallback(
    (e: React.KeyboardEvent) => {
      if (e.key !== "Escape" || !open) return;
      e.stopPropagation();
      const id = open;
      setPinned(null);
      setHovered(null);
      const boxes = stageRef.current?.querySelectorAll<HTMLElement>("[data-node]") ?? [];
      [...boxes].find((el) => el.dataset.node === id)?.focus();
    },
    [open],
  );
  const onToggle = useCallback((id: string) => setPinned((p) => (p === id ? null : id)), []);
  const onClose = useCallback(() => {
    setPinned(null);
    setHovered(null);
  }, []);

  return <StageView {...props} openId={open} stageRef={stageRef} onKeyDown={onKeyDown} onToggle={onToggle} onHover={setHovered} onClose={onClose} />;
}
