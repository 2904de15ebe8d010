// EXPERIMENT: limit how much each consumer may hold in flight ("prefetch"). Here the broker
// pushes messages to consumers instead of waiting to be asked, the way RabbitMQ does, and
// stops pushing to a consumer once it holds PREFETCH unacked messages. worker-fast needs
// 1 s per message, worker-slow needs 4 s. Time is a virtual clock in whole seconds.

const PREFETCH = 4; // EXPERIMENT: try 1, then 2

type Job = { id: string; orderId: string };

type Consumer = {
  name: string;
  secondsPerMessage: number;
  held: Job[]; // in flight: pushed to this consumer, not yet acked; held[0] is being worked on
  busyUntil: number; // virtual second when held[0] will be finished
  done: string[];
};

class PushQueue {
  private ready: Job[] = [];
  private nextId = 1;

  send(orderId: string): void {
    this.ready.push({ id: `m${this.nextId++}`, orderId });
  }

  isEmpty(): boolean {
    return this.ready.length === 0;
  }

  // Offer messages round-robin to every consumer with room under its prefetch limit.
  dispatch(consumers: Consumer[], now: number): void {
    let pushed = true;
    while (pushed && this.ready.length > 0) {
      pushed = false;
      for (const c of consumers) {
        if (c.held.length >= PREFETCH || this.ready.length === 0) continue;
        const job = this.ready.shift() as Job;
        if (c.held.length === 0) c.busyUntil = now + c.secondsPerMessage;
        c.held.push(job);
        pushed = true;
        console.log(`t=${now}s push ${job.id} -> ${c.name} (holds ${c.held.map((j) => j.id).join(",")})`);
      }
    }
  }
}

const queue = new PushQueue();
for (let i = 1; i <= 8; i += 1) queue.send(`ORD-${i}`);

const consumers: Consumer[] = [
  { name: "worker-fast", secondsPerMessage: 1, held: [], busyUntil: 0, done: [] },
  { name: "worker-slow", secondsPerMessage: 4, held: [], busyUntil: 0, done: [] },
];

let now = 0;
queue.dispatch(consumers, now);
while (!queue.isEmpty() || consumers.some((c) => c.held.length > 0)) {
  now += 1;
  for (const c of consumers) {
    // Finish (and ack) the message at the head of this consumer's buffer.
    if (c.held.length > 0 && c.busyUntil <= now) {
      const job = c.held.shift() as Job;
      c.done.push(job.id);
      if (c.held.length > 0) c.busyUntil = now + c.secondsPerMessage;
    }
  }
  queue.dispatch(consumers, now);
}

for (const c of consumers) console.log(`${c.name} processed ${c.done.length}: ${c.done.join(", ")}`);
console.log(`PREFETCH=${PREFETCH}: all 8 messages acked at t=${now}s`);
