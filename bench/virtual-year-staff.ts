import { Agenda } from './virtual-year-agenda.js';

/**
 * The officials of one role at one authority (or territorial unit) and their work list. An
 * official takes the open work item with the earliest due instant first — the order the back
 * office's work list shows them in — and works on it in office hours only.
 */
export class StaffPool<W> {
  readonly officials: readonly string[];
  readonly #free: string[];
  readonly #waiting = new Agenda<W>();
  /** Whether a wake-up at the next office opening is already on the agenda. */
  wakeScheduled = false;
  /** Office time the officials spent working, in milliseconds. */
  busyMs = 0;
  /** Longest the work list got. */
  peakWaiting = 0;

  constructor(
    readonly authorityId: string,
    readonly role: string,
    size: number,
  ) {
    this.officials = Array.from({ length: size }, (_, i) => `${authorityId}/${role}/${i + 1}`);
    this.#free = [...this.officials].reverse();
  }

  get waiting(): number {
    return this.#waiting.size;
  }

  get freeOfficials(): number {
    return this.#free.length;
  }

  /** Puts a work item on the list, ordered by its due instant (epoch milliseconds). */
  add(dueMs: number, work: W): void {
    this.#waiting.schedule(dueMs, work);
    if (this.#waiting.size > this.peakWaiting) this.peakWaiting = this.#waiting.size;
  }

  /** The most urgent work item, if any. */
  nextWork(): W | undefined {
    return this.#waiting.take()?.item;
  }

  /** A free official, if any (the one freed last: which one does not change the figures). */
  takeOfficial(): string | undefined {
    return this.#free.pop();
  }

  release(official: string): void {
    this.#free.push(official);
  }
}

/** How many officials a role needs to do `workMs` of work a year at `utilisation` of their office time. */
export function officialsFor(workMs: number, officeMsPerYear: number, utilisation: number): number {
  return Math.max(1, Math.ceil(workMs / (officeMsPerYear * utilisation)));
}
