import { TRIGGER_MODE_LABELS, apiServiceOf, componentsOfKind, connectedConsumers, databaseOf, queueOf, type LabTemplate } from "@/lib/lab";
import styles from "./lab-embed.module.css";

/**
 * A static picture of a template's flow for the lesson placeholder: rendered on the server, no JavaScript. It
 * shows what the lab will open with, so the placeholder already teaches the shape of the design.
 */
export function LabPreview({ template }: { template: LabTemplate }) {
  const design = template.design();
  const request = componentsOfKind(design, "user-request")[0];
  const api = request ? apiServiceOf(design, request.id) : undefined;
  const apiDb = api ? databaseOf(design, api.id) : undefined;
  const queue = api ? queueOf(design, api.id) : undefined;
  const consumers = queue ? connectedConsumers(design, queue.id) : [];
  return (
    <figure className={styles.preview}>
      <figcaption>
        <strong>Architecture lab: {template.title}.</strong> {template.summary}
      </figcaption>
      <ol className={styles.flow} aria-label="The flow this lab starts with">
        {request ? (
          <li>
            <span className={styles.box}>
              User Request <code>{`${request.config.method} ${request.config.endpoint}`}</code>
            </span>
          </li>
        ) : null}
        {api ? (
          <li>
            <span className={styles.box}>
              API Service <strong>{api.name}</strong>
              {apiDb ? <small>writes to {apiDb.name}</small> : null}
            </span>
          </li>
        ) : null}
        {queue ? (
          <li>
            <span className={styles.box}>
              Message Queue <strong>{queue.name}</strong>
              <small>
                {TRIGGER_MODE_LABELS[queue.config.triggerMode]} · {consumers.length} consumers
              </small>
            </span>
          </li>
        ) : null}
      </ol>
      {queue && consumers.length > 0 ? (
        <div className={styles.fanout}>
          <span>{queue.name} delivers to:</span>
          <ul className={styles.consumers} aria-label={`Consumers of ${queue.name}`}>
            {consumers.map((c) => {
              const db = databaseOf(design, c.id);
              return (
                <li key={c.id} className={styles.box}>
                  {c.name}
                  {db ? <small>writes to {db.name}</small> : null}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </figure>
  );
}
