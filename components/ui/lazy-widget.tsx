"use client";
import { Suspense, useDeferredValue } from "react";
import { StandIn } from "./use-keep-focus";
import { useLoadWhenNear } from "./use-load-when-near";

type DivProps = Omit<React.HTMLAttributes<HTMLDivElement>, "children">;

export interface StandInControls {
  /** Load the widget now (a "Start" button); a press or focus inside the stand-in does this anyway. */
  wake: () => void;
  /** The widget's code is downloading; the stand-in is still what the student sees and presses. */
  loading: boolean;
}

export interface LazyWidgetProps extends DivProps {
  /** How close to the viewport (px, above and below) the widget starts loading. */
  marginPx: number;
  /** The light, server-rendered stand-in shown until the widget is ready to take its place. */
  standIn: React.ReactNode | ((controls: StandInControls) => React.ReactNode);
  /** The widget: an element of a `React.lazy` component, so its code is fetched only once this renders. */
  children: React.ReactNode;
}

/**
 * The one lazy-widget idiom: a heavy interactive part of a lesson ships as a stand-in and is swapped for the real
 * widget when it comes within `marginPx` of the viewport, or at the first press or focus inside it. Usage:
 *
 *   const QuizView = lazy(() => import("./quiz-view").then((m) => ({ default: m.QuizView })));
 *   <LazyWidget marginPx={600} standIn={children}><QuizView quiz={quiz} /></LazyWidget>
 *
 * The server renders the stand-in (`data-loaded="false"`); nothing of the widget reaches the first load. While the
 * chunk downloads the stand-in stays on screen as the very same DOM (the swap is deferred until the widget can
 * render), so a press that started the download still lands as a click on the stand-in's button; then keyboard
 * focus follows into the widget (useKeepFocus, through useLoadWhenNear).
 */
export function LazyWidget({ marginPx, standIn, children, onPointerDownCapture, onFocusCapture, ...div }: LazyWidgetProps) {
  const { ref, load, wake } = useLoadWhenNear(marginPx);
  // Rendering the widget suspends until its chunk is in; a deferred value keeps the committed stand-in meanwhile.
  const ready = useDeferredValue(load);
  const loading = load && !ready;
  return (
    <div
      ref={ref}
      data-loaded={ready}
      aria-busy={loading || undefined}
      {...div}
      onPointerDownCapture={(e) => {
        onPointerDownCapture?.(e);
        wake();
      }}
      onFocusCapture={(e) => {
        onFocusCapture?.(e);
        wake();
      }}
    >
      <Suspense fallback={null}>{ready ? children : <StandIn>{typeof standIn === "function" ? standIn({ wake, loading }) : standIn}</StandIn>}</Suspense>
    </div>
  );
}
