export interface Delivery<M> {
  id: string;
  body: M;
  attempt: number;
}

export interface DeadLetter<M> {
  id: string;
  body: M;
  attempts: number;
  reason: string;
}

export class RetryQueue<M> {
  constructor(options: { maxAttempts: number }) {
    // TODO
  }

  /** Add a message at the back; return its new, unique id. */
  send(body: M): string {
    // TODO
    return "";
  }

  /** Hand out the message at the front, or null when the queue is empty. */
  receive(): Delivery<M> | null {
    // TODO
    return null;
  }

  /** Finish an outstanding delivery. */
  ack(id: string): void {
    // TODO
  }

  /** Report a failed delivery: retry at the back, or dead-letter after maxAttempts failures. */
  nack(id: string, reason = "failed"): "retry" | "dead-lettered" {
    // TODO
    return "retry";
  }

  /** The dead letters, oldest first (a copy). */
  deadLetters(): DeadLetter<M>[] {
    // TODO
    return [];
  }

  /** Move every dead letter back to the queue with its attempts reset; return how many moved. */
  redrive(): number {
    // TODO
    return 0;
  }

  /** Waiting plus outstanding messages. */
  size(): number {
    // TODO
    return 0;
  }
}
