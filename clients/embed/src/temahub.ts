// The partner embed: <temahub-activities> (a theme's activities, filtered by attributes, paged
// with "Vis flere") and <temahub-activity> (one activity, with its JSON-LD put into the page).
// Built on @temahub/partner-site; talks only to the Temahub server the script came from (or the
// `api` attribute's). Everything a reader sees is set with textContent, never as HTML.
import {
  createClient,
  TemahubError,
  type ActivityListItemFragment,
  type Audience,
  type ActivityFormat,
  type Region,
  type PartnerSiteClient,
  type SearchActivitiesQueryVariables,
  type ThemeSummaryFragment,
} from '@temahub/partner-site';
import { TEXT, copenhagenMidnight, formatWhen, isoWeekMonday, nextDay, type Texts } from './format.js';
import { AUDIENCES, FORMATS, type Lang } from './labels.js';
import { STYLES } from './styles.js';

/** After this long a request counts as failed and the reader gets the message with "Prøv igen". */
const TIMEOUT_MS = 10_000;
/** After this long the loading line says that it takes longer than usual. */
const SLOW_MS = 3_000;
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

const clients = new Map<string, PartnerSiteClient>();
function clientFor(api: string): PartnerSiteClient {
  let client = clients.get(api);
  if (!client) clients.set(api, (client = createClient({ url: api })));
  return client;
}

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) el.setAttribute(name, value);
  for (const child of children) if (child) el.append(child);
  return el;
}

/** Resolves with the call's answer, or rejects with a timeout after TIMEOUT_MS (aborting the request). */
async function withTimeout<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    return await call(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** Base for both elements: shadow root, language, API address, the loading/problem lines. */
abstract class TemahubElement extends HTMLElement {
  protected readonly root: ShadowRoot;
  /** Answers to requests that a newer render has overtaken are dropped. */
  protected generation = 0;
  private scheduled = false;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  /** The `lang` attribute, else the page's language (da unless it is English). */
  protected get lang_(): Lang {
    const own =
      this.getAttribute('lang') ?? this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
    return own?.toLowerCase().startsWith('en') ? 'en' : 'da';
  }

  protected get text(): Texts {
    return TEXT[this.lang_];
  }

  /** The GraphQL endpoint: the `api` attribute, else /graphql on the server that served this script. */
  protected get client(): PartnerSiteClient {
    return clientFor(this.getAttribute('api') ?? new URL('/graphql', /* @vite-ignore */ import.meta.url).href);
  }

  connectedCallback(): void {
    this.schedule();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.schedule();
  }

  /** Several attribute changes in one task give one render. */
  protected schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.render();
    });
  }

  protected frame(...children: Node[]): HTMLElement {
    const section = h('section', { lang: this.lang_, class: 'temahub' }, ...children);
    this.root.replaceChildren(h('style', {}, STYLES), section);
    return section;
  }

  /** Shows the loading line; after SLOW_MS it says it is slow. Returns a function that stops it. */
  protected loading(into: HTMLElement): () => void {
    const status = h('p', { class: 'status', role: 'status' }, this.text.loading);
    into.replaceChildren(status);
    const timer = setTimeout(() => (status.textContent = this.text.slow), SLOW_MS);
    return () => clearTimeout(timer);
  }

  /** The message for a failed request, with a button that tries again. */
  protected problem(into: HTMLElement, message: string, retry?: () => void): void {
    const box = h('div', { class: 'problem', role: 'alert' }, h('p', {}, message));
    if (retry) {
      const button = h('button', { type: 'button' }, this.text.retry);
      button.addEventListener('click', retry);
      box.append(button);
    }
    into.replaceChildren(box);
  }

  protected abstract render(): Promise<void>;

  /** One activity as an <article>: when, title, where, audiences and format, cancellation, sign-up. */
  protected card(activity: ActivityListItemFragment, headingLevel: 2 | 3): HTMLElement {
    const t = this.text;
    const lang = this.lang_;
    const cancelled = activity.status === 'CANCELLED';
    const headingId = `a-${activity.id}`;
    const heading = h(
      headingLevel === 2 ? 'h2' : 'h3',
      { id: headingId },
      cancelled ? h('span', { class: 'badge' }, t.cancelled) : null,
      cancelled ? ' ' : null,
      activity.title,
    );
    const where = [activity.library.name, [activity.venue?.name, activity.venue?.city].filter(Boolean).join(', ')]
      .filter(Boolean)
      .join(' · ');
    const tags = [
      activity.audiences.map((a) => AUDIENCES[lang][a] ?? a).join(', '),
      FORMATS[lang][activity.format] ?? activity.format,
    ];
    if (activity.priceDkk !== null && activity.priceDkk !== undefined)
      tags.push(activity.priceDkk === 0 ? t.free : t.price(activity.priceDkk));
    const article = h(
      'article',
      {
        class: `card${cancelled ? ' cancelled' : ''}`,
        'aria-labelledby': headingId,
        tabindex: '-1',
        'data-id': activity.id,
        'data-status': activity.status,
        'data-municipality': String(activity.library.municipality.code),
      },
      heading,
      h(
        'p',
        { class: 'when' },
        h('time', { datetime: activity.startsAt }, formatWhen(lang, activity.startsAt, activity.endsAt)),
      ),
      h('p', { class: 'where' }, where),
      h('p', { class: 'tags' }, tags.join(' · ')),
    );
    if (cancelled) {
      article.append(
        h('p', { class: 'reason' }, `${t.cancelled}: ${activity.cancellationReason ?? ''}`.replace(/: $/, '')),
      );
    } else if (activity.signupUrl && /^https?:\/\//i.test(activity.signupUrl)) {
      article.append(
        h(
          'p',
          {},
          h(
            'a',
            { href: activity.signupUrl, target: '_blank', rel: 'noopener', 'aria-label': t.signupFor(activity.title) },
            t.signup,
          ),
        ),
      );
    }
    return article;
  }
}

