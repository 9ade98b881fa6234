import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseDurationList } from '../../config/durations.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['7d', 604_800_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1_500],
    [' 2W ', 1_209_600_000],
    ['0', 0],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '5', 'five minutes', '5 m', '5mm', '-5m', '5y', 'm5'])('refuses %j', (text) => expect(parseDuration(text)).toBeUndefined());
});

describe('parseDurationList', () => {
  it('reads comma-separated offsets', () => expect(parseDurationList('1d, 3d')).toEqual([86_400_000, 259_200_000]));
  it('is empty for an empty schedule or "none"', () => {
    expect(parseDurationList('')).toEqual([]);
    expect(parseDurationList('none')).toEqual([]);
  });
  it('refuses a list with one bad entry', () => expect(parseDurationList('1d,soon')).toBeUndefined());
});

describe('formatDuration', () => {
  it('round-trips', () => {
    for (const text of ['5m', '7d', '1h30m', '90s', '250ms']) expect(parseDuration(formatDuration(parseDuration(text)!))).toBe(parseDuration(text));
  });
});
