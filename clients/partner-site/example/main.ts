// Example partner page: the current theme (or ?theme=<slug>) and its activities, filtered by
// municipality and audience, ten at a time. The API is ?api=<url>, else VITE_TEMAHUB_API, else
// a Temahub on localhost.
import { createClient, TemahubError, type Audience, type SearchActivitiesQuery } from '../src/index.js';

const PAGE_SIZE = 10;

const AUDIENCES: Record<Audience, string> = {
  CHILDREN: 'Børn',
  YOUTH: 'Unge',
  ADULTS: 'Voksne',
  FAMILIES: 'Familier',
  SENIORS: 'Seniorer',
  SCHOOL_CLASSES: 'Skoleklasser',
  EVERYONE: 'Alle',
};

const params = new URLSearchParams(location.search);
const url = params.get('api') ?? import.meta.env.VITE_TEMAHUB_API ?? 'http://localhost:4000/graphql';
const temahub = createClient({ url });

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const app = $<HTMLElement>('app');
const municipalitySelect = $<HTMLSelectElement>('municipality');
const audienceSelect = $<HTMLSelectElement>('audience');
const list = $<HTMLOListElement>('activities');
const status = $<HTMLParagraphElement>('status');
const previous = $<HTMLButtonElement>('previous');
const next = $<HTMLButtonElement>('next');
const pageNumber = $<HTMLSpanElement>('page-number');

const day = new Intl.DateTimeFormat('da-DK', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Copenhagen',
});
const dateTime = new Intl.DateTimeFormat('da-DK', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Copenhagen',
});
/** Calendar dates (YYYY-MM-DD) are read at noon so that no time zone moves them to another day. */
const calendarDay = (date: string) => day.format(new Date(`${date}T12:00:00Z`));

let themeSlug = '';
/** Cursors of the pages shown so far: cursors[i] is the `after` of page i + 1. */
let cursors: (string | null)[] = [null];
/** Ignores answers to requests that a newer filter or page has overtaken. */
let generation = 0;

function setState(state: 'loading' | 'ready' | 'error', message = ''): void {
  app.dataset.state = state;
  app.setAttribute('aria-busy', String(state === 'loading'));
  status.textContent = message;
}

function showError(error: unknown): void {
  const detail = error instanceof TemahubError ? `${error.message} (${error.code})` : String(error);
  setState('error', `Arrangementerne kunne ikke hentes: ${detail}`);
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

function renderActivities(connection: SearchActivitiesQuery['activities']): void {
  list.replaceChildren(
    ...connection.edges.map(({ node }) => {
      const item = element('li', '', `activity${node.status === 'CANCELLED' ? ' cancelled' : ''}`);
      item.dataset.testid = 'activity';
      item.dataset.municipality = String(node.library.municipality.code);
      item.dataset.audiences = node.audiences.join(' ');
      item.append(
        element('h2', node.title),
        element('p', dateTime.format(new Date(node.startsAt)), 'when'),
        element('p', `${node.venue?.name ?? node.library.name} · ${node.library.municipality.name}`, 'where'),
        element('p', node.audiences.map((a) => AUDIENCES[a]).join(', '), 'audiences'),
      );
      if (node.status === 'CANCELLED')
        item.append(element('p', `Aflyst: ${node.cancellationReason ?? ''}`, 'cancellation'));
      return item;
    }),
  );
  const page = cursors.length;
  const count = connection.totalCount;
  pageNumber.textContent = count > 0 ? `Side ${page} af ${Math.ceil(count / PAGE_SIZE)}` : '';
  previous.disabled = page <= 1;
  next.disabled = !connection.pageInfo.hasNextPage;
  if (connection.pageInfo.hasNextPage) next.dataset.after = connection.pageInfo.endCursor ?? '';
  setState('ready', count === 1 ? '1 arrangement' : `${count} arrangementer`);
}

async function loadPage(): Promise<void> {
  const mine = ++generation;
  const municipality = municipalitySelect.value;
  const audience = audienceSelect.value as Audience | '';
  app.dataset.municipality = municipality;
  app.dataset.audience = audience;
  app.dataset.page = String(cursors.length);
  setState('loading', 'Henter arrangementer …');
  previous.disabled = true;
  next.disabled = true;
  try {
    const { activities } = await temahub.searchActivities({
      themeSlug,
      ...(municipality ? { municipalityCode: Number(municipality) } : {}),
      ...(audience ? { audiences: [audience] } : {}),
      first: PAGE_SIZE,
      after: cursors[cursors.length - 1] ?? null,
    });
    if (mine === generation) renderActivities(activities);
  } catch (error) {
    if (mine === generation) showError(error);
  }
}

function restart(): void {
  cursors = [null];
  void loadPage();
}

async function start(): Promise<void> {
  try {
    const requested = params.get('theme');
    const theme = requested
      ? (await temahub.themePage({ slug: requested, activitiesFirst: 0 })).theme
      : (await temahub.currentTheme()).currentTheme;
    if (!theme) {
      setState('error', requested ? `Temaet "${requested}" findes ikke.` : 'Der er intet tema lige nu.');
      return;
    }
    themeSlug = theme.slug;
    document.title = `${theme.title} – Bibliotekernes Temasamarbejde`;
    $('theme-title').textContent = theme.title;
    $('theme-dates').textContent =
      `Tema ${theme.number}: ${calendarDay(theme.startsOn)} – ${calendarDay(theme.endsOn)}`;
    $('theme-summary').textContent = theme.summary;

    const { municipalities } = await temahub.municipalities();
    municipalitySelect.append(
      ...municipalities.map((m) => Object.assign(element('option', m.name), { value: String(m.code) })),
    );
    audienceSelect.append(
      ...Object.entries(AUDIENCES).map(([value, label]) => Object.assign(element('option', label), { value })),
    );

    municipalitySelect.addEventListener('change', restart);
    audienceSelect.addEventListener('change', restart);
    next.addEventListener('click', () => {
      cursors.push(next.dataset.after ?? null);
      void loadPage();
    });
    previous.addEventListener('click', () => {
      if (cursors.length > 1) cursors.pop();
      void loadPage();
    });
    await loadPage();
  } catch (error) {
    showError(error);
  }
}

void start();
