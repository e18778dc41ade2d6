import { describe, expect, it, vi } from 'vitest';
import { Admission } from './admission.js';

describe('admission', () => {
  it('runs at most `limit` at once and admits the waiting in arrival order as others finish', () => {
    const admission = new Admission(2, 10, 0);
    const order: string[] = [];
    const releases = new Map<string, () => void>();
    for (const name of ['a', 'b', 'c', 'd']) {
      admission.enter(
        (release) => {
          order.push(name);
          releases.set(name, release);
        },
        () => order.push(`refused ${name}`),
      );
    }
    expect(order).toEqual(['a', 'b']);
    expect([admission.active, admission.queued]).toEqual([2, 2]);
    releases.get('b')!();
    releases.get('b')!(); // a second release changes nothing
    expect(order).toEqual(['a', 'b', 'c']);
    releases.get('a')!();
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    releases.get('c')!();
    releases.get('d')!();
    expect([admission.active, admission.queued]).toEqual([0, 0]);
  });

  it('refuses when the queue is full, and a request that waited too long', () => {
    vi.useFakeTimers();
    try {
      const admission = new Admission(1, 1, 1_000);
      const events: string[] = [];
      const enter = (name: string) =>
        admission.enter(
          () => events.push(name),
          () => events.push(`refused ${name}`),
        );
      enter('a');
      enter('b');
      enter('c');
      expect(events).toEqual(['a', 'refused c']);
      vi.advanceTimersByTime(1_000);
      expect(events).toEqual(['a', 'refused c', 'refused b']);
      expect(admission.queued).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
