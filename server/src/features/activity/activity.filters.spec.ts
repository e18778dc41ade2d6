import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../shared/errors.js';
import { ANONYMOUS } from '../../shared/context.js';
import { Role } from '../../shared/enums.js';
import { SqlParams } from '../../shared/sql-params.js';
import { validateArgs } from '../../shared/validation.js';
import {
  ActivityFilter,
  activityWhere,
  boundingBox,
  EARTH_RADIUS_KM,
  GeoFilter,
  normalizeActivityFilter,
} from './activity.filters.js';
import { ActivitiesArgs } from './activity.resolver.js';

describe('normalizeActivityFilter', () => {
  it('names the bad field', () => {
    const fieldOf = (filter: object) => {
      try {
        normalizeActivityFilter(filter as any);
      } catch (e) {
        expect(e).toBeInstanceOf(BadUserInputError);
        return (e as BadUserInputError).field;
      }
      return undefined;
    };
    expect(fieldOf({ themeId: 'x' })).toBe('filter.themeId');
    expect(fieldOf({ search: 'x'.repeat(201) })).toBe('filter.search');
    expect(fieldOf({ search: 'x'.repeat(200) })).toBeUndefined();
  });

  it('has the ranges of filter.near checked on the input, naming the field', async () => {
    const fieldOf = async (near: { latitude: number; longitude: number; radiusKm: number }) => {
      const args = Object.assign(new ActivitiesArgs(), {
        filter: Object.assign(new ActivityFilter(), { near: Object.assign(new GeoFilter(), near) }),
      });
      try {
        await validateArgs()(args, ActivitiesArgs, {} as any);
      } catch (e) {
        expect(e).toBeInstanceOf(BadUserInputError);
        return (e as BadUserInputError).field;
      }
      return undefined;
    };
    expect(await fieldOf({ latitude: -90.1, longitude: 0, radiusKm: 1 })).toBe('filter.near.latitude');
    expect(await fieldOf({ latitude: 0, longitude: 180.5, radiusKm: 1 })).toBe('filter.near.longitude');
    expect(await fieldOf({ latitude: 0, longitude: 0, radiusKm: Number.NaN })).toBe('filter.near.radiusKm');
    expect(await fieldOf({ latitude: 0, longitude: 0, radiusKm: 0 })).toBe('filter.near.radiusKm');
    expect(await fieldOf({ latitude: 0, longitude: 0, radiusKm: 500.1 })).toBe('filter.near.radiusKm');
    expect(await fieldOf({ latitude: 90, longitude: -180, radiusKm: 500 })).toBeUndefined();
  });

  it('drops blank searches and empty lists, and sorts lists so equal filters have equal keys', () => {
    expect(
      normalizeActivityFilter({ search: ' \u0000 ', audiences: [], formats: ['WALK', 'TALK', 'WALK'] } as any),
    ).toEqual({ formats: ['TALK', 'WALK'] });
  });
});

describe('boundingBox', () => {
  it('contains the circle', () => {
    const box = boundingBox(56, 10, 10);
    const dLat = (10 / EARTH_RADIUS_KM) * (180 / Math.PI);
    expect(box.maxLat - 56).toBeCloseTo(dLat, 9);
    // At 56° N a degree of longitude is ~62 km: 10 km is ~0.16°.
    expect(box.maxLon! - 10).toBeGreaterThan(0.16);
    expect(box.maxLon! - 10).toBeLessThan(0.17);
  });

  it('drops longitude bounds near the poles and across the antimeridian', () => {
    expect(boundingBox(89.99, 0, 50).minLon).toBeUndefined();
    expect(boundingBox(0, 179.99, 50).minLon).toBeUndefined();
  });
});

describe('activityWhere', () => {
  it('joins library and municipality only when a filter needs them, and restricts anonymous callers', () => {
    const p = new SqlParams();
    const plain = activityWhere(ANONYMOUS, { formats: ['WALK' as any] }, p);
    expect(plain.joins).toBe('');
    expect(plain.conditions.join(' ')).toContain("status <> 'DRAFT'");
    const region = activityWhere(ANONYMOUS, { region: 'NORDJYLLAND' as any }, new SqlParams());
    expect(region.joins).toContain('JOIN library l');
    expect(region.joins).toContain('JOIN municipality m');
    const coordinator = activityWhere({ ...ANONYMOUS, role: Role.COORDINATOR }, {}, new SqlParams());
    expect(coordinator.conditions).toEqual([]);
  });
});
