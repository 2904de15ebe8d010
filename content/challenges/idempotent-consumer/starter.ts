export type Handler<M> = (id: string, message: M) => void | Promise<void>;

export class IdempotentConsumer<M> {
  constructor(handler: Handler<M>, windowSize: number) {
    // TODO
  }

  /** Run the handler unless `id` is remembered or in progress; resolve true if it ran and succeeded. */
  async handle(id: string, message: M): Promise<boolean> {
    // TODO
    return false;
  }

  /** How many processed ids are remembered. */
  remembered(): number {
    // TODO
    return 0;
  }
}
