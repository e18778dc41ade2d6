import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import type { CreateThemeInput } from './__generated__/graphql.js';
import { startTestServer, type Operation, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = (await issueToken(server.db, 'COORDINATOR', { name: 'Koordinator Aalborg' })).token;
});
afterAll(async () => {
  await server?.stop();
});

const CREATE_THEME = graphql(`
  mutation CoordinatorCreateTheme($input: CreateThemeInput!) {
    createTheme(input: $input) {
      id
      number
      slug
      title
      startsOn
      endsOn
      status
      registrationOpen
      focusAreas
      image {
        url
        alt
      }
      partners {
        role
        partner {
          id
        }
      }
    }
  }
`);
const themeInput = (extra: Partial<CreateThemeInput> = {}): CreateThemeInput => ({
  number: 27,
  slug: 'lys-og-moerke',
  title: 'Lys og mørke',
  summary: 'Om lys.',
  description: 'Om lys og mørke i Norden.',
  year: 2028,
  startWeek: 44,
  endWeek: 47,
  focusAreas: ['PUBLIC_DEBATE', 'PUBLIC_DEBATE', 'DIGITAL_OUTREACH'],
  registrationOpensAt: '2028-03-01T09:00:00+01:00',
  registrationClosesAt: '2028-09-01T00:00:00+02:00',
  image: { url: 'https://temahub.example/lys.jpg', alt: 'Et stearinlys i et mørkt vindue' },
  ...extra,
});

async function expectError<R, V>(operation: Operation<R, V>, variables: V, code: string, field?: string) {
  const res = await server.gql(operation, variables, { token });
  expect(res.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code, ...(field ? { field } : {}) });
  return res.errors![0]!;
}

