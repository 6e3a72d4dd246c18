// Main-thread long tasks (over 50 ms: a page that cannot answer a tap or scroll in time), seen by
// a PerformanceObserver. Only the page's own thread reports them, not its Workers.

/** A long task's span on the page's clock, in milliseconds. */
export interface LongTask {
  readonly start: number;
  readonly duration: number;
}

/** A span of time spent on one method's call. */
export interface Span {
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

/** Records the long tasks between `start()` and `stop()`. */
export class LongTaskRecorder {
  readonly #tasks: LongTask[] = [];
  readonly #observer = new PerformanceObserver((list) => this.#add(list.getEntries()));

  start(): void {
    // Not buffered: long tasks from before (generating the photos) are not the batch's.
    this.#observer.observe({ type: 'longtask', buffered: false });
  }

  /** Stops, after the entries of the tasks that just ended have been delivered; returns them all. */
  async stop(): Promise<LongTask[]> {
    // An entry is queued after its task ends; give the queue a turn to deliver it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    this.#add(this.#observer.takeRecords());
    this.#observer.disconnect();
    return [...this.#tasks];
  }

  #add(entries: readonly PerformanceEntry[]): void {
    for (const entry of entries) this.#tasks.push({ start: entry.startTime, duration: entry.duration });
  }
}

/**
 * Gives each long task to the span it overlaps most, not to the one it starts in: a method's call
 * begins inside a task that started a moment earlier (the one resumed after the pause), and its
 * synchronous work belongs to the method. Tasks that overlap no span come back under `undefined`.
 */
export function attribute(tasks: readonly LongTask[], spans: readonly Span[]): Map<string | undefined, LongTask[]> {
  const byLabel = new Map<string | undefined, LongTask[]>();
  for (const task of tasks) {
    let best: Span | undefined;
    let bestOverlap = 0;
    for (const span of spans) {
      const overlap = Math.min(span.end, task.start + task.duration) - Math.max(span.start, task.start);
      if (overlap > bestOverlap) {
        best = span;
        bestOverlap = overlap;
      }
    }
    const label = best?.label;
    byLabel.set(label, [...(byLabel.get(label) ?? []), task]);
  }
  return byLabel;
}
