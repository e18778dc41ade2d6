import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import type { ThemeListQuery, ThemeStatus } from './__generated__/graphql.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const THEME_PAGE = graphql(`
  query SpineThemePage($slug: String!) {
    theme(slug: $slug) {
      id
      number
      slug
      title
      summary
      description
      year
      startWeek
      endWeek
      startsOn
      endsOn
      status
      registrationOpen
      focusAreas
      image {
        url
        alt
        credit
      }
      partners {
        role
        partner {
          id
          name
          kind
          scope
          website
          municipality {
            code
          }
        }
      }
      materials {
        id
        kind
        title
        creator
        isbn
        url
        audiences
      }
    }
  }
`);

describe('themes', () => {
  it('serves Tema 11 "Vores natur" with its derived dates, status and partners', async () => {
    const { theme } = await server.ok(THEME_PAGE, { slug: 'vores-natur' });
    if (!theme) throw new Error('no Tema 11');
    expect(theme).toMatchObject({
      number: 11,
      slug: 'vores-natur',
      title: 'Vores natur',
      year: 2020,
      startWeek: 16,
      endWeek: 20,
      startsOn: '2020-04-13',
      endsOn: '2020-05-17',
      status: 'ENDED',
      registrationOpen: false,
    });
    expect(theme.focusAreas).toHaveLength(6);
    expect(theme.image!.alt.length).toBeGreaterThan(0);
    const dr = theme.partners.find((p) => p.partner.name === 'DR');
    expect(dr).toMatchObject({ role: 'mediepartner', partner: { kind: 'MEDIA', scope: 'NATIONAL' } });
    const names = theme.partners.map((p) => p.partner.name);
    expect(names).toEqual(expect.arrayContaining(['Friluftsrådet', 'Naturstyrelsen']));
    expect(theme.materials.length).toBeGreaterThan(3);
  });

  it('answers null for an unknown slug', async () => {
    const { theme } = await server.ok(THEME_PAGE, { slug: 'findes-ikke' });
    expect(theme).toBeNull();
  });

  it('lists themes newest first with working cursors and status filters', async () => {
    const all = await server.ok(
      graphql(`
        query AllThemes {
          themes(first: 100) {
            totalCount
            edges {
              cursor
              node {
                number
                status
                startsOn
                endsOn
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      `),
    );
    const numbers = all.themes.edges.map((e) => e.node.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(all.themes.totalCount).toBe(numbers.length);
    expect(all.themes.pageInfo.hasNextPage).toBe(false);

    const walked: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: ThemeListQuery = await server.ok(
        graphql(`
          query ThemeList($after: String) {
            themes(first: 2, after: $after) {
              totalCount
              edges {
                node {
                  number
                }
              }
              pageInfo {
                hasNextPage
                endCursor
              }
            }
          }
        `),
        { after },
      );
      walked.push(...page.themes.edges.map((e) => e.node.number));
      expect(page.themes.totalCount).toBe(numbers.length);
      if (!page.themes.pageInfo.hasNextPage) break;
      after = page.themes.pageInfo.endCursor;
    }
    expect(walked).toEqual(numbers);

    for (const status of ['UPCOMING', 'ACTIVE', 'ENDED'] satisfies ThemeStatus[]) {
      const res = await server.ok(
        graphql(`
          query ThemesByStatus($s: ThemeStatus) {
            themes(status: $s, first: 100) {
              totalCount
              edges {
                node {
                  status
                }
              }
            }
          }
        `),
        { s: status },
      );
      const expected = all.themes.edges.filter((e) => e.node.status === status).length;
      expect(res.themes.totalCount).toBe(expected);
      expect(res.themes.edges.every((e) => e.node.status === status)).toBe(true);
    }
    expect(all.themes.edges.some((e) => e.node.status === 'UPCOMING')).toBe(true);
  });

  it('rejects a page size over 100 and a malformed cursor with BAD_USER_INPUT', async () => {
    const big = await server.gql(`{ themes(first: 101) { totalCount } }`);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const bad = await server.gql(`{ themes(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('picks the current theme: active, else next upcoming, else last ended', async () => {
    const { currentTheme, themes } = await server.ok(
      graphql(`
        query CurrentTheme {
          currentTheme {
            number
            status
            startsOn
          }
          themes(first: 100) {
            edges {
              node {
                number
                status
                startsOn
                endsOn
              }
            }
          }
        }
      `),
    );
    const nodes = themes.edges.map((e) => e.node);
    const active = nodes.filter((t) => t.status === 'ACTIVE');
    const upcoming = nodes.filter((t) => t.status === 'UPCOMING').sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    const ended = nodes.filter((t) => t.status === 'ENDED').sort((a, b) => b.endsOn.localeCompare(a.endsOn));
    const expected = active[0] ?? upcoming[0] ?? ended[0];
    expect(expected).toBeDefined();
    expect(currentTheme?.number).toBe(expected?.number);
  });
});

describe('reference data', () => {
  it('has the 98 municipalities with official codes and the 5 regions', async () => {
    const data = await server.ok(
      graphql(`
        query ReferenceData {
          municipalities {
            code
            name
            region
            libraries {
              isil
              name
            }
          }
          regions {
            code
            name
            officialCode
            municipalities {
              code
            }
          }
        }
      `),
    );
    expect(data.municipalities).toHaveLength(98);
    expect(data.regions).toHaveLength(5);
    const aalborg = data.municipalities.find((m) => m.code === 851);
    expect(aalborg).toMatchObject({ name: 'Aalborg', region: 'NORDJYLLAND' });
    expect(aalborg?.libraries.map((l) => l.isil)).toContain('DK-785100');
    expect(data.municipalities.find((m) => m.code === 101)).toMatchObject({ name: 'København', region: 'HOVEDSTADEN' });
    const perRegion = data.regions.reduce((n, r) => n + r.municipalities.length, 0);
    expect(perRegion).toBe(98);
    const nordjylland = await server.ok(
      graphql(`
        query NordjyllandMunicipalities {
          municipalities(region: NORDJYLLAND) {
            code
            region
          }
        }
      `),
    );
    expect(nordjylland.municipalities.length).toBe(11);
    expect(nordjylland.municipalities.every((m) => m.region === 'NORDJYLLAND')).toBe(true);
  });
});

describe('notices', () => {
  it('shows only notices valid now', async () => {
    const { activeNotices } = await server.ok(
      graphql(`
        query ActiveNotices {
          activeNotices {
            title
            body
            link
            validFrom
            validUntil
          }
        }
      `),
    );
    const now = Date.now();
    expect(activeNotices.length).toBeGreaterThan(0);
    for (const n of activeNotices) {
      expect(Date.parse(n.validFrom)).toBeLessThanOrEqual(now);
      if (n.validUntil) expect(Date.parse(n.validUntil)).toBeGreaterThan(now);
    }
    // The 2020 notice about the Facebook group expired on 30 March 2020.
    expect(activeNotices.some((n) => /Facebook/i.test(n.title + n.body))).toBe(false);
  });
});
