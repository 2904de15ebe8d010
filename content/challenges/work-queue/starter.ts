export interface Assignment<M> {
  consumerId: string;
  message: M;
}

export class WorkQueue<M> {
  /** Add an idle consumer at the end of the rotation; throws if the id is taken. */
  addConsumer(id: string): void {
    // TODO
  }

  /** Unregister a consumer; its unfinished message goes back to the front of the backlog. */
  removeConsumer(id: string): void {
    // TODO
  }

  /** Put a message at the back of the backlog. */
  publish(message: M): void {
    // TODO
  }

  /** Assign waiting messages to idle consumers, starting at the rotation cursor. */
  dispatch(): Assignment<M>[] {
    // TODO
    return [];
  }

  /** Finish the consumer's message, make it idle, and return the message. */
  complete(consumerId: string): M {
    // TODO
    throw new Error("not implemented");
  }

  /** Messages waiting in the backlog. */
  pending(): number {
    // TODO
    return 0;
  }

  /** Messages assigned and not yet completed. */
  inFlight(): number {
    // TODO
    return 0;
  }
}
