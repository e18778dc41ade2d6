// The coordinators' dashboard: one theme's figures as charts, a map and tables. Every number comes
// from the coordinator SDK (themeReport first; registrations, libraries and activities where the
// report has no such figure); the charts and the tables under them draw on the same arrays.
import {
  createClient as createCoordinatorClient,
  TemahubError,
  type CoordinatorClient,
  type LibraryLocationsQuery,
  type ThemeActivityFactsQuery,
  type ThemeListQuery,
  type ThemeRegistrationsQuery,
  type ThemeReportQuery,
} from '@temahub/coordinator';
import { createClient as createPartnerClient } from '@temahub/partner-site';
import { AUDIENCES, CHANNELS, FORMATS, REGIONS } from '@temahub/embed/labels';
import { barChart, doughnutChart, lineChart, destroyCharts } from './charts.js';
import { csvFile, download } from './csv.js';
import { drawMap, MAP_COLOURS, type MunicipalityMark } from './map.js';

type Theme = ThemeListQuery['themes']['edges'][number]['node'];
type Report = ThemeReportQuery['themeReport'];
type Registration = NonNullable<
  NonNullable<ThemeRegistrationsQuery['theme']>['registrations']
>['edges'][number]['node'];
type LibraryLocation = LibraryLocationsQuery['libraries']['edges'][number]['node'];
type ActivityFact = ThemeActivityFactsQuery['activities']['edges'][number]['node'];

/** sessionStorage only: the token lives as long as the tab, never in a URL or on disk. */
const TOKEN_KEY = 'temahub.coordinatorToken';
const API = new URL('/graphql', location.href).href;
const PAGE = 100;
const DAY_MS = 86_400_000;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const number = new Intl.NumberFormat('da-DK');
const dateTime = new Intl.DateTimeFormat('da-DK', { dateStyle: 'medium', timeZone: 'Europe/Copenhagen' });

let coordinator: CoordinatorClient | undefined;
let themes: Theme[] = [];
let libraries: LibraryLocation[] | undefined;
let municipalities: { code: number; name: string; region: string }[] | undefined;
/** Answers to a theme that is no longer chosen are dropped. */
let generation = 0;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | undefined> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) el.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined) el.append(child);
  return el;
}

function setMessage(id: string, text: string, error = false): void {
  const el = $(id);
  el.textContent = text;
  el.classList.toggle('error', error);
}

/** Every page of a connection, `first` at a time. */
async function allPages<N>(
  fetchPage: (
    after: string | null,
  ) => Promise<
    { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: N }[] } | null | undefined
  >,
): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(after);
    if (!page) return nodes;
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    after = page.pageInfo.endCursor;
  }
}

function messageFor(error: unknown): string {
  if (error instanceof TemahubError) {
    switch (error.code) {
      case 'UNAUTHENTICATED':
        return 'Tokenet blev ikke genkendt. Tjek at du har kopieret hele tokenet, og at det ikke er tilbagekaldt.';
      case 'FORBIDDEN':
        return 'Tokenet giver ikke adgang til koordinatorernes tal.';
      case 'NETWORK_ERROR':
      case 'HTTP_ERROR':
      case 'INVALID_RESPONSE':
        return 'Temahub svarer ikke lige nu. Prøv igen om lidt.';
      case 'RATE_LIMITED':
        return 'For mange forespørgsler på kort tid. Vent et minut, og prøv igen.';
      default:
        return `Noget gik galt: ${error.message}`;
    }
  }
  return 'Noget gik galt. Prøv igen om lidt.';
}

// ---------------------------------------------------------------------------------------------
// Logging in and out

function showLogin(message = '', error = false): void {
  coordinator = undefined;
  destroyCharts();
  $('app').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  setMessage('login-message', message, error);
}

