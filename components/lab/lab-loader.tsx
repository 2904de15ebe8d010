"use client";
import { lazy } from "react";
import { LazyWidget } from "@/components/ui/lazy-widget";
import type { ArchitectureLabProps } from "./architecture-lab";
import { LabLoading } from "./lab-loading";

// Client-only: the lab starts from what this browser kept (localStorage), which the server cannot know; the server
// renders the stand-in, and the lab replaces it after hydration (it is at the top of /lab, so at once).
const ArchitectureLab = lazy(() => import("./architecture-lab"));

/** The full lab for the /lab page. */
export function LabLoader(props: ArchitectureLabProps) {
  return (
    <LazyWidget
      marginPx={0}
      standIn={<LabLoading variant="page" />}
    >
      <ArchitectureLab {...props} />
    </LazyWidget>
  );
}
