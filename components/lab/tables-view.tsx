"use client";
import type { DatabaseComponent, JsonValue, Table } from "@/lib/lab";
import styles from "./lab.module.css";

function cellText(value: JsonValue | undefined): string {
  if (value === undefined) return "";
  if (value === null) return "null";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function TableView({ databaseId, table, touched }: { databaseId: string; table: Table; touched?: ReadonlySet<string> }) {
  const columns = table.columns.length > 0 ? table.columns.map((c) => c.name) : [...new Set(table.rows.flatMap((r) => Object.keys(r)))];
  return (
    <div className={styles.tableBlock} data-testid={`table-${databaseId}-${table.name}`}>
      <table className={styles.dataTable}>
        <caption>
          <code>{table.name}</code> · {table.rows.length} {table.rows.length === 1 ? "row" : "rows"}
          {touched && touched.size > 0 ? <span className={styles.freshNote}> · highlighted: written by the last run</span> : null}
        </caption>
        <thead>
          <tr>
            {columns.map((name) => (
              <th key={name} scope="col">
                {name}
                {name === table.primaryKey ? <span className={styles.pk} title="primary key"> (key)</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 ? (
            <tr>
              <td colSpan={Math.max(1, columns.length)} className={styles.emptyCell}>
                No rows yet
              </td>
            </tr>
          ) : (
            table.rows.map((row, index) => {
              const id = row[table.primaryKey];
              const fresh = touched?.has(String(id)) ?? false;
              return (
                <tr key={`${String(id)}-${index}`} data-fresh={fresh || undefined}>
                  {columns.map((name) => (
                    <td key={name} data-null={row[name] === null || undefined}>
                      {cellText(row[name])}
                    </td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A Database component's tables with every row. `touched` marks rows the last run wrote (`databaseId/table` → keys). */
export function DatabaseTables({ database, touched }: { database: DatabaseComponent; touched?: ReadonlyMap<string, ReadonlySet<string>> }) {
  if (database.config.tables.length === 0) {
    return <p className={styles.muted}>No tables yet: an INSERT from a connected service creates one.</p>;
  }
  return (
    <>
      {database.config.tables.map((table) => (
        <TableView key={table.name} databaseId={database.id} table={table} touched={touched?.get(`${database.id}/${table.name}`)} />
      ))}
    </>
  );
}
