export interface Received<M> {
  messageId: string;
  receiptId: string;
  body: M;
  receiveCount: number;
}

export interface AckQueueOptions {
  visibilityTimeoutMs: number;
  clock: () => number;
}

export class AckQueue<M> {
  constructor(options: AckQueueOptions) {
    // TODO
  }

  /** Store a message; return its new, unique id. */
  send(body: M): string {
    // TODO
    return "";
  }

  /** The earliest-sent visible message, now hidden for the visibility timeout; null if none is visible. */
  receive(): Received<M> | null {
    // TODO
    return null;
  }

  /** Delete the message if `receiptId` is its current, unexpired receipt. */
  ack(receiptId: string): boolean {
    // TODO
    return false;
  }

  /** Heartbeat: hide the message for another full timeout, counted from now. */
  extend(receiptId: string): boolean {
    // TODO
    return false;
  }

  /** Messages not yet acked. */
  size(): number {
    // TODO
    return 0;
  }

  /** Messages currently hidden. */
  inFlight(): number {
    // TODO
    return 0;
  }
}
