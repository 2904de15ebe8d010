/** Small constructors that keep the tour scripts readable. */
import { getScenario, type Beat, type ConsumerConfig, type SimAction } from "@/lib/sim";

export function at(atMs: number, action: SimAction): Beat {
  return { atMs, action };
}

/** A producer publishes one message now (its own label, key generator and target). */
export function publishAt(atMs: number, producerId: string, extra: { key?: string; poison?: boolean } = {}): Beat {
  return at(atMs, { type: "publish", producerId, ...extra });
}

/**
 * An `add-consumer` beat for a copy of one of the preset's consumers under a new id and name, as
 * the "add a worker" control would build it; written out because a script cannot read state.
 */
export function addConsumerLike(atMs: number, presetId: string, templateId: string, id: string, name: string): Beat {
  const template = getScenario(presetId).config.consumers?.find((c) => c.id === templateId);
  if (!template) throw new RangeError(`preset "${presetId}" has no consumer "${templateId}"`);
  const consumer: ConsumerConfig = { ...template, id, name };
  return at(atMs, { type: "add-consumer", consumer });
}
