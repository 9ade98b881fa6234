/**
 * Human durations for configuration: "90s", "5m", "7d", "1h30m", "250ms".
 * A bare number is rejected on purpose: "5" could mean seconds or minutes, and a
 * misread sync delay or invitation lifetime is exactly the bug we want to refuse at start-up.
 */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;

export function parseDuration(text: string): number | undefined {
  const input = text.trim().toLowerCase();
  if (input === '') return undefined;
  if (input === '0') return 0;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(input); match; match = PART.exec(input)) {
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    consumed = PART.lastIndex;
  }
  return consumed === input.length ? Math.round(total) : undefined;
}

/** "1d,3d" -> [86400000, 259200000]; each entry is an offset from the invitation. "none" -> []. */
export function parseDurationList(text: string): number[] | undefined {
  if (text.trim() === '' || text.trim().toLowerCase() === 'none') return [];
  const parts = text.split(',').map((part) => parseDuration(part));
  return parts.every((ms): ms is number => ms !== undefined) ? parts : undefined;
}

export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const units: [string, number][] = [
    ['d', UNIT_MS.d],
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
  ];
  let rest = ms;
  let out = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return rest > 0 ? `${out}${rest}ms` : out;
}