async function logIn(token: string): Promise<void> {
  const client = createCoordinatorClient({ url: API, token });
  setMessage('login-message', 'Tjekker tokenet …');
  try {
    const { viewer } = await client.viewer();
    if (viewer.role !== 'COORDINATOR') {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(
        `Tokenet tilhører ikke en koordinator (det er et ${viewer.role === 'PARTNER' ? 'partner' : 'biblioteks'}-token). Brug et koordinator-token.`,
        true,
      );
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    coordinator = client;
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    setMessage('login-message', '');
    await loadThemes();
  } catch (error) {
    if (error instanceof TemahubError && error.code === 'UNAUTHENTICATED') sessionStorage.removeItem(TOKEN_KEY);
    showLogin(messageFor(error), true);
  }
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>('token');
  const token = input.value.trim();
  input.value = '';
  if (!token) {
    setMessage('login-message', 'Indsæt dit koordinator-token.', true);
    return;
  }
  void logIn(token);
});

$('logout').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showLogin('Du er logget ud.');
  $('token').focus();
});

// ---------------------------------------------------------------------------------------------
// Themes

async function loadThemes(): Promise<void> {
  const client = coordinator!;
  const [all, current] = await Promise.all([
    allPages<Theme>((after) => client.themeList({ first: PAGE, after }).then((d) => d.themes)),
    createPartnerClient({ url: API })
      .currentTheme()
      .then(
        (d) => d.currentTheme,
        () => null,
      ),
  ]);
  themes = all.sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  const select = $<HTMLSelectElement>('theme');
  select.replaceChildren(
    ...themes.map((t) => h('option', { value: t.id }, `Tema ${t.number}: ${t.title} (${t.year})`)),
  );
  const fromHash = themes.find((t) => `#${t.slug}` === location.hash);
  select.value = (fromHash ?? themes.find((t) => t.id === current?.id) ?? themes[0])?.id ?? '';
  await showTheme(select.value);
}

$('theme').addEventListener('change', () => {
  const theme = themes.find((t) => t.id === $<HTMLSelectElement>('theme').value);
  if (theme) history.replaceState(null, '', `#${theme.slug}`);
  void showTheme($<HTMLSelectElement>('theme').value);
});

/** The theme that started last before this one. */
function previousOf(theme: Theme): Theme | undefined {
  return themes.filter((t) => t.startsOn < theme.startsOn).sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
}