describe('themes', () => {
  it('creates a theme with derived dates, then updates it; a taken number or slug is CONFLICT', async () => {
    const { createTheme: t } = await server.ok(CREATE_THEME, { input: themeInput() }, { token });
    expect(t).toMatchObject({
      number: 27,
      slug: 'lys-og-moerke',
      startsOn: '2028-10-30',
      endsOn: '2028-11-26',
      status: 'UPCOMING',
      focusAreas: ['PUBLIC_DEBATE', 'DIGITAL_OUTREACH'],
    });
    await expectError(CREATE_THEME, { input: themeInput({ slug: 'andet' }) }, 'CONFLICT', 'input.number');
    await expectError(CREATE_THEME, { input: themeInput({ number: 28 }) }, 'CONFLICT', 'input.slug');
    await expectError(CREATE_THEME, { input: themeInput({ number: 11, slug: 'vores-natur' }) }, 'CONFLICT');

    const UPDATE = graphql(`
      mutation CoordinatorUpdate($id: ID!, $input: UpdateThemeInput!) {
        updateTheme(id: $id, input: $input) {
          title
          startWeek
          endWeek
          endsOn
          registrationClosesAt
        }
      }
    `);
    const { updateTheme } = await server.ok(
      UPDATE,
      { id: t.id, input: { title: 'Lys og mørke i Norden', endWeek: 48, registrationClosesAt: null } },
      { token },
    );
    expect(updateTheme).toMatchObject({
      title: 'Lys og mørke i Norden',
      endWeek: 48,
      endsOn: '2028-12-03',
      registrationClosesAt: null,
    });
    await expectError(UPDATE, { id: t.id, input: { startWeek: 49 } }, 'BAD_USER_INPUT', 'input.endWeek');
    await expectError(UPDATE, { id: t.id, input: { title: null } }, 'BAD_USER_INPUT', 'input.title');
    await expectError(UPDATE, { id: t.id, input: { slug: 'vores-natur' } }, 'CONFLICT', 'input.slug');
    await expectError(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: { title: 'x' } }, 'NOT_FOUND', 'id');

    const events: { action: string; actor_name: string; changes: Record<string, unknown> }[] = await server.db.query(
      `SELECT action, actor_name, changes FROM audit_event WHERE entity_type = 'Theme' AND entity_id = $1 ORDER BY id`,
      [t.id],
    );
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(events[1]!.changes).toMatchObject({
      title: { before: 'Lys og mørke', after: 'Lys og mørke i Norden' },
      endWeek: { before: 47, after: 48 },
    });
    expect(Object.keys(events[1]!.changes).sort()).toEqual(['endWeek', 'registrationClosesAt', 'title']);
  });

  it('validates theme input', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ slug: 'Store Bogstaver' }, 'input.slug'],
      [{ slug: '-kant-' }, 'input.slug'],
      [{ number: 0 }, 'input.number'],
      [{ year: 1999 }, 'input.year'],
      [{ startWeek: 54 }, 'input.startWeek'],
      [{ startWeek: 10, endWeek: 9 }, 'input.endWeek'],
      [{ year: 2027, startWeek: 50, endWeek: 53 }, 'input.endWeek'],
      [{ registrationClosesAt: '2028-02-01T00:00:00Z' }, 'input.registrationClosesAt'],
      [{ title: ' ' }, 'input.title'],
      [{ image: { url: 'https://x.example/a.jpg', alt: '' } }, 'input.image.alt'],
      [{ image: { url: 'javascript:alert(1)', alt: 'Et billede' } }, 'input.image.url'],
    ];
    for (const [extra, field] of cases)
      await expectError(
        CREATE_THEME,
        { input: themeInput({ number: 300, slug: 'validering', ...extra }) },
        'BAD_USER_INPUT',
        field,
      );
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM theme WHERE number = 300`);
    expect(n).toBe(0);
  });
});

describe('partners', () => {
  const CREATE = graphql(`
    mutation CoordinatorCreate($input: CreatePartnerInput!) {
      createPartner(input: $input) {
        id
        name
        kind
        scope
        website
        municipality {
          code
          name
        }
      }
    }
  `);
  const UPDATE = graphql(`
    mutation CoordinatorUpdatePartner($id: ID!, $input: UpdatePartnerInput!) {
      updatePartner(id: $id, input: $input) {
        name
        website
        description
      }
    }
  `);

  it('creates and updates partners, links one to a theme, and refuses duplicates', async () => {
    const { createPartner: p } = await server.ok(
      CREATE,
      {
        input: {
          name: 'Aarhus Stadsarkiv',
          kind: 'ARCHIVE',
          scope: 'LOCAL',
          municipalityCode: 751,
          website: 'https://stadsarkiv.example',
        },
      },
      { token },
    );
    expect(p).toMatchObject({ kind: 'ARCHIVE', scope: 'LOCAL', municipality: { code: 751, name: 'Aarhus' } });
    await expectError(
      CREATE,
      { input: { name: 'aarhus stadsarkiv', kind: 'ARCHIVE', scope: 'LOCAL', municipalityCode: 751 } },
      'CONFLICT',
      'input.name',
    );
    await expectError(
      CREATE,
      { input: { name: 'Lokal uden kommune', kind: 'SCHOOL', scope: 'LOCAL' } },
      'BAD_USER_INPUT',
      'input.municipalityCode',
    );
    await expectError(
      CREATE,
      { input: { name: 'Ukendt kommune', kind: 'SCHOOL', scope: 'LOCAL', municipalityCode: 999 } },
      'BAD_USER_INPUT',
      'input.municipalityCode',
    );
    await expectError(
      CREATE,
      { input: { name: 'Dårligt link', kind: 'OTHER', scope: 'NATIONAL', website: 'www.uden-protokol.dk' } },
      'BAD_USER_INPUT',
      'input.website',
    );

    const { updatePartner } = await server.ok(
      UPDATE,
      { id: p.id, input: { description: 'Byens hukommelse', website: null } },
      { token },
    );
    expect(updatePartner).toEqual({ name: 'Aarhus Stadsarkiv', website: null, description: 'Byens hukommelse' });
    await expectError(
      UPDATE,
      { id: p.id, input: { scope: 'LOCAL', municipalityCode: null } },
      'BAD_USER_INPUT',
      'input.municipalityCode',
    );

    const [theme] = await server.db.query(`SELECT id FROM theme WHERE number = 25`);
    const LINK = graphql(`
      mutation CoordinatorLink($t: ID!, $p: ID!, $r: String!) {
        addThemePartner(themeId: $t, partnerId: $p, role: $r) {
          partners {
            role
            partner {
              id
            }
          }
        }
      }
    `);
    const linked = (await server.ok(LINK, { t: theme.id, p: p.id, r: 'arkivpartner' }, { token })).addThemePartner;
    expect(linked.partners).toContainEqual({ role: 'arkivpartner', partner: { id: p.id } });
    const relinked = (await server.ok(LINK, { t: theme.id, p: p.id, r: 'vidensparter' }, { token })).addThemePartner;
    expect(relinked.partners.filter((l) => l.partner.id === p.id)).toEqual([
      { role: 'vidensparter', partner: { id: p.id } },
    ]);
    await expectError(LINK, { t: theme.id, p: p.id, r: '' }, 'BAD_USER_INPUT', 'role');
    await expectError(
      LINK,
      { t: theme.id, p: '00000000-0000-4000-8000-000000000000', r: 'x' },
      'NOT_FOUND',
      'partnerId',
    );
  });
});

describe('notices and libraries', () => {
  it('creates a notice and validates its window and link', async () => {
    const CREATE = graphql(`
      mutation CoordinatorCreateNotice($input: CreateNoticeInput!) {
        createNotice(input: $input) {
          id
          title
          link
          validFrom
          validUntil
        }
      }
    `);
    const now = Date.now();
    const input = {
      title: 'Spørgsmål?',
      body: 'Skriv i Facebook-gruppen.',
      link: 'https://facebook.example/temasamarbejdet',
      validFrom: new Date(now - 60_000).toISOString(),
      validUntil: new Date(now + 86_400_000).toISOString(),
    };
    const { createNotice } = await server.ok(CREATE, { input }, { token });
    const { activeNotices } = await server.ok(
      graphql(`
        query CoordinatorActiveNotices {
          activeNotices {
            id
          }
        }
      `),
    );
    expect(activeNotices.map((n) => n.id)).toContain(createNotice.id);
    await expectError(
      CREATE,
      { input: { ...input, validUntil: input.validFrom } },
      'BAD_USER_INPUT',
      'input.validUntil',
    );
    await expectError(CREATE, { input: { ...input, link: 'ftp://x.example' } }, 'BAD_USER_INPUT', 'input.link');
    await expectError(CREATE, { input: { ...input, body: '' } }, 'BAD_USER_INPUT', 'input.body');
  });

  it('creates a library; a taken ISIL is CONFLICT and the ISIL must match the municipality', async () => {
    const CREATE = graphql(`
      mutation CoordinatorCreateLibrary($input: CreateLibraryInput!) {
        createLibrary(input: $input) {
          id
          isil
          name
          isCentralLibrary
          location {
            latitude
            longitude
          }
          municipality {
            code
          }
        }
      }
    `);
    const input = {
      name: 'Gellerup Bibliotek',
      municipalityCode: 751,
      isil: 'DK-775199',
      postalCode: '8220',
      city: 'Brabrand',
      latitude: 56.155,
      longitude: 10.136,
      email: 'gellerup@bibliotek.example',
    };
    const { createLibrary } = await server.ok(CREATE, { input }, { token });
    expect(createLibrary).toMatchObject({
      isil: 'DK-775199',
      isCentralLibrary: false,
      municipality: { code: 751 },
      location: { latitude: 56.155, longitude: 10.136 },
    });
    await expectError(CREATE, { input: { ...input, name: 'Dublet' } }, 'CONFLICT', 'input.isil');
    await expectError(CREATE, { input: { ...input, isil: 'DK-785198' } }, 'BAD_USER_INPUT', 'input.isil');
    await expectError(CREATE, { input: { ...input, isil: 'DK-1234' } }, 'BAD_USER_INPUT', 'input.isil');
    await expectError(
      CREATE,
      { input: { ...input, isil: null, municipalityCode: 999 } },
      'BAD_USER_INPUT',
      'input.municipalityCode',
    );
    await expectError(
      CREATE,
      { input: { ...input, isil: null, longitude: null } },
      'BAD_USER_INPUT',
      'input.longitude',
    );
    await expectError(
      CREATE,
      { input: { ...input, isil: null, email: 'ikke en mail' } },
      'BAD_USER_INPUT',
      'input.email',
    );
    await expectError(
      CREATE,
      { input: { ...input, isil: null, postalCode: '82200' } },
      'BAD_USER_INPUT',
      'input.postalCode',
    );
  });
});
