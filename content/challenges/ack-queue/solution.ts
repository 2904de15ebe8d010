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

interface StoredMessage<M> {
  id: string;
  body: M;
  receiveCount: number;
  /** Hidden while clock() < visibleAt; 0 for a message never received. */
  visibleAt: number;
  receipt: string | null;
}

export class AckQueue<M> {
  private readonly timeoutMs: number;
  private readonly clock: () => number;
  /** Unacked messages in send order: redelivery keeps a message's original place. */
  private messages = new Map<string, StoredMessage<M>>();
  /** receipt id -> message id, for the current receipt of each hidden message only. */
  private receipts = new Map<string, string>();
  private nextMessage = 1;
  private nextReceipt = 1;

  constructor(options: AckQueueOptions) {
    this.timeoutMs = options.visibilityTimeoutMs;
    this.clock = options.clock;
  }

  send(body: M): string {
    const id = `m${this.nextMessage++}`;
    this.messages.set(id, { id, body, receiveCount: 0, visibleAt: 0, receipt: null });
    return id;
  }

  receive(): Received<M> | null {
    const now = this.clock();
    for (const message of this.messages.values()) {
      if (message.receipt !== null && now < message.visibleAt) continue;
      if (message.receipt !== null) this.receipts.delete(message.receipt);
      const receipt = `r${this.nextReceipt++}`;
      message.receipt = receipt;
      message.receiveCount++;
      message.visibleAt = now + this.timeoutMs;
      this.receipts.set(receipt, message.id);
      return { messageId: message.id, receiptId: receipt, body: message.body, receiveCount: message.receiveCount };
    }
    return null;
  }

  /** The message `receiptId` currently hides, or undefined when the receipt is unknown, replaced or expired. */
  private holder(receiptId: string): StoredMessage<M> | undefined {
    const messageId = this.receipts.get(receiptId);
    if (messageId === undefined) return undefined;
    const message = this.messages.get(messageId);
    if (!message || message.receipt !== receiptId || this.clock() >= message.visibleAt) return undefined;
    return message;
  }

  ack(receiptId: string): boolean {
    const message = this.holder(receiptId);
    if (!message) return false;
    this.receipts.delete(receiptId);
    this.messages.delete(message.id);
    return true;
  }

  extend(receiptId: string): boolean {
    const message = this.holder(receiptId);
    if (!message) return false;
    message.visibleAt = this.clock() + this.timeoutMs;
    return true;
  }

  size(): number {
    return this.messages.size;
  }

  inFlight(): number {
    const now = this.clock();
    let hidden = 0;
    for (const message of this.messages.values()) if (message.receipt !== null && now < message.visibleAt) hidden++;
    return hidden;
  }
}
