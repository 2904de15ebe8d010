"use client";
import { useId } from "react";
import type { DatabaseComponent, DesignProblem } from "@/lib/lab";
import { Glyph } from "./glyph";
import { DatabaseTables } from "./tables-view";
import styles from "./lab.module.css";

/** The design checker's notes, folded away until asked for. */
export function DesignChecks({ problems }: { problems: readonly DesignProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <details className={styles.checks}>
      <summary>
        Design check: {problems.length} {problems.length === 1 ? "note" : "notes"}
      </summary>
      <ul>
        {problems.map((p) => (
          <li key={`${p.code}-${p.componentIds.join(",")}`} data-severity={p.severity}>
            <Glyph kind={p.severity === "error" ? "error" : "warning"} /> {p.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Every database of the design with its tables; rows the last run touched are marked. */
export function DatabasesPanel({ databases, touched }: { databases: readonly DatabaseComponent[]; touched: ReadonlyMap<string, ReadonlySet<string>> }) {
  const headingId = useId();
  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.panelTitle}>
        Databases
      </h3>
      {databases.length === 0 ? <p className={styles.muted}>This design has no Database.</p> : null}
      <div className={styles.databases}>
        {databases.map((db) => (
          <div key={db.id} className={styles.database} data-testid={`database-${db.id}`}>
            <h4 className={styles.subTitle}>{db.name}</h4>
            <DatabaseTables database={db} touched={touched} />
          </div>
        ))}
      </div>
    </section>
  );
}
