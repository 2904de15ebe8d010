import styles from "./lab-loading.module.css";

/** What stands where the lab will be while its chunk downloads, on /lab and inside a lesson. */
export function LabLoading({ variant }: { variant: "page" | "embed" }) {
  return (
    <div className={styles.loading} data-variant={variant} aria-busy="true">
      <p>Loading the lab…</p>
    </div>
  );
}