/** The filter attributes of <temahub-activities>. */
const LIST_ATTRIBUTES = [
  'theme',
  'municipality',
  'region',
  'audience',
  'format',
  'from',
  'to',
  'search',
  'limit',
  'lang',
  'show-filters',
  'api',
];

/** `<temahub-activities theme="current" municipality="851" audience="CHILDREN" limit="10">` */
export class TemahubActivities extends TemahubElement {
  static get observedAttributes(): string[] {
    return LIST_ATTRIBUTES;
  }

  /** The reader's choices in the filter controls (show-filters), over the attributes. */
  private chosen: { audience?: string; week?: string; municipality?: string } = {};
  private municipalities: { code: number; name: string }[] | undefined;

  private attr(name: string): string | undefined {
    const value = this.getAttribute(name)?.trim();
    return value ? value : undefined;
  }

  private list<T extends string>(name: string, chosen?: string): T[] | undefined {
    const value = chosen ?? this.attr(name);
    return value
      ? (value
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((v) => v.toUpperCase()) as T[])
      : undefined;
  }

  private async theme(signal: AbortSignal): Promise<ThemeSummaryFragment | null> {
    const slug = this.attr('theme') ?? 'current';
    if (slug === 'current') return (await this.client.currentTheme({}, { signal })).currentTheme;
    return (await this.client.themeBySlug({ slug }, { signal })).theme;
  }

  private variables(theme: ThemeSummaryFragment): SearchActivitiesQueryVariables {
    const municipality = this.chosen.municipality ?? this.attr('municipality');
    const limit = Math.min(MAX_LIMIT, Math.max(1, Number.parseInt(this.attr('limit') ?? '', 10) || DEFAULT_LIMIT));
    const day = (value: string | undefined, after = 0) =>
      value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? copenhagenMidnight(nextDay(value, after)) : value;
    let from = day(this.attr('from'));
    let to = day(this.attr('to'), 1);
    if (this.chosen.week) {
      const monday = isoWeekMonday(Number(this.chosen.week.slice(0, 4)), Number(this.chosen.week.slice(5)));
      from = copenhagenMidnight(monday);
      to = copenhagenMidnight(nextDay(monday, 7));
    }
    return {
      themeId: theme.id,
      municipalityCode: municipality ? Number(municipality) : undefined,
      region: this.attr('region')?.toUpperCase() as Region | undefined,
      audiences: this.list<Audience>('audience', this.chosen.audience),
      formats: this.list<ActivityFormat>('format'),
      from,
      to,
      search: this.attr('search'),
      first: limit,
    };
  }

  protected async render(): Promise<void> {
    const generation = ++this.generation;
    const t = this.text;
    const body = h('div');
    const section = this.frame(body);
    const stopLoading = this.loading(body);
    const retry = () => this.schedule();
    try {
      const theme = await withTimeout((signal) => this.theme(signal));
      if (generation !== this.generation) return;
      if (!theme) {
        stopLoading();
        this.problem(body, t.noTheme);
        return;
      }
      const heading = h('h2', { id: 'heading' }, t.heading(theme.title));
      section.setAttribute('aria-labelledby', 'heading');
      section.prepend(heading);
      if (this.hasAttribute('show-filters')) section.insertBefore(await this.filters(theme), body);
      if (generation !== this.generation) return;
      await this.showActivities(generation, theme, body, stopLoading);
    } catch (error) {
      stopLoading();
      if (generation !== this.generation) return;
      this.problem(body, this.failure(error), retry);
    }
  }

  private failure(error: unknown): string {
    if (error instanceof TemahubError && error.code === 'BAD_USER_INPUT') return `${this.text.none} (${error.message})`;
    return this.text.down;
  }

