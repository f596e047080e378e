// The idle lock's eyes in the window: activity is reported to the app,
// which owns the clock (src-tauri/src/state.rs) and locks even if this page
// stops running. Reports are throttled so typing costs nothing.

export interface IdleReporter {
  /** Call on any key, pointer or wheel event. */
  activity(now?: number): void;
}

/** Report at most once per `every` ms; `report` is the `still_here` command. */
export function idleReporter(report: () => void, every: number): IdleReporter {
  let last = -Infinity;
  return {
    activity(now = Date.now()) {
      if (now - last >= every) {
        last = now;
        report();
      }
    },
  };
}

/** How often to report for an idle limit: a quarter of it, between 1 s and 30 s. */
export function reportInterval(idleSeconds: number): number {
  return Math.min(30_000, Math.max(1_000, (idleSeconds * 1000) / 4));
}
