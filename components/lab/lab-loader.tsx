"use client";
import dynamic from "next/dynamic";
import type { ArchitectureLabProps } from "./architecture-lab";
import styles from "./lab.module.css";

function LabLoading() {
  return (
    <div className={styles.loading} aria-busy="true">
      <p>Loading the lab…</p>
    </div>
  );
}

// Client-only: the lab starts from what this browser kept (localStorage), which the server cannot know.
const ArchitectureLab = dynamic(() => import("./architecture-lab"), { ssr: false, loading: LabLoading });

/** The full lab for the /lab page. */
export function LabLoader(props: ArchitectureLabProps) {
  return <ArchitectureLab {...props} />;
}