  private async showActivities(
    generation: number,
    theme: ThemeSummaryFragment,
    body: HTMLElement,
    stopLoading: () => void,
  ): Promise<void> {
    const t = this.text;
    const variables = this.variables(theme);
    const first = await withTimeout((signal) => this.client.searchActivities(variables, { signal }));
    stopLoading();
    if (generation !== this.generation) return;
    const status = h('p', { class: 'status', role: 'status' });
    const list = h('ul', { class: 'grid' });
    const more = h('button', { type: 'button', class: 'more' }, t.more);
    const problem = h('div');
    body.replaceChildren(status, list, problem, more);
    const seen = new Set<string>();
    let total = 0;
    let cursor: string | null | undefined;

    const add = (page: typeof first.activities): HTMLElement | undefined => {
      total = page.totalCount ?? total;
      cursor = page.pageInfo.endCursor;
      let firstNew: HTMLElement | undefined;
      for (const { node } of page.edges) {
        if (seen.has(node.id)) continue;
        seen.add(node.id);
        const card = this.card(node, 3);
        firstNew ??= card;
        list.append(h('li', {}, card));
      }
      status.textContent = seen.size === 0 ? t.none : t.shown(seen.size, total);
      more.hidden = !page.pageInfo.hasNextPage;
      return firstNew;
    };
    add(first.activities);

    const loadMore = async () => {
      more.disabled = true;
      problem.replaceChildren();
      try {
        const next = await withTimeout((signal) =>
          this.client.searchActivities({ ...variables, after: cursor }, { signal }),
        );
        if (generation !== this.generation) return;
        // Keyboard and screen-reader users land on the first new activity.
        add(next.activities)?.focus();
      } catch (error) {
        if (generation === this.generation) this.problem(problem, this.failure(error));
      } finally {
        more.disabled = false;
      }
    };
    // Failures are shown in the widget by loadMore itself.
    more.addEventListener('click', () => void loadMore());
  }

  /** Audience, week and municipality controls; a change re-renders the list. */
  private async filters(theme: ThemeSummaryFragment): Promise<HTMLElement> {
    const t = this.text;
    const lang = this.lang_;
    if (!this.municipalities) {
      this.municipalities = (
        await withTimeout((signal) => this.client.municipalities({}, { signal }))
      ).municipalities.map(({ code, name }) => ({ code, name }));
    }
    const select = (name: 'audience' | 'week' | 'municipality', label: string, options: [string, string][]) => {
      const control = h('select', { name });
      control.append(
        h('option', { value: '' }, t.all),
        ...options.map(([value, text]) => h('option', { value }, text)),
      );
      control.value = this.chosen[name] ?? (name === 'week' ? '' : (this.attr(name) ?? ''));
      control.addEventListener('change', () => {
        this.chosen = { ...this.chosen, [name]: control.value };
        void this.render().then(() =>
          (this.root.querySelector(`select[name="${name}"]`) as HTMLSelectElement | null)?.focus(),
        );
      });
      return h('label', {}, label, control);
    };
    const weeks: [string, string][] = [];
    for (let week = theme.startWeek; week <= theme.endWeek; week++)
      weeks.push([`${theme.year}-${week}`, t.weekOption(week)]);
    return h(
      'form',
      { 'aria-label': t.filters },
      select('audience', t.audience, Object.entries(AUDIENCES[lang])),
      select('week', t.week, weeks),
      select(
        'municipality',
        t.municipality,
        this.municipalities.map(({ code, name }) => [String(code), name]),
      ),
    );
  }
}

/** `<temahub-activity activity-id="…">`: one activity, and its schema.org Event as JSON-LD in the page. */
export class TemahubActivity extends TemahubElement {
  static get observedAttributes(): string[] {
    return ['activity-id', 'lang', 'api'];
  }

  private script: HTMLScriptElement | undefined;

  disconnectedCallback(): void {
    this.script?.remove();
    this.script = undefined;
  }

  protected async render(): Promise<void> {
    const generation = ++this.generation;
    const body = h('div');
    this.frame(body);
    const id = this.getAttribute('activity-id')?.trim();
    if (!id) return this.problem(body, this.text.noActivity);
    const stopLoading = this.loading(body);
    try {
      const { activity } = await withTimeout((signal) => this.client.activityDetail({ id }, { signal }));
      stopLoading();
      if (generation !== this.generation) return;
      if (!activity) return this.problem(body, this.text.noActivity);
      body.replaceChildren(this.card(activity, 2));
      // Search engines read JSON-LD from the page itself, not from inside a shadow root.
      this.script ??= document.createElement('script');
      this.script.type = 'application/ld+json';
      this.script.dataset.temahubActivity = activity.id;
      // jsonLdScript is escaped by the server so that no text in it can end the script element.
      this.script.textContent = activity.jsonLdScript;
      if (!this.script.isConnected) document.head.append(this.script);
    } catch (error) {
      stopLoading();
      if (generation !== this.generation) return;
      this.problem(
        body,
        error instanceof TemahubError && error.code === 'BAD_USER_INPUT' ? this.text.noActivity : this.text.down,
        () => this.schedule(),
      );
    }
  }
}

if (!customElements.get('temahub-activities')) customElements.define('temahub-activities', TemahubActivities);
if (!customElements.get('temahub-activity')) customElements.define('temahub-activity', TemahubActivity);