async function showTheme(themeId: string): Promise<void> {
  const theme = themes.find((t) => t.id === themeId);
  if (!theme || !coordinator) return;
  const mine = ++generation;
  const client = coordinator;
  const app = $('app');
  app.dataset.state = 'loading';
  app.setAttribute('aria-busy', 'true');
  setMessage('status', `Henter tallene for Tema ${theme.number} …`);
  const previous = previousOf(theme);
  const registrationsOf = (slug: string) =>
    allPages<Registration>((after) =>
      client.themeRegistrations({ slug, status: 'REGISTERED', first: PAGE, after }).then((d) => d.theme?.registrations),
    );
  try {
    const [{ themeReport }, registrations, previousRegistrations, activities] = await Promise.all([
      client.themeReport({ themeId }),
      registrationsOf(theme.slug),
      previous ? registrationsOf(previous.slug) : Promise.resolve<Registration[]>([]),
      allPages<ActivityFact>((after) =>
        client.themeActivityFacts({ themeId, first: PAGE, after }).then((d) => d.activities),
      ),
    ]);
    libraries ??= await allPages<LibraryLocation>((after) =>
      client.libraryLocations({ first: PAGE, after }).then((d) => d.libraries),
    );
    municipalities ??= (await createPartnerClient({ url: API }).municipalities()).municipalities;
    if (mine !== generation) return;
    destroyCharts();
    renderFigures(theme, themeReport);
    renderRegistrations(theme, registrations, previous, previousRegistrations);
    renderMap(themeReport, activities);
    renderCounts(themeReport);
    renderAttendance(themeReport, activities);
    renderFollowUp(theme, themeReport, registrations);
    app.dataset.state = 'ready';
    app.dataset.theme = theme.slug;
    setMessage(
      'status',
      `Tema ${theme.number}: ${theme.title}, uge ${theme.startWeek}–${theme.endWeek} ${theme.year}.`,
    );
  } catch (error) {
    if (mine !== generation) return;
    if (error instanceof TemahubError && error.code === 'UNAUTHENTICATED') {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(messageFor(error), true);
      return;
    }
    app.dataset.state = 'error';
    setMessage('status', `Tallene kunne ikke hentes. ${messageFor(error)}`, true);
  } finally {
    if (mine === generation) app.setAttribute('aria-busy', 'false');
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** A table with a header row; each row's first cell is a row header. Numbers are right-aligned. */
function fillTable(
  id: string,
  caption: string,
  head: string[],
  rows: { key: string; cells: (string | number | Node)[] }[],
): void {
  const table = $<HTMLTableElement>(id);
  table.replaceChildren(
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...head.map((text, i) =>
          h(
            'th',
            { scope: 'col', class: i > 0 && rows.some((r) => typeof r.cells[i] === 'number') ? 'num' : undefined },
            text,
          ),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map(({ key, cells }) =>
        h(
          'tr',
          { 'data-key': key },
          ...cells.map((cell, i) =>
            i === 0
              ? h('th', { scope: 'row' }, typeof cell === 'number' ? number.format(cell) : cell)
              : typeof cell === 'number'
                ? h('td', { class: 'num', 'data-value': String(cell) }, number.format(cell))
                : h('td', {}, cell),
          ),
        ),
      ),
    ),
  );
}

function renderFigures(theme: Theme, report: Report): void {
  const figure = (key: string, label: string, value: number, suffix = '') =>
    h(
      'div',
      {},
      h('dt', {}, label),
      h('dd', { 'data-key': key, 'data-value': String(value) }, `${number.format(value)}${suffix}`),
    );
  $('figures').replaceChildren(
    figure('registeredLibraries', 'Tilmeldte biblioteker', report.registeredLibraries),
    figure(
      'municipalitiesCovered',
      'Kommuner med tilmeldte biblioteker',
      report.municipalitiesCovered,
      ` af ${report.municipalitiesTotal}`,
    ),
    figure('activitiesTotal', 'Arrangementer', report.activitiesTotal),
    figure('activitiesCancelled', 'Aflyste arrangementer', report.activitiesCancelled),
    figure('attendanceTotal', 'Fremmøde i alt', report.attendanceTotal),
  );
  const link = $<HTMLAnchorElement>('report-csv');
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([report.csv], { type: 'text/csv;charset=utf-8' }));
  link.download = `temarapport-tema-${theme.number}-${theme.slug}.csv`;
}

/** Registrations counted up by week relative to the theme's first day (week 0 is the theme's first week). */
function cumulativeByWeek(theme: Theme, registrations: Registration[]): Map<number, number> {
  const start = Date.parse(`${theme.startsOn}T00:00:00Z`);
  const perWeek = new Map<number, number>();
  for (const r of registrations) {
    const week = Math.floor((Date.parse(r.registeredAt) - start) / (7 * DAY_MS));
    perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
  }
  return perWeek;
}

function renderRegistrations(
  theme: Theme,
  registrations: Registration[],
  previous: Theme | undefined,
  previousRegistrations: Registration[],
): void {
  const now = cumulativeByWeek(theme, registrations);
  const before = cumulativeByWeek(previous ?? theme, previousRegistrations);
  const weeks = [...now.keys(), ...before.keys()];
  const first = weeks.length ? Math.min(...weeks, -1) : -8;
  const last = weeks.length ? Math.max(...weeks, 0) : 0;
  const labels: string[] = [];
  const series = { now: [] as number[], before: [] as number[] };
  let sumNow = 0;
  let sumBefore = 0;
  for (let w = first; w <= last; w++) {
    sumNow += now.get(w) ?? 0;
    sumBefore += before.get(w) ?? 0;
    labels.push(w < 0 ? `${-w} uger før` : w === 0 ? 'Startuge' : `${w} uger efter`);
    series.now.push(sumNow);
    series.before.push(sumBefore);
  }
  const thisName = `Tema ${theme.number}`;
  const previousName = previous ? `Tema ${previous.number}` : 'Intet tidligere tema';
  $('registrations-hint').textContent = previous
    ? `Tilmeldte biblioteker i alt, uge for uge i forhold til temaets start: ${thisName} (${number.format(sumNow)}) mod ${previousName} (${number.format(sumBefore)}).`
    : `Tilmeldte biblioteker i alt, uge for uge i forhold til temaets start: ${number.format(sumNow)}.`;
  lineChart('registrations-chart', labels, [
    { label: thisName, data: series.now, colour: MAP_COLOURS.active },
    ...(previous ? [{ label: previousName, data: series.before, colour: '#6b6b66', dashed: true }] : []),
  ]);
  fillTable(
    'registrations-table',
    'Tilmeldte biblioteker i alt',
    ['Uge', thisName, ...(previous ? [previousName] : [])],
    labels.map((label, i) => ({
      key: String(first + i),
      cells: [label, series.now[i]!, ...(previous ? [series.before[i]!] : [])],
    })),
  );
}

function renderMap(report: Report, activities: ActivityFact[]): void {
  const uncovered = new Set(report.municipalitiesWithoutRegistration.map((m) => m.code));
  const activitiesIn = new Map<number, number>();
  for (const a of activities)
    activitiesIn.set(a.library.municipality.code, (activitiesIn.get(a.library.municipality.code) ?? 0) + 1);
  const positions = new Map<number, { lat: number; lon: number; n: number }>();
  for (const library of libraries ?? []) {
    if (!library.location) continue;
    const p = positions.get(library.municipality.code) ?? { lat: 0, lon: 0, n: 0 };
    positions.set(library.municipality.code, {
      lat: p.lat + library.location.latitude,
      lon: p.lon + library.location.longitude,
      n: p.n + 1,
    });
  }
  const marks: MunicipalityMark[] = (municipalities ?? []).map((m) => {
    const p = positions.get(m.code);
    return {
      code: m.code,
      name: m.name,
      covered: !uncovered.has(m.code),
      activities: activitiesIn.get(m.code) ?? 0,
      position: p ? { latitude: p.lat / p.n, longitude: p.lon / p.n } : undefined,
    };
  });
  drawMap(
    $('map'),
    $('map-legend'),
    marks,
    `Kort over Danmarks ${marks.length} kommuner: ${report.municipalitiesCovered} har tilmeldte biblioteker.`,
  );
  fillTable(
    'municipality-table',
    'Kommunerne',
    ['Kommune', 'Tilmeldt', 'Arrangementer'],
    [...marks]
      .sort((a, b) => a.name.localeCompare(b.name, 'da'))
      .map((m) => ({ key: String(m.code), cells: [m.name, m.covered ? 'Ja' : 'Nej', m.activities] })),
  );
}

function renderCounts(report: Report): void {
  const weekLabels = report.activitiesByWeek.map((w) => `Uge ${w.isoWeek}`);
  barChart(
    'weeks-chart',
    weekLabels,
    report.activitiesByWeek.map((w) => w.count),
    'Arrangementer',
  );
  fillTable(
    'weeks-table',
    'Arrangementer pr. ISO-uge',
    ['Uge', 'Arrangementer'],
    report.activitiesByWeek.map((w, i) => ({ key: `${w.isoYear}-${w.isoWeek}`, cells: [weekLabels[i]!, w.count] })),
  );

  const counts = (
    id: string,
    caption: string,
    entries: { key: string; count: number }[],
    names: Record<string, string>,
  ) => {
    const labels = entries.map((e) => names[e.key] ?? e.key);
    barChart(
      `${id}-chart`,
      labels,
      entries.map((e) => e.count),
      'Arrangementer',
      true,
    );
    fillTable(
      `${id}-table`,
      caption,
      [caption, 'Arrangementer'],
      entries.map((e, i) => ({ key: e.key, cells: [labels[i]!, e.count] })),
    );
  };
  counts('audience', 'Målgruppe', report.activitiesByAudience, AUDIENCES.da);
  counts('format', 'Format', report.activitiesByFormat, FORMATS.da);
  counts('channel', 'Kanal', report.activitiesByChannel, CHANNELS);

  fillTable(
    'regions-table',
    'Tilmeldinger, dækning og arrangementer pr. region',
    ['Region', 'Tilmeldte biblioteker', 'Kommuner dækket', 'Kommuner i alt', 'Arrangementer'],
    report.coverageByRegion.map((r) => ({
      key: r.region,
      cells: [
        REGIONS[r.region] ?? r.region,
        r.registeredLibraries,
        r.municipalitiesCovered,
        r.municipalitiesTotal,
        r.activities,
      ],
    })),
  );
}

function renderAttendance(report: Report, activities: ActivityFact[]): void {
  // Attendance can be reported for published activities that have ended.
  const now = Date.now();
  const ended = activities.filter((a) => a.status === 'PUBLISHED' && Date.parse(a.endsAt) <= now);
  const reported = ended.filter((a) => a.attendance !== null).length;
  const missing = ended.length - reported;
  const summary = $('attendance-summary');
  summary.dataset.reported = String(reported);
  summary.dataset.missing = String(missing);
  summary.textContent = ended.length
    ? `${number.format(reported)} af ${number.format(ended.length)} afholdte arrangementer har indberettet fremmøde (${number.format(report.attendanceTotal)} deltagere i alt); ${number.format(missing)} mangler.`
    : 'Ingen arrangementer er afholdt endnu, så der er intet fremmøde at indberette.';
  doughnutChart(
    'attendance-chart',
    ['Indberettet', 'Ikke indberettet'],
    [reported, missing],
    [MAP_COLOURS.active, MAP_COLOURS.registered],
  );
}

function renderFollowUp(theme: Theme, report: Report, registrations: Registration[]): void {
  const contactOf = new Map(registrations.map((r) => [r.library.id, r]));
  const withoutActivities = report.librariesWithoutActivities.map((library) => {
    const r = contactOf.get(library.id);
    return {
      library,
      contactName: r?.contactName ?? '',
      contactEmail: r?.contactEmail ?? '',
      registeredAt: r?.registeredAt,
    };
  });
  fillTable(
    'without-activities-table',
    `${withoutActivities.length} tilmeldte biblioteker uden publicerede arrangementer`,
    ['Bibliotek', 'Kommune', 'Kontaktperson', 'E-mail', 'Tilmeldt'],
    withoutActivities.map((row) => ({
      key: row.library.id,
      cells: [
        row.library.name,
        row.library.municipality.name,
        row.contactName,
        row.contactEmail ? h('a', { href: `mailto:${row.contactEmail}` }, row.contactEmail) : '',
        row.registeredAt ? dateTime.format(new Date(row.registeredAt)) : '',
      ],
    })),
  );
  const registered = new Set(registrations.map((r) => r.library.id));
  const notRegistered = (libraries ?? [])
    .filter((l) => !registered.has(l.id))
    .sort((a, b) => a.municipality.name.localeCompare(b.municipality.name, 'da') || a.name.localeCompare(b.name, 'da'));
  fillTable(
    'not-registered-table',
    `${notRegistered.length} biblioteker, der ikke er tilmeldt`,
    ['Bibliotek', 'ISIL', 'Kommune', 'Region'],
    notRegistered.map((l) => ({
      key: l.id,
      cells: [l.name, l.isil ?? '', l.municipality.name, REGIONS[l.municipality.region] ?? l.municipality.region],
    })),
  );

  $('without-activities-csv').onclick = () =>
    download(
      `tema-${theme.number}-tilmeldte-uden-arrangementer.csv`,
      csvFile(
        ['Bibliotek', 'ISIL', 'Kommune', 'Kontaktperson', 'E-mail', 'Tilmeldt'],
        withoutActivities.map((r) => [
          r.library.name,
          r.library.isil ?? '',
          r.library.municipality.name,
          r.contactName,
          r.contactEmail,
          r.registeredAt ?? '',
        ]),
      ),
    );
  $('not-registered-csv').onclick = () =>
    download(
      `tema-${theme.number}-ikke-tilmeldte-biblioteker.csv`,
      csvFile(
        ['Bibliotek', 'ISIL', 'Kommune', 'Region'],
        notRegistered.map((l) => [
          l.name,
          l.isil ?? '',
          l.municipality.name,
          REGIONS[l.municipality.region] ?? l.municipality.region,
        ]),
      ),
    );
}

// ---------------------------------------------------------------------------------------------

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) void logIn(saved);
else showLogin();
