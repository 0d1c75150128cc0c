/** A clock a check moves by hand: time is controlled, never waited for. */
export function manualClock(start = '2024-03-01T09:00:00.250Z') {
  let now = Date.parse(start);
  return {
    clock: () => new Date(now),
    iso: () => new Date(now).toISOString(),
    tick: (ms = 1000) => {
      now += ms;
    },
  };
}

export type ManualClock = ReturnType<typeof manualClock>;
