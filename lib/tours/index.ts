/** Every visual model's guided tour, by model id. */
import { deadLetterTour } from "./dead-letter";
import { deliveryGuaranteesTour } from "./delivery-guarantees";
import { messageQueueTour } from "./message-queue";
import { partitionsTour } from "./partitions";
import { pointToPointTour } from "./point-to-point";
import { pubSubTour } from "./pub-sub";
import type { Tour, VisualModelId } from "./types";
import { workQueueTour } from "./work-queue";

export const tours: Record<VisualModelId, Tour> = {
  "message-queue": messageQueueTour,
  "point-to-point": pointToPointTour,
  "pub-sub": pubSubTour,
  "work-queue": workQueueTour,
  "delivery-guarantees": deliveryGuaranteesTour,
  "dead-letter": deadLetterTour,
  partitions: partitionsTour,
};

export { VISUAL_MODEL_IDS, type Tour, type TourStep, type VisualModelId } from "./types";
export { playTo, stepEndState, stepStartState, tourStateAt } from "./run";
