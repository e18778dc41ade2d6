/**
 * The demo season: libraries, themes, partners, materials, registrations, activities and notices.
 *
 * PUBLIC RECORD (seeded with is_demo = false):
 * - the themes of Bibliotekernes Temasamarbejde named in PRODUCT.md: 1 "Ensomhed" and
 *   2 "Iværksætteri og innovation" (2015), 7 "Viden skaber os – Kroppen" (2018, weeks 7–10),
 *   8 "Viden skaber os – kodning" (2018, weeks 39–42), 10 "De store forfattere" (autumn 2019),
 *   11 "Vores natur" (2020, weeks 16–20) and 12, its continuation (2020, weeks 37–42). Their
 *   numbers, titles and periods are the record; summaries, descriptions, sign-up windows, the
 *   exact weeks of themes 1, 2 and 10, the title of Tema 12 and the Tema 11 image are editorial.
 * - the national partners of "Vores natur": DR, Friluftsrådet, Naturstyrelsen and the natural
 *   history museums (Statens Naturhistoriske Museum, Naturhistorisk Museum Aarhus), and DR as
 *   media partner of Tema 10. The role wording is editorial.
 * - the books (title and author are bibliographic fact; ISBNs are left out on purpose, because
 *   a wrong one would name somebody else's book).
 *
 * INVENTED (seeded with is_demo = true): every library row (see library-data.ts), themes 3–6, 9,
 * 25 and 26, local partners and the two national partners of Tema 25, book lists, articles,
 * podcasts, videos and campaign material, every registration and contact person, every activity
 * and every notice. Invented web and e-mail addresses use the reserved `.example` domain.
 *
 * Everything is generated deterministically (fixed PRNG seeds, name-based UUIDs), so that seeding
 * twice yields the same rows. The dates assume "today" is late November 2026: Tema 25 is the
 * next upcoming theme with its sign-up open, and one notice about it is currently valid.
 */
import {
  type AccessibilityFeature,
  type ActivityConcept,
  type Audience,
  type Channel,
  type OutdoorPlace,
  type PartnerKind,
  AUTUMN_NATURE_CONCEPTS,
  COMMUNITY_CONCEPTS,
  NATURE_CONCEPTS,
} from './activity-concepts.js';
import {
  BRANCH_LIBRARY_SITES,
  CENTRAL_LIBRARY_MUNICIPALITIES,
  type LibrarySite,
  MAIN_LIBRARY_SITES,
  asciiSlug,
  libraryIsil,
} from './library-data.js';
import { Prng } from './prng.js';
import { MUNICIPALITIES, type RegionCode } from './reference-data.js';
import { type LocalDate, addDays, copenhagen, formatDate, isoWeekDay } from './time.js';
import { seedId } from './uuid.js';
import type {
  FocusArea,
  MaterialKind,
  ActivityStatus,
  LibraryRow,
  ThemeRow,
  PartnerRow,
  MaterialRow,
  ThemeMaterialRow,
  RegistrationRow,
  ActivityRow,
  ActivityPartnerRow,
  ActivityMaterialRow,
  NoticeRow,
  DemoDataset,
} from './demo-rows.js';

export type { DemoDataset } from './demo-rows.js';

/** The slug of the demo season's theme. */
export const DEMO_THEME_SLUG = 'vores-natur';

const DEMO_WEB = 'https://temahub.example';
const ALL_FOCUS_AREAS: FocusArea[] = [
  'PARTNERSHIPS',
  'SCHOOLS_MUSEUMS_ARCHIVES',
  'PUBLIC_DEBATE',
  'ACTIVITIES_CHILDREN_ADULTS',
  'INSPIRATION_KNOWLEDGE_LITERATURE',
  'DIGITAL_OUTREACH',
];

// ---------------------------------------------------------------------------------------------
// Libraries

interface LibraryInfo {
  readonly id: string;
  readonly isil: string;
  readonly name: string;
  readonly municipalityCode: number;
  readonly region: RegionCode;
  readonly branch: number;
  readonly site: LibrarySite;
  /** The town for descriptions: "Aarhus C" → "Aarhus". */
  readonly town: string;
  readonly domain: string;
  readonly website: string;
}

const regionOf = new Map(MUNICIPALITIES.map((m) => [m.code, m.region]));
const municipalityName = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));

function libraryInfo(site: LibrarySite): LibraryInfo {
  const isil = libraryIsil(site.municipalityCode, site.branch);
  const domain = `${asciiSlug(municipalityName.get(site.municipalityCode)!)}.bibliotek.example`;
  const main = `https://${domain}`;
  return {
    id: seedId('library', isil),
    isil,
    name: site.name,
    municipalityCode: site.municipalityCode,
    region: regionOf.get(site.municipalityCode)!,
    branch: site.branch,
    site,
    town: site.city.replace(/ (C|K|V|N|S|J|NØ|SV|Sj|F|M)$/, ''),
    domain,
    website: site.branch === 0 ? main : `${main}/${asciiSlug(site.name)}`,
  };
}

function libraryRows(libraries: readonly LibraryInfo[]): LibraryRow[] {
  return libraries.map((l) => ({
    id: l.id,
    name: l.name,
    municipality_code: l.municipalityCode,
    isil: l.isil,
    is_central_library: l.branch === 0 && CENTRAL_LIBRARY_MUNICIPALITIES.includes(l.municipalityCode),
    address: l.site.address,
    postal_code: l.site.postalCode,
    city: l.site.city,
    latitude: l.site.latitude,
    longitude: l.site.longitude,
    website: l.website,
    email: l.branch === 0 ? `kontakt@${l.domain}` : `${asciiSlug(l.name)}@${l.domain}`,
    is_demo: true,
    created_at: '2019-11-04T09:00:00+01:00',
    updated_at: '2019-11-04T09:00:00+01:00',
  }));
}

// ---------------------------------------------------------------------------------------------
// Themes

interface ThemeDef {
  number: number;
  slug: string;
  title: string;
  summary: string;
  description: string;
  year: number;
  startWeek: number;
  endWeek: number;
  opens?: string;
  closes?: string;
  focusAreas: FocusArea[];
  image?: { url: string; alt: string; credit: string };
  demo: boolean;
  createdAt: string;
}

const THEMES: readonly ThemeDef[] = [
  {
    number: 1,
    slug: 'ensomhed',
    title: 'Ensomhed',
    year: 2015,
    startWeek: 10,
    endWeek: 13,
    demo: false,
    summary: 'Det første fælles tema: bibliotekerne sætter ensomhed til debat og skaber nye mødesteder.',
    description:
      'Temasamarbejdets første tema samlede bibliotekerne om et emne, der berører mange: ensomhed blandt unge, ældre og alle midt imellem. Bibliotekerne inviterede til samtaler, foredrag og fællesskaber på tværs af generationer.',
    focusAreas: ['PUBLIC_DEBATE', 'ACTIVITIES_CHILDREN_ADULTS', 'PARTNERSHIPS'],
    createdAt: '2015-01-05T09:00:00+01:00',
  },
  {
    number: 2,
    slug: 'ivaerksaetteri-og-innovation',
    title: 'Iværksætteri og innovation',
    year: 2015,
    startWeek: 43,
    endWeek: 46,
    demo: false,
    summary: 'Fra idé til virksomhed: bibliotekerne som værksted for iværksættere og nysgerrige.',
    description:
      'Temaet satte fokus på iværksætteri og innovation med workshops, makerspaces og møder mellem iværksættere, erhvervsliv og borgere. 56 biblioteker deltog i temasamarbejdets første år.',
    focusAreas: ['PARTNERSHIPS', 'INSPIRATION_KNOWLEDGE_LITERATURE'],
    createdAt: '2015-06-01T09:00:00+02:00',
  },
  {
    number: 3,
    slug: 'demokrati-og-dialog',
    title: 'Demokrati og dialog',
    year: 2016,
    startWeek: 10,
    endWeek: 13,
    demo: true,
    summary: 'Hvordan taler vi sammen, når vi er uenige? Debatmøder og samtalesaloner på bibliotekerne.',
    description:
      'Et demotema om demokratiets samtale: bibliotekerne inviterede lokale politikere, foreninger og borgere til debat om alt fra skolestruktur til cykelstier.',
    focusAreas: ['PUBLIC_DEBATE', 'PARTNERSHIPS'],
    createdAt: '2015-11-02T09:00:00+01:00',
  },
  {
    number: 4,
    slug: 'digital-dannelse',
    title: 'Digital dannelse',
    year: 2016,
    startWeek: 40,
    endWeek: 43,
    demo: true,
    summary: 'Kildekritik, privatliv og fællesskaber på nettet – for børn, unge og voksne.',
    description:
      'Et demotema om at begå sig klogt på nettet: falske nyheder, digitale fodspor og gode fællesskaber på sociale medier.',
    focusAreas: ['DIGITAL_OUTREACH', 'SCHOOLS_MUSEUMS_ARCHIVES'],
    createdAt: '2016-04-04T09:00:00+02:00',
  },
  {
    number: 5,
    slug: 'mad-og-baeredygtighed',
    title: 'Mad og bæredygtighed',
    year: 2017,
    startWeek: 10,
    endWeek: 13,
    demo: true,
    summary: 'Fra jord til bord: madkultur, madspild og fremtidens fødevarer.',
    description:
      'Et demotema om mad: lokale råvarer, madspild, klimavenlige måltider og madens kulturhistorie, med smagninger, foredrag og skoleforløb.',
    focusAreas: ['ACTIVITIES_CHILDREN_ADULTS', 'INSPIRATION_KNOWLEDGE_LITERATURE'],
    createdAt: '2016-11-07T09:00:00+01:00',
  },
  {
    number: 6,
    slug: 'fremtidens-arbejde',
    title: 'Fremtidens arbejde',
    year: 2017,
    startWeek: 40,
    endWeek: 43,
    demo: true,
    summary: 'Robotter, kunstig intelligens og nye fag: hvordan arbejder vi i morgen?',
    description:
      'Et demotema om arbejdslivets forandring, med debatter om automatisering, efteruddannelse og balancen mellem arbejde og fritid.',
    focusAreas: ['PUBLIC_DEBATE', 'PARTNERSHIPS'],
    createdAt: '2017-04-03T09:00:00+02:00',
  },
  {
    number: 7,
    slug: 'viden-skaber-os-kroppen',
    title: 'Viden skaber os – Kroppen',
    year: 2018,
    startWeek: 7,
    endWeek: 10,
    demo: false,
    summary: 'Hvad ved vi om kroppen – og hvad betyder den viden for, hvordan vi lever?',
    description:
      'Første tema i rækken "Viden skaber os" handlede om kroppen: sundhed, sygdom, sport og krop i kunsten, formidlet af forskere, læger og forfattere på bibliotekerne.',
    focusAreas: ['INSPIRATION_KNOWLEDGE_LITERATURE', 'ACTIVITIES_CHILDREN_ADULTS', 'PARTNERSHIPS'],
    opens: '2017-10-02T09:00:00+02:00',
    closes: '2017-12-15T23:59:59+01:00',
    createdAt: '2017-09-04T09:00:00+02:00',
  },
  {
    number: 8,
    slug: 'viden-skaber-os-kodning',
    title: 'Viden skaber os – kodning',
    year: 2018,
    startWeek: 39,
    endWeek: 42,
    demo: false,
    summary: 'Kodning og algoritmer i hverdagen – forstå dem, brug dem, diskutér dem.',
    description:
      'Andet tema i rækken "Viden skaber os" gav børn og voksne mulighed for at prøve kræfter med programmering, robotter og algoritmer og for at diskutere, hvordan koden former vores hverdag.',
    focusAreas: ['DIGITAL_OUTREACH', 'SCHOOLS_MUSEUMS_ARCHIVES', 'ACTIVITIES_CHILDREN_ADULTS'],
    opens: '2018-04-03T09:00:00+02:00',
    closes: '2018-06-15T23:59:59+02:00',
    createdAt: '2018-03-05T09:00:00+01:00',
  },
  {
    number: 9,
    slug: 'verdensmaalene',
    title: 'Verdensmålene',
    year: 2019,
    startWeek: 10,
    endWeek: 13,
    demo: true,
    summary: 'FN’s 17 verdensmål i øjenhøjde: hvad kan vi gøre lokalt?',
    description:
      'Et demotema om FN’s verdensmål for bæredygtig udvikling, med lokale eksempler på klimahandling, ligestilling og ansvarligt forbrug.',
    focusAreas: ['PUBLIC_DEBATE', 'PARTNERSHIPS', 'SCHOOLS_MUSEUMS_ARCHIVES'],
    opens: '2018-10-01T09:00:00+02:00',
    closes: '2018-12-14T23:59:59+01:00',
    createdAt: '2018-09-03T09:00:00+02:00',
  },
  {
    number: 10,
    slug: 'de-store-forfattere',
    title: 'De store forfattere',
    year: 2019,
    startWeek: 40,
    endWeek: 44,
    demo: false,
    summary: 'Klassikerne på ny: de store forfattere læst, diskuteret og formidlet sammen med DR.',
    description:
      'Sammen med DR satte bibliotekerne de store forfattere i centrum med læsekredse, oplæsninger, foredrag og debatter om, hvorfor klassikerne stadig taler til os.',
    focusAreas: ['INSPIRATION_KNOWLEDGE_LITERATURE', 'PARTNERSHIPS', 'DIGITAL_OUTREACH'],
    opens: '2019-04-01T09:00:00+02:00',
    closes: '2019-06-14T23:59:59+02:00',
    createdAt: '2019-03-04T09:00:00+01:00',
  },
  {
    number: 11,
    slug: DEMO_THEME_SLUG,
    title: 'Vores natur',
    year: 2020,
    startWeek: 16,
    endWeek: 20,
    demo: false,
    summary:
      'Hvad betyder naturen for os – og hvad betyder vi for naturen? I uge 16–20 inviterer landets biblioteker til naturvandringer, foredrag, værksteder og debat om den danske natur, biodiversitet og friluftsliv.',
    description: [
      'Tema 11 – Vores natur sætter fokus på naturen lige uden for døren: skoven, stranden, engen, åen og byens grønne åndehuller. Temaet handler om oplevelser og viden, men også om den aktuelle debat om biodiversitet, vild natur og klima.',
      'Bibliotekerne samarbejder med DR, Friluftsrådet, Naturstyrelsen og de naturhistoriske museer og med lokale skoler, museer, arkiver og foreninger. Sammen skaber de aktiviteter for børn og voksne – på biblioteket, ude i naturen, på nettet og på de sociale medier.',
      'Temaet giver inspiration, viden og litteratur: boglister, podcasts og film om fugle, træer, svampe, insekter og havet, og kampagnemateriale, som alle deltagende biblioteker kan bruge.',
      'På grund af covid-19 blev en stor del af programmet i foråret 2020 gennemført digitalt, med livestreamede foredrag, quizzer på de sociale medier og vandreture, man kan gå på egen hånd.',
    ].join('\n\n'),
    focusAreas: ALL_FOCUS_AREAS,
    opens: '2020-01-06T09:00:00+01:00',
    closes: '2020-04-01T00:00:00+02:00',
    image: {
      url: `${DEMO_WEB}/billeder/temaer/vores-natur.jpg`,
      alt: 'Lysegrøn bøgeskov i maj med sollys mellem stammerne og anemoner i skovbunden',
      credit: 'Foto: Temahub (demobillede)',
    },
    createdAt: '2019-12-02T09:00:00+01:00',
  },
  {
    number: 12,
    slug: 'vores-natur-del-2',
    title: 'Vores natur – del 2',
    year: 2020,
    startWeek: 37,
    endWeek: 42,
    demo: false,
    summary: 'Naturtemaet fortsætter i efteråret: svampeture, trækfugle, efterårsskoven og de gode naturbøger.',
    description:
      'Efter et forår præget af covid-19 fortsætter bibliotekerne arbejdet med naturen i uge 37–42: de aktiviteter, der ikke kunne gennemføres i foråret, og nye om efterårets natur.',
    focusAreas: ['ACTIVITIES_CHILDREN_ADULTS', 'INSPIRATION_KNOWLEDGE_LITERATURE', 'DIGITAL_OUTREACH', 'PARTNERSHIPS'],
    opens: '2020-05-25T09:00:00+02:00',
    closes: '2020-08-15T00:00:00+02:00',
    createdAt: '2020-05-18T09:00:00+02:00',
  },
  {
    number: 25,
    slug: 'fremtidens-faellesskaber',
    title: 'Fremtidens fællesskaber',
    year: 2027,
    startWeek: 10,
    endWeek: 14,
    demo: true,
    summary:
      'Hvor mødes vi, når foreningerne mangler frivillige og fællesskaberne flytter på nettet? Et demotema om fællesskaber i lokalsamfundet.',
    description: [
      'Fremtidens fællesskaber er et demotema: bibliotekerne inviterer til fællesspisning, brætspil, fortællecaféer og debat om foreningsliv, naboskab og digitale fællesskaber.',
      'Tilmeld jeres bibliotek senest 15. januar 2027.',
    ].join('\n\n'),
    focusAreas: ['PARTNERSHIPS', 'PUBLIC_DEBATE', 'ACTIVITIES_CHILDREN_ADULTS', 'DIGITAL_OUTREACH'],
    opens: '2026-10-01T09:00:00+02:00',
    closes: '2027-01-16T00:00:00+01:00',
    image: {
      url: `${DEMO_WEB}/billeder/temaer/fremtidens-faellesskaber.jpg`,
      alt: 'Mennesker i alle aldre spiser sammen ved et langt bord på et bibliotek',
      credit: 'Foto: Temahub (demobillede)',
    },
    createdAt: '2026-09-14T09:00:00+02:00',
  },
  {
    number: 26,
    slug: 'vand',
    title: 'Vand – fra vandhanen til verdenshavet',
    year: 2027,
    startWeek: 38,
    endWeek: 42,
    demo: true,
    summary: 'Et demotema om drikkevand, vandløb, havstigninger og havets liv.',
    description:
      'Vand er et demotema for efteråret 2027 om vores vand: grundvandet, åerne, kysterne og havet, og om klimatilpasning, når havet stiger og regnen falder voldsommere.',
    focusAreas: ['PUBLIC_DEBATE', 'SCHOOLS_MUSEUMS_ARCHIVES', 'INSPIRATION_KNOWLEDGE_LITERATURE'],
    opens: '2027-03-01T09:00:00+01:00',
    closes: '2027-06-16T00:00:00+02:00',
    createdAt: '2026-11-02T09:00:00+01:00',
  },
];

const themeId = (n: number) => seedId('theme', n);

function themeRows(): ThemeRow[] {
  return THEMES.map((t) => ({
    id: themeId(t.number),
    number: t.number,
    slug: t.slug,
    title: t.title,
    summary: t.summary,
    description: t.description,
    year: t.year,
    start_week: t.startWeek,
    end_week: t.endWeek,
    registration_opens_at: t.opens ?? null,
    registration_closes_at: t.closes ?? null,
    focus_areas: t.focusAreas,
    image_url: t.image?.url ?? null,
    image_alt: t.image?.alt ?? null,
    image_credit: t.image?.credit ?? null,
    is_published: true,
    is_demo: t.demo,
    created_at: t.createdAt,
    updated_at: t.createdAt,
  }));
}

// ---------------------------------------------------------------------------------------------
// Partners

interface NationalPartnerDef {
  key: string;
  name: string;
  kind: PartnerKind;
  website: string;
  description: string;
  demo: boolean;
}

const NATIONAL_PARTNERS: readonly NationalPartnerDef[] = [
  {
    key: 'dr',
    name: 'DR',
    kind: 'MEDIA',
    website: 'https://www.dr.dk',
    demo: false,
    description: 'Danmarks Radio, det landsdækkende public service-medie.',
  },
  {
    key: 'friluftsraadet',
    name: 'Friluftsrådet',
    kind: 'ASSOCIATION',
    website: 'https://friluftsraadet.dk',
    demo: false,
    description: 'Paraplyorganisation for foreninger, der arbejder med friluftsliv.',
  },
  {
    key: 'naturstyrelsen',
    name: 'Naturstyrelsen',
    kind: 'AUTHORITY',
    website: 'https://naturstyrelsen.dk',
    demo: false,
    description: 'Statens styrelse for statens skove og naturarealer.',
  },
  {
    key: 'snm',
    name: 'Statens Naturhistoriske Museum',
    kind: 'MUSEUM',
    website: 'https://snm.ku.dk',
    demo: false,
    description: 'Danmarks nationale naturhistoriske museum under Københavns Universitet.',
  },
  {
    key: 'nathist-aarhus',
    name: 'Naturhistorisk Museum Aarhus',
    kind: 'MUSEUM',
    website: 'https://www.nathist.dk',
    demo: false,
    description: 'Naturhistorisk museum i Universitetsparken i Aarhus.',
  },
  {
    key: 'nye-faellesskaber',
    name: 'Netværket Nye Fællesskaber',
    kind: 'ASSOCIATION',
    website: `${DEMO_WEB}/partnere/nye-faellesskaber`,
    demo: true,
    description: 'Demopartner: landsdækkende netværk for foreninger og frivillige.',
  },
  {
    key: 'faellesskabsradioen',
    name: 'Fællesskabsradioen',
    kind: 'MEDIA',
    website: `${DEMO_WEB}/partnere/faellesskabsradioen`,
    demo: true,
    description: 'Demopartner: podcast- og radioprojekt om fællesskaber i hele landet.',
  },
];

const THEME_PARTNERS: readonly { theme: number; partner: string; role: string }[] = [
  { theme: 10, partner: 'dr', role: 'mediepartner' },
  { theme: 11, partner: 'dr', role: 'mediepartner' },
  { theme: 11, partner: 'friluftsraadet', role: 'friluftspartner' },
  { theme: 11, partner: 'naturstyrelsen', role: 'naturpartner' },
  { theme: 11, partner: 'snm', role: 'museumspartner' },
  { theme: 11, partner: 'nathist-aarhus', role: 'museumspartner' },
  { theme: 25, partner: 'nye-faellesskaber', role: 'foreningspartner' },
  { theme: 25, partner: 'faellesskabsradioen', role: 'mediepartner' },
];

interface LocalPartnerDef {
  municipality: number;
  name: string;
  kind: PartnerKind;
  description: string;
  /** Street address, used when the partner is an activity's venue. */
  address: string;
}

const LOCAL_PARTNERS: readonly LocalPartnerDef[] = [
  {
    municipality: 851,
    name: 'Aalborg Naturskole',
    kind: 'OTHER',
    description: 'Naturskole for kommunens skoler og daginstitutioner.',
    address: 'Skovbakken 4',
  },
  {
    municipality: 851,
    name: 'Fuglevennerne i Aalborg',
    kind: 'ASSOCIATION',
    description: 'Lokal forening for fuglekiggere.',
    address: 'Fjordvej 12',
  },
  {
    municipality: 851,
    name: 'Vestbyens Skole',
    kind: 'SCHOOL',
    description: 'Folkeskole med naturfagsprofil.',
    address: 'Skolegade 20',
  },
  {
    municipality: 851,
    name: 'Radio Limfjord Lokal',
    kind: 'MEDIA',
    description: 'Lokalradio for Aalborg og omegn.',
    address: 'Havnegade 3',
  },
  {
    municipality: 851,
    name: 'Aalborg Kommune, Park og Natur',
    kind: 'AUTHORITY',
    description: 'Kommunens forvaltning af parker og naturområder.',
    address: 'Rådhuspladsen 1',
  },
  {
    municipality: 751,
    name: 'Skovbrynets Skole',
    kind: 'SCHOOL',
    description: 'Folkeskole ved skoven.',
    address: 'Skovbrynet 2',
  },
  {
    municipality: 751,
    name: 'Østjyske Svampevenner',
    kind: 'ASSOCIATION',
    description: 'Forening for svampeinteresserede.',
    address: 'Egevej 7',
  },
  {
    municipality: 751,
    name: 'Egnsarkivet i Viby',
    kind: 'ARCHIVE',
    description: 'Lokalhistorisk arkiv.',
    address: 'Kirkevej 9',
  },
  {
    municipality: 751,
    name: 'Café Skovsnogen',
    kind: 'BUSINESS',
    description: 'Café og udflugtsmål i skoven.',
    address: 'Skovvejen 110',
  },
  {
    municipality: 751,
    name: 'Naturformidling Aarhus Syd',
    kind: 'OTHER',
    description: 'Naturvejledere for børn og voksne.',
    address: 'Mosevej 5',
  },
  {
    municipality: 461,
    name: 'Fynske Insektvenner',
    kind: 'ASSOCIATION',
    description: 'Forening for insekter og vilde bier.',
    address: 'Engvej 14',
  },
  {
    municipality: 461,
    name: 'Lokalarkivet Dalum-Hjallese',
    kind: 'ARCHIVE',
    description: 'Lokalhistorisk arkiv.',
    address: 'Dalumvej 40',
  },
  {
    municipality: 461,
    name: 'Ådalens Skole',
    kind: 'SCHOOL',
    description: 'Folkeskole ved Odense Å.',
    address: 'Åløkkevej 8',
  },
  {
    municipality: 461,
    name: 'Det Grønne Værksted',
    kind: 'BUSINESS',
    description: 'Planteskole og værksted.',
    address: 'Havevej 3',
  },
  {
    municipality: 101,
    name: 'Fælledens Naturværksted',
    kind: 'OTHER',
    description: 'Naturværksted for byens børn.',
    address: 'Fælledvej 30',
  },
  {
    municipality: 101,
    name: 'Byhaveforeningen Nørrebro',
    kind: 'ASSOCIATION',
    description: 'Forening for fælles byhaver.',
    address: 'Byhavestien 2',
  },
  {
    municipality: 101,
    name: 'Københavnske Stemmer',
    kind: 'MEDIA',
    description: 'Lokal podcast om livet i byen.',
    address: 'Nørrebrogade 100',
  },
  { municipality: 101, name: 'Skolen ved Parken', kind: 'SCHOOL', description: 'Folkeskole.', address: 'Parkvej 6' },
  {
    municipality: 265,
    name: 'Fjordens Naturmuseum',
    kind: 'MUSEUM',
    description: 'Lille museum for fjordens natur.',
    address: 'Strandvejen 18',
  },
  {
    municipality: 265,
    name: 'Roskilde Ornitologer',
    kind: 'ASSOCIATION',
    description: 'Fugleforening.',
    address: 'Fjordstien 4',
  },
  {
    municipality: 265,
    name: 'Himmelev Lokalarkiv',
    kind: 'ARCHIVE',
    description: 'Lokalhistorisk arkiv.',
    address: 'Himmelev Bygade 2',
  },
  {
    municipality: 657,
    name: 'Midtjysk Naturformidling',
    kind: 'OTHER',
    description: 'Naturvejledning på heden og i plantagerne.',
    address: 'Hedevej 10',
  },
  {
    municipality: 657,
    name: 'Herning Lokalavis Nu',
    kind: 'MEDIA',
    description: 'Lokal netavis.',
    address: 'Bredgade 15',
  },
  { municipality: 657, name: 'Hedeskolen', kind: 'SCHOOL', description: 'Folkeskole.', address: 'Skolevej 1' },
  {
    municipality: 657,
    name: 'Egnsmuseet på Heden',
    kind: 'MUSEUM',
    description: 'Museum for hedens natur og kultur.',
    address: 'Museumsvej 2',
  },
  {
    municipality: 630,
    name: 'Vejle Ådal Naturlaug',
    kind: 'ASSOCIATION',
    description: 'Naturlaug for Vejle Ådal.',
    address: 'Ådalsvej 22',
  },
  {
    municipality: 630,
    name: 'Fjordbyens Outdoorbutik',
    kind: 'BUSINESS',
    description: 'Butik med udstyr til friluftsliv.',
    address: 'Søndergade 11',
  },
  {
    municipality: 630,
    name: 'Vejle Egnsmuseum for Natur',
    kind: 'MUSEUM',
    description: 'Naturhistorisk egnsmuseum.',
    address: 'Flegborg 3',
  },
  {
    municipality: 630,
    name: 'Vejle Kommune, Natur og Miljø',
    kind: 'AUTHORITY',
    description: 'Kommunens natur- og miljøafdeling.',
    address: 'Kirketorvet 22',
  },
  {
    municipality: 561,
    name: 'Vadehavets Naturvejledning',
    kind: 'OTHER',
    description: 'Naturvejledning ved Vadehavet.',
    address: 'Digevej 5',
  },
  {
    municipality: 561,
    name: 'Strandrenserne Esbjerg',
    kind: 'ASSOCIATION',
    description: 'Frivillige, der renser strande.',
    address: 'Strandbygade 9',
  },
  {
    municipality: 561,
    name: 'Ribe Egnsarkiv',
    kind: 'ARCHIVE',
    description: 'Lokalhistorisk arkiv.',
    address: 'Overdammen 4',
  },
  {
    municipality: 370,
    name: 'Suså-lauget',
    kind: 'ASSOCIATION',
    description: 'Forening for Suså og dens natur.',
    address: 'Åvej 3',
  },
  { municipality: 370, name: 'Næstved Naturskole', kind: 'OTHER', description: 'Naturskole.', address: 'Skovvej 44' },
  {
    municipality: 370,
    name: 'Karrebæksminde Havnecafé',
    kind: 'BUSINESS',
    description: 'Café ved havnen.',
    address: 'Havnevej 1',
  },
  {
    municipality: 400,
    name: 'Bornholms Klippenatur',
    kind: 'MUSEUM',
    description: 'Udstilling om Bornholms geologi og natur.',
    address: 'Klippevej 7',
  },
  {
    municipality: 400,
    name: 'Rønne Nordre Skole',
    kind: 'SCHOOL',
    description: 'Folkeskole.',
    address: 'Skolebakken 3',
  },
  {
    municipality: 400,
    name: 'Bornholmsk Lokalradio',
    kind: 'MEDIA',
    description: 'Lokalradio.',
    address: 'Store Torv 5',
  },
  {
    municipality: 787,
    name: 'Thy Naturlaug',
    kind: 'ASSOCIATION',
    description: 'Naturlaug i Thy.',
    address: 'Klitvej 8',
  },
  {
    municipality: 787,
    name: 'Thy Lokalhistoriske Arkiv',
    kind: 'ARCHIVE',
    description: 'Lokalhistorisk arkiv.',
    address: 'Store Torv 2',
  },
  {
    municipality: 787,
    name: 'Thisted Kommune, Natur og Miljø',
    kind: 'AUTHORITY',
    description: 'Kommunens natur- og miljøafdeling.',
    address: 'Asylgade 30',
  },
  {
    municipality: 540,
    name: 'Als Naturcenter',
    kind: 'OTHER',
    description: 'Naturcenter og naturvejledning.',
    address: 'Skovvej 2',
  },
  {
    municipality: 540,
    name: 'Sønderborg Egnsarkiv',
    kind: 'ARCHIVE',
    description: 'Lokalhistorisk arkiv.',
    address: 'Rådhustorvet 1',
  },
  {
    municipality: 730,
    name: 'Randers Fjords Fuglevenner',
    kind: 'ASSOCIATION',
    description: 'Fugleforening.',
    address: 'Fjordvej 3',
  },
  {
    municipality: 730,
    name: 'Gudenåens Kajakudlejning',
    kind: 'BUSINESS',
    description: 'Kajak- og kanoudlejning.',
    address: 'Åbrinken 12',
  },
  {
    municipality: 330,
    name: 'Vestsjællands Naturskole',
    kind: 'OTHER',
    description: 'Naturskole.',
    address: 'Skovbrynet 9',
  },
  {
    municipality: 330,
    name: 'Slagelse Lokalavis',
    kind: 'MEDIA',
    description: 'Lokal netavis.',
    address: 'Fisketorvet 1',
  },
];

interface PartnerInfo {
  id: string;
  name: string;
  kind: PartnerKind;
  address?: string;
}

/** National partners with a public venue, which can host activities in their own town. */
const NATIONAL_VENUES: Record<
  string,
  {
    municipality: number;
    address: string;
    postalCode: string;
    city: string;
    latitude: number;
    longitude: number;
  }
> = {
  snm: {
    municipality: 101,
    address: 'Øster Voldgade 5-7',
    postalCode: '1350',
    city: 'København K',
    latitude: 55.6869,
    longitude: 12.5783,
  },
  'nathist-aarhus': {
    municipality: 751,
    address: 'Wilhelm Meyers Allé 10',
    postalCode: '8000',
    city: 'Aarhus C',
    latitude: 56.166,
    longitude: 10.203,
  },
};

/**
 * Local partners: the hand-written ones above, plus a nature guild ("naturlaug") in every other
 * municipality given, so that most activities can name a co-organiser.
 */
function partnerData(guildTowns: ReadonlyMap<number, string>): {
  rows: PartnerRow[];
  national: Map<string, PartnerInfo>;
  local: Map<number, PartnerInfo[]>;
} {
  const rows: PartnerRow[] = [];
  const national = new Map<string, PartnerInfo>();
  const local = new Map<number, PartnerInfo[]>();
  for (const p of NATIONAL_PARTNERS) {
    const id = seedId('partner', `national:${p.key}`);
    national.set(p.key, { id, name: p.name, kind: p.kind });
    rows.push({
      id,
      name: p.name,
      kind: p.kind,
      scope: 'NATIONAL',
      website: p.website,
      description: p.description,
      municipality_code: null,
      is_demo: p.demo,
      created_at: '2019-12-02T09:00:00+01:00',
      updated_at: '2019-12-02T09:00:00+01:00',
    });
  }
  const withPartners = new Set(LOCAL_PARTNERS.map((p) => p.municipality));
  const guilds: LocalPartnerDef[] = [...guildTowns]
    .filter(([code]) => !withPartners.has(code))
    .map(([municipality, town]) => ({
      municipality,
      name: `Naturlauget i ${town}`,
      kind: 'ASSOCIATION',
      description: 'Lokal forening for naturpleje, naturformidling og ture i nærområdet.',
      address: 'Foreningshuset, Skolevej 2',
    }));
  for (const p of [...LOCAL_PARTNERS, ...guilds]) {
    const id = seedId('partner', `local:${p.municipality}:${asciiSlug(p.name)}`);
    const list = local.get(p.municipality) ?? [];
    list.push({ id, name: p.name, kind: p.kind, address: p.address });
    local.set(p.municipality, list);
    rows.push({
      id,
      name: p.name,
      kind: p.kind,
      scope: 'LOCAL',
      website: `${DEMO_WEB}/partnere/${asciiSlug(p.name)}`,
      description: p.description,
      municipality_code: p.municipality,
      is_demo: true,
      created_at: '2020-02-03T09:00:00+01:00',
      updated_at: '2020-02-03T09:00:00+01:00',
    });
  }
  return { rows, national, local };
}

// ---------------------------------------------------------------------------------------------
// Materials

interface MaterialDef {
  key: string;
  kind: MaterialKind;
  title: string;
  creator: string | null;
  audiences: Audience[];
  demo: boolean;
  themes: number[];
}

const MATERIALS: readonly MaterialDef[] = [
  {
    key: 'campaign-plakatsaet',
    kind: 'CAMPAIGN_MATERIAL',
    title: 'Plakatsæt: Vores natur',
    creator: 'Bibliotekernes Temasamarbejde',
    audiences: ['EVERYONE'],
    demo: true,
    themes: [11],
  },
  {
    key: 'booklist-laes-om-naturen',
    kind: 'BOOK_LIST',
    title: 'Læs om naturen – 25 bøger for voksne',
    creator: 'Bibliotekernes Temasamarbejde',
    audiences: ['ADULTS'],
    demo: true,
    themes: [11],
  },
  {
    key: 'booklist-naturboger-born',
    kind: 'BOOK_LIST',
    title: 'Naturbøger for børn',
    creator: 'Bibliotekernes Temasamarbejde',
    audiences: ['CHILDREN', 'FAMILIES', 'SCHOOL_CLASSES'],
    demo: true,
    themes: [11],
  },
  {
    key: 'book-wohlleben-traeernes-hemmelige-liv',
    kind: 'BOOK',
    title: 'Træernes hemmelige liv',
    creator: 'Peter Wohlleben',
    audiences: ['ADULTS'],
    demo: false,
    themes: [11, 12],
  },
  {
    key: 'book-carson-det-tavse-foraar',
    kind: 'BOOK',
    title: 'Det tavse forår',
    creator: 'Rachel Carson',
    audiences: ['ADULTS'],
    demo: false,
    themes: [11],
  },
  {
    key: 'book-christensen-sommerfugledalen',
    kind: 'BOOK',
    title: 'Sommerfugledalen',
    creator: 'Inger Christensen',
    audiences: ['ADULTS', 'YOUTH'],
    demo: false,
    themes: [11],
  },
  {
    key: 'book-andersen-den-grimme-aelling',
    kind: 'BOOK',
    title: 'Den grimme ælling',
    creator: 'H.C. Andersen',
    audiences: ['CHILDREN', 'FAMILIES'],
    demo: false,
    themes: [11],
  },
  {
    key: 'book-darwin-arternes-oprindelse',
    kind: 'BOOK',
    title: 'Arternes oprindelse',
    creator: 'Charles Darwin',
    audiences: ['ADULTS'],
    demo: false,
    themes: [11],
  },
  {
    key: 'book-thoreau-walden',
    kind: 'BOOK',
    title: 'Walden',
    creator: 'Henry David Thoreau',
    audiences: ['ADULTS', 'YOUTH'],
    demo: false,
    themes: [11, 12],
  },
  {
    key: 'booklist-havet',
    kind: 'BOOK_LIST',
    title: 'Havet i litteraturen',
    creator: 'Bibliotekernes Temasamarbejde',
    audiences: ['ADULTS', 'YOUTH'],
    demo: true,
    themes: [11],
  },
  {
    key: 'podcast-naturen-kalder',
    kind: 'PODCAST',
    title: 'Naturen kalder',
    creator: 'DR',
    audiences: ['ADULTS'],
    demo: true,
    themes: [11],
  },
  {
    key: 'podcast-lyt-til-fuglene',
    kind: 'PODCAST',
    title: 'Lyt til fuglene',
    creator: 'DR',
    audiences: ['EVERYONE'],
    demo: true,
    themes: [11],
  },
  {
    key: 'video-et-aar-i-skoven',
    kind: 'VIDEO',
    title: 'Et år i den danske skov',
    creator: 'DR',
    audiences: ['FAMILIES', 'SCHOOL_CLASSES'],
    demo: true,
    themes: [11],
  },
  {
    key: 'video-insekternes-verden',
    kind: 'VIDEO',
    title: 'Insekternes hemmelige verden',
    creator: 'DR',
    audiences: ['CHILDREN', 'SCHOOL_CLASSES'],
    demo: true,
    themes: [11],
  },
  {
    key: 'article-naturvandring',
    kind: 'ARTICLE',
    title: 'Sådan arrangerer du en naturvandring fra biblioteket',
    creator: 'Bibliotekernes Temasamarbejde',
    audiences: ['EVERYONE'],
    demo: true,
    themes: [11],
  },
  {
    key: 'article-biodiversitet',
    kind: 'ARTICLE',
    title: 'Biodiversitet – hvad er det, og hvorfor taler alle om det?',
    creator: 'Bibliotekernes Temasamarbejde',
    audiences: ['ADULTS', 'YOUTH'],
    demo: true,
    themes: [11],
  },
  {
    key: 'campaign-some-kit',
    kind: 'CAMPAIGN_MATERIAL',
    title: 'Grafisk kit til sociale medier: Vores natur',
    creator: 'Bibliotekernes Temasamarbejde',
    audiences: ['EVERYONE'],
    demo: true,
    themes: [11],
  },
  {
    key: 'campaign-naturbingo',
    kind: 'CAMPAIGN_MATERIAL',
    title: 'Naturbingo – plade til print',
    creator: 'Bibliotekernes Temasamarbejde',
    audiences: ['CHILDREN', 'FAMILIES'],
    demo: true,
    themes: [11],
  },
  {
    key: 'booklist-efteraarets-natur',
    kind: 'BOOK_LIST',
    title: 'Efterårets natur – bøger om svampe, træer og trækfugle',
    creator: 'Bibliotekernes Temasamarbejde',
    audiences: ['ADULTS', 'FAMILIES'],
    demo: true,
    themes: [12],
  },
  {
    key: 'booklist-faellesskaber',
    kind: 'BOOK_LIST',
    title: 'Fællesskaber i litteraturen',
    creator: 'Bibliotekernes Temasamarbejde',
    audiences: ['ADULTS', 'YOUTH'],
    demo: true,
    themes: [25],
  },
  {
    key: 'campaign-plakatsaet-faellesskaber',
    kind: 'CAMPAIGN_MATERIAL',
    title: 'Plakatsæt: Fremtidens fællesskaber',
    creator: 'Bibliotekernes Temasamarbejde',
    audiences: ['EVERYONE'],
    demo: true,
    themes: [25],
  },
];

const materialId = (key: string) => seedId('material', key);

function materialRows(): MaterialRow[] {
  return MATERIALS.map((m) => ({
    id: materialId(m.key),
    kind: m.kind,
    title: m.title,
    creator: m.creator,
    isbn: null,
    url: m.kind === 'BOOK' ? null : `${DEMO_WEB}/materialer/${m.key}`,
    audiences: m.audiences,
    is_demo: m.demo,
    created_at: m.themes.includes(25) ? '2026-09-14T09:00:00+02:00' : '2019-12-16T10:00:00+01:00',
  }));
}

function themeMaterialRows(): ThemeMaterialRow[] {
  const rows: ThemeMaterialRow[] = [];
  for (const t of THEMES) {
    MATERIALS.filter((m) => m.themes.includes(t.number)).forEach((m, position) =>
      rows.push({ theme_id: themeId(t.number), material_id: materialId(m.key), position }),
    );
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Registrations

const FIRST_NAMES = [
  'Mette',
  'Anne',
  'Hanne',
  'Lene',
  'Kirsten',
  'Susanne',
  'Lars',
  'Jens',
  'Peter',
  'Søren',
  'Mads',
  'Camilla',
  'Louise',
  'Maria',
  'Rasmus',
  'Jakob',
  'Line',
  'Sofie',
  'Pernille',
  'Trine',
  'Bo',
  'Henrik',
  'Morten',
  'Birgitte',
  'Karen',
  'Jette',
  'Ole',
  'Thomas',
  'Ida',
  'Signe',
  'Åse',
  'Bjørn',
];
const LAST_NAMES = [
  'Hansen',
  'Jensen',
  'Nielsen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
  'Knudsen',
  'Holm',
  'Lund',
  'Bak',
  'Skov',
  'Dahl',
  'Østergaard',
];

function contact(prng: Prng, library: LibraryInfo): { name: string; email: string } {
  const first = prng.pick(FIRST_NAMES);
  const last = prng.pick(LAST_NAMES);
  return { name: `${first} ${last}`, email: `${asciiSlug(first)}.${asciiSlug(last)}@${library.domain}` };
}

function dateBetween(prng: Prng, from: string, to: string): LocalDate {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const start = { year: fy, month: fm, day: fd };
  return addDays(start, prng.int(0, daysBetween(from, to)));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function timeOn(prng: Prng, d: LocalDate, fromHour = 8, toHour = 15): string {
  return copenhagen(d, prng.int(fromHour, toHour), prng.int(0, 59));
}

const REGISTRATION_NOTES = [
  'Vi deltager med både hovedbiblioteket og lokalbibliotekerne.',
  'Vi samarbejder med den lokale naturskole.',
  'Vi satser især på digitale aktiviteter.',
  'Kontakt os gerne om fælles markedsføring i regionen.',
];

interface RegistrationPlan {
  theme: number;
  library: LibraryInfo;
  withdrawn: boolean;
  window: readonly [from: string, to: string];
  withdrawnWindow?: readonly [from: string, to: string];
  withdrawnNote?: string;
}

function registrationRows(plans: readonly RegistrationPlan[], prng: Prng): RegistrationRow[] {
  return plans.map((p) => {
    const who = contact(prng, p.library);
    const registeredAt = timeOn(prng, dateBetween(prng, p.window[0], p.window[1]));
    const withdrawnAt =
      p.withdrawn && p.withdrawnWindow
        ? timeOn(prng, dateBetween(prng, p.withdrawnWindow[0], p.withdrawnWindow[1]))
        : null;
    const note = p.withdrawn ? (p.withdrawnNote ?? null) : prng.chance(0.2) ? prng.pick(REGISTRATION_NOTES) : null;
    return {
      id: seedId('registration', `${p.theme}:${p.library.isil}`),
      theme_id: themeId(p.theme),
      library_id: p.library.id,
      status: p.withdrawn ? 'WITHDRAWN' : 'REGISTERED',
      contact_name: who.name,
      contact_email: who.email,
      note,
      registered_at: registeredAt,
      withdrawn_at: withdrawnAt,
      updated_at: withdrawnAt ?? registeredAt,
      is_demo: true,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Activities

interface ThemeSeason {
  number: number;
  year: number;
  startWeek: number;
  endWeek: number;
  /** Dates (YYYY-MM-DD) between which the season's activities were created and published. */
  publishWindow: readonly [from: string, to: string];
  /** Whether the season has ended by "today" (attendance may be reported). */
  ended: boolean;
  /** National partners of the theme that activities may name as co-organisers. */
  nationalPartners: ReadonlySet<string>;
}

interface ActivityPlan {
  library: LibraryInfo;
  concept: ActivityConcept;
  status: ActivityStatus;
  channel: Channel;
  week: number;
  cancellationReason?: string;
}

interface GeneratedActivities {
  activities: ActivityRow[];
  partners: ActivityPartnerRow[];
  materials: ActivityMaterialRow[];
}

const OUTDOOR_VENUES: Record<OutdoorPlace, { names: readonly string[]; streets: readonly string[] }> = {
  skov: {
    names: ['P-pladsen ved skoven', 'Shelterpladsen i skovbrynet', 'Naturlegepladsen i skoven'],
    streets: ['Skovvej', 'Skovbrynet', 'Egevej'],
  },
  strand: {
    names: ['Stranden ved lystbådehavnen', 'Badebroen ved Nordstranden', 'Strandparken'],
    streets: ['Strandvejen', 'Havnevej', 'Klitvej'],
  },
  aa: {
    names: ['Åstien ved den gamle mølle', 'Broen over åen', 'Søbredden ved bådebroen'],
    streets: ['Møllevej', 'Ådalsvej', 'Søvej'],
  },
  park: {
    names: ['Byparken ved springvandet', 'Bibliotekshaven', 'Den gamle kirkegård'],
    streets: ['Parkallé', 'Kirkegade', 'Torvet'],
  },
  eng: {
    names: ['Vandhullet ved naturskolen', 'Engen bag skolen', 'Udsigtspunktet på bakken'],
    streets: ['Engvej', 'Bakkevej', 'Mosevej'],
  },
};

const PARTNER_VENUE_KINDS: readonly PartnerKind[] = ['MUSEUM', 'SCHOOL', 'ARCHIVE', 'OTHER', 'BUSINESS'];
const GENERIC_PARTNER_VENUES = ['Kulturhuset', 'Naturskolen', 'Medborgerhuset', 'Egnsmuseet'];
const PHYSICAL_FEATURES: readonly AccessibilityFeature[] = ['STEP_FREE_ACCESS', 'ACCESSIBLE_TOILET', 'HEARING_LOOP'];
const DIGITAL_CHANNELS: readonly Channel[] = ['WEB', 'SOCIAL_MEDIA'];

const round = (n: number, digits: number) => Number(n.toFixed(digits));

interface Venue {
  name: string;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

interface SeasonPartners {
  national: Map<string, PartnerInfo>;
  local: Map<number, PartnerInfo[]>;
}

/**
 * The season's activities from their plans. Every random choice is drawn from `prng` in a fixed
 * order (when, where and with whom, accessibility, offer, lifecycle), so the output is stable.
 */
function generateActivities(
  season: ThemeSeason,
  plans: readonly ActivityPlan[],
  partners: SeasonPartners,
  prng: Prng,
): GeneratedActivities {
  const out: GeneratedActivities = { activities: [], partners: [], materials: [] };
  const sequence = new Map<string, number>();
  for (const plan of plans) {
    const { library, concept } = plan;
    const seq = (sequence.get(library.isil) ?? 0) + 1;
    sequence.set(library.isil, seq);
    const id = seedId('activity', `${season.number}:${library.isil}:${seq}`);
    const when = activityTimes(season, concept, plan.week, prng);
    const { venue, partnerIds } = venueAndPartners(season, plan, partners, prng);
    const accessibility = accessibilityOf(concept, plan.channel, prng);
    const offer = offerOf(concept, plan.channel, `${library.website}/arrangementer/${id.slice(0, 8)}`, prng);
    const lifecycle = lifecycleOf(season, plan, when.day, offer.capacity, prng);
    out.activities.push(activityRow(id, season, plan, when, venue, accessibility, offer, lifecycle));
    for (const partnerId of partnerIds) out.partners.push({ activity_id: id, partner_id: partnerId });
    for (const key of concept.materials ?? []) out.materials.push({ activity_id: id, material_id: materialId(key) });
  }
  return out;
}

interface ActivityTimes {
  day: LocalDate;
  startsAt: string;
  endsAt: string;
}

/** A day of the planned week the concept may fall on; multi-day activities end by the season's last day. */
function activityTimes(season: ThemeSeason, concept: ActivityConcept, week: number, prng: Prng): ActivityTimes {
  const day = isoWeekDay(season.year, week, prng.pick(concept.weekdays));
  const [hour, minute] = concept.start;
  const startsAt = copenhagen(day, hour, minute);
  if (concept.spanDays !== undefined) {
    const lastDay = isoWeekDay(season.year, season.endWeek, 7);
    let end = addDays(day, concept.spanDays);
    if (formatDate(end) > formatDate(lastDay)) end = lastDay;
    return { day, startsAt, endsAt: copenhagen(end, concept.endHour ?? 20) };
  }
  const total = hour * 60 + minute + concept.minutes;
  if (total >= 24 * 60) throw new Error(`Activity ${concept.key} runs past midnight`);
  return { day, startsAt, endsAt: copenhagen(day, Math.floor(total / 60), total % 60) };
}

/** Where the activity takes place, by channel, and its co-organising partners (a host venue's first). */
function venueAndPartners(
  season: ThemeSeason,
  plan: ActivityPlan,
  partners: SeasonPartners,
  prng: Prng,
): { venue: Venue | null; partnerIds: string[] } {
  const { library, concept, channel } = plan;
  const partnerIds: string[] = [];
  const addPartner = (p: PartnerInfo | undefined) => {
    if (p && !partnerIds.includes(p.id)) partnerIds.push(p.id);
  };
  const locals = partners.local.get(library.municipalityCode) ?? [];
  const fitting = locals.filter((p) => concept.partnerKinds?.includes(p.kind));
  let venue: Venue | null = null;
  const nearby = () => ({
    latitude: round(library.site.latitude + (prng.next() - 0.5) * 0.04, 5),
    longitude: round(library.site.longitude + (prng.next() - 0.5) * 0.06, 5),
  });

  switch (channel) {
    case 'LIBRARY':
      venue = {
        name: library.name,
        address: library.site.address,
        postalCode: library.site.postalCode,
        city: library.site.city,
        latitude: library.site.latitude,
        longitude: library.site.longitude,
      };
      break;
    case 'OUTDOORS': {
      const place = OUTDOOR_VENUES[concept.place ?? 'park'];
      venue = {
        name: prng.pick(place.names),
        address: `${prng.pick(place.streets)} ${prng.int(1, 60)}`,
        postalCode: library.site.postalCode,
        city: library.site.city,
        ...nearby(),
      };
      break;
    }
    case 'PARTNER_VENUE': {
      const nationalHost = (concept.nationalPartners ?? []).find(
        (key) => season.nationalPartners.has(key) && NATIONAL_VENUES[key]?.municipality === library.municipalityCode,
      );
      if (nationalHost) {
        const place = NATIONAL_VENUES[nationalHost]!;
        addPartner(partners.national.get(nationalHost));
        venue = { name: partners.national.get(nationalHost)!.name, ...place };
        break;
      }
      const hosts = fitting.filter((p) => PARTNER_VENUE_KINDS.includes(p.kind));
      const host = hosts.length > 0 ? prng.pick(hosts) : undefined;
      addPartner(host);
      venue = {
        name: host?.name ?? `${concept.venue ?? prng.pick(GENERIC_PARTNER_VENUES)} i ${library.town}`,
        address: host?.address ?? `Skolegade ${prng.int(1, 40)}`,
        postalCode: library.site.postalCode,
        city: library.site.city,
        ...nearby(),
      };
      break;
    }
    case 'WEB':
      if (prng.chance(0.4)) {
        venue = {
          name: 'Online – link sendes ved tilmelding',
          address: null,
          postalCode: null,
          city: null,
          latitude: null,
          longitude: null,
        };
      }
      break;
    case 'SOCIAL_MEDIA':
      break;
  }
  if (fitting.length > 0 && prng.chance(0.85)) addPartner(prng.pick(fitting));
  for (const key of concept.nationalPartners ?? []) {
    if (season.nationalPartners.has(key) && prng.chance(0.55)) addPartner(partners.national.get(key));
  }
  return { venue, partnerIds };
}

/** Physical features only where there is a building; content features anywhere. */
function accessibilityOf(concept: ActivityConcept, channel: Channel, prng: Prng): AccessibilityFeature[] {
  const physical = channel === 'LIBRARY' || channel === 'PARTNER_VENUE';
  const accessibility = (concept.accessibility ?? []).filter((f) =>
    PHYSICAL_FEATURES.includes(f) ? physical || (channel === 'OUTDOORS' && f === 'STEP_FREE_ACCESS') : true,
  );
  if (accessibility.every((f) => PHYSICAL_FEATURES.includes(f)) && prng.chance(0.3)) return [];
  return accessibility;
}

interface Offer {
  inPerson: boolean;
  capacity: number | null;
  signupUrl: string | null;
  priceDkk: number | null;
}

/** Capacity, sign-up link and price. */
function offerOf(concept: ActivityConcept, channel: Channel, signupLink: string, prng: Prng): Offer {
  const inPerson = !DIGITAL_CHANNELS.includes(channel);
  const capacity =
    concept.capacity && inPerson
      ? prng.int(concept.capacity[0], concept.capacity[1])
      : concept.capacity && channel === 'WEB' && prng.chance(0.5)
        ? prng.int(20, 100)
        : null;
  const signupUrl =
    (capacity !== null && prng.chance(0.7)) || (channel === 'WEB' && prng.chance(0.25)) ? signupLink : null;
  const priceDkk =
    concept.priceDkk !== undefined && inPerson && prng.chance(0.5)
      ? concept.priceDkk
      : capacity !== null && prng.chance(0.1)
        ? 0
        : null;
  return { inPerson, capacity, signupUrl, priceDkk };
}

interface Lifecycle {
  createdAt: string;
  updatedAt: string;
  published: string | null;
  version: number;
  attendance: number | null;
}

/** Created and published in the season's window; then reported on, cancelled or edited as a draft. */
function lifecycleOf(
  season: ThemeSeason,
  plan: ActivityPlan,
  day: LocalDate,
  capacity: number | null,
  prng: Prng,
): Lifecycle {
  const { concept, status, channel } = plan;
  const inPerson = !DIGITAL_CHANNELS.includes(channel);
  const created = dateBetween(prng, season.publishWindow[0], season.publishWindow[1]);
  const publishedDate = addDays(created, prng.int(1, 10));
  const publishedAt = timeOn(prng, publishedDate);
  const createdAt = timeOn(prng, created);
  const lifecycle: Lifecycle = { createdAt, updatedAt: createdAt, published: null, version: 1, attendance: null };
  if (status === 'PUBLISHED') {
    lifecycle.published = publishedAt;
    lifecycle.version = 2;
    lifecycle.updatedAt = publishedAt;
    if (season.ended && prng.chance(0.85)) {
      lifecycle.attendance = inPerson
        ? prng.int(Math.max(3, Math.round((capacity ?? 40) * 0.3)), capacity ?? 60)
        : prng.int(40, 1200);
      lifecycle.version = 3;
      lifecycle.updatedAt = timeOn(
        prng,
        addDays(day, prng.int(concept.spanDays ?? 0, (concept.spanDays ?? 0) + 7) + 1),
      );
    }
  } else if (status === 'CANCELLED') {
    lifecycle.published = publishedAt;
    lifecycle.version = 3;
    const room = Math.max(1, daysBetween(formatDate(publishedDate), formatDate(day)) - 1);
    lifecycle.updatedAt = timeOn(prng, addDays(publishedDate, prng.int(1, room)));
  } else if (prng.chance(0.5)) {
    lifecycle.updatedAt = timeOn(prng, addDays(created, prng.int(1, 5)));
  }
  return lifecycle;
}

function activityRow(
  id: string,
  season: ThemeSeason,
  plan: ActivityPlan,
  when: ActivityTimes,
  venue: Venue | null,
  accessibility: AccessibilityFeature[],
  offer: Offer,
  lifecycle: Lifecycle,
): ActivityRow {
  const { library, concept, channel, status } = plan;
  const image = concept.image;
  return {
    id,
    theme_id: themeId(season.number),
    library_id: library.id,
    title: concept.title,
    description: concept.description.replaceAll('{by}', library.town),
    audiences: [...concept.audiences],
    format: concept.format,
    channel,
    venue_name: venue?.name ?? null,
    venue_address: venue?.address ?? null,
    venue_postal_code: venue?.postalCode ?? null,
    venue_city: venue?.city ?? null,
    latitude: venue?.latitude ?? null,
    longitude: venue?.longitude ?? null,
    accessibility,
    image_url: image ? `${DEMO_WEB}/billeder/aktiviteter/${image.file}` : null,
    image_alt: image?.alt ?? null,
    image_credit: image ? 'Foto: Temahub (demobillede)' : null,
    starts_at: when.startsAt,
    ends_at: when.endsAt,
    capacity: offer.capacity,
    signup_url: offer.signupUrl,
    price_dkk: offer.priceDkk,
    status,
    cancellation_reason: status === 'CANCELLED' ? (plan.cancellationReason ?? 'Aflyst') : null,
    attendance: lifecycle.attendance,
    version: lifecycle.version,
    published_at: lifecycle.published,
    is_demo: true,
    created_at: lifecycle.createdAt,
    updated_at: lifecycle.updatedAt,
  };
}

/** Pick a concept for a library, preferring one the library does not run yet. */
function conceptFor(
  concepts: readonly ActivityConcept[],
  index: number,
  used: Map<string, Set<string>>,
  library: LibraryInfo,
  accept: (c: ActivityConcept) => boolean = () => true,
): ActivityConcept {
  const mine = used.get(library.isil) ?? new Set<string>();
  used.set(library.isil, mine);
  for (let k = 0; k < concepts.length; k++) {
    const c = concepts[(index + k) % concepts.length]!;
    if (!mine.has(c.key) && accept(c)) {
      mine.add(c.key);
      return c;
    }
  }
  const fallback = concepts.find(accept) ?? concepts[0]!;
  return fallback;
}

function chooseChannel(prng: Prng, concept: ActivityConcept, preferDigital: number): Channel {
  const digital = concept.channels.filter((c) => DIGITAL_CHANNELS.includes(c));
  if (digital.length > 0 && digital.length < concept.channels.length && prng.chance(preferDigital)) {
    return prng.pick(digital);
  }
  return prng.pick(concept.channels);
}

// ---------------------------------------------------------------------------------------------
// Notices

function noticeRows(): NoticeRow[] {
  const notice = (key: string, row: Omit<NoticeRow, 'id' | 'is_demo'>): NoticeRow => ({
    id: seedId('notice', key),
    ...row,
    is_demo: true,
  });
  return [
    notice('tema-11-facebook', {
      title: 'Spørgsmål til temaet stilles i vores Facebook-gruppe',
      body: 'Har I spørgsmål til Tema 11 – Vores natur, så stil dem i Facebook-gruppen for deltagende biblioteker. Koordinatorerne svarer i gruppen frem til 30. marts; derefter kan I skrive til jeres centralbibliotek.',
      link: 'https://www.facebook.com/groups/temasamarbejde',
      valid_from: '2020-01-06T08:00:00+01:00',
      valid_until: '2020-03-30T23:59:59+02:00',
      created_at: '2020-01-06T08:00:00+01:00',
    }),
    notice('tema-12-tilmelding', {
      title: 'Tilmeldingen til Tema 12 er åben',
      body: 'Naturtemaet fortsætter i uge 37–42. Tilmeld jeres bibliotek senest 14. august 2020.',
      link: `${DEMO_WEB}/temaer/vores-natur-del-2`,
      valid_from: '2020-05-25T09:00:00+02:00',
      valid_until: '2020-08-15T00:00:00+02:00',
      created_at: '2020-05-25T09:00:00+02:00',
    }),
    notice('ny-temahub', {
      title: 'Velkommen til den nye Temahub',
      body: 'Temaer, tilmeldinger og arrangementer samles nu ét sted. Skriv til koordinatorerne, hvis noget mangler.',
      link: null,
      valid_from: '2026-09-01T09:00:00+02:00',
      valid_until: null,
      created_at: '2026-09-01T09:00:00+02:00',
    }),
    notice('tema-25-tilmelding', {
      title: 'Tilmeld jeres bibliotek til Tema 25 – Fremtidens fællesskaber',
      body: 'Tema 25 løber i uge 10–14 2027. Tilmeldingen er åben til og med 15. januar 2027, og kampagnematerialet er klar til download.',
      link: `${DEMO_WEB}/temaer/fremtidens-faellesskaber`,
      valid_from: '2026-10-01T09:00:00+02:00',
      valid_until: '2027-01-16T00:00:00+01:00',
      created_at: '2026-09-30T14:00:00+02:00',
    }),
    notice('tema-26-tilmelding', {
      title: 'Tilmeldingen til Tema 26 – Vand åbner 1. marts',
      body: 'Efterårets tema i 2027 handler om vand. Tilmeldingen åbner 1. marts 2027.',
      link: `${DEMO_WEB}/temaer/vand`,
      valid_from: '2027-02-15T09:00:00+01:00',
      valid_until: '2027-06-16T00:00:00+02:00',
      created_at: '2026-11-02T09:00:00+01:00',
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// The season

/** Municipalities whose libraries never signed up for Tema 11 (so a recruitment report has work). */
const NOT_REGISTERED_11 = [
  155, 187, 183, 201, 269, 336, 350, 306, 482, 492, 563, 530, 480, 741, 665, 671, 707, 825, 773, 849,
];
/** Signed up for Tema 11 and withdrew when Denmark locked down in March 2020. */
const WITHDRAWN_11 = [270, 440, 727, 840];
/** Branches that signed up for Tema 11 on their own. */
const BRANCHES_REGISTERED_11 = ['DK-710101', 'DK-775101'];
/** Registered for Tema 11 but published nothing: whom a coordinator follows up. */
const WITHOUT_ACTIVITIES_11 = ['DK-716100', 'DK-732000', 'DK-757500', 'DK-776600', 'DK-781000', 'DK-722300'];
/** Larger library services run more activities. */
const LARGE_11 = [101, 751, 851, 461, 657, 630, 265, 157, 561, 621, 730, 740, 615, 791];

const COVID_REASONS = [
  'Aflyst pga. covid-19-restriktioner',
  'Aflyst pga. covid-19-restriktioner. Vi forsøger at gennemføre arrangementet online i stedet.',
  'Aflyst pga. covid-19-restriktioner: forsamlingsforbuddet gør det umuligt at gennemføre arrangementet.',
  'Aflyst: biblioteket er lukket på grund af covid-19.',
];

/** Builds the whole demo data set. Pure and deterministic. */
interface SignUps {
  plans: RegistrationPlan[];
  registered11: LibraryInfo[];
  registered12: LibraryInfo[];
  registered25: LibraryInfo[];
  withdrawn25: LibraryInfo;
}

/** Who signed up for Temas 11, 12 and 25 (the draws from `prng` come in this order). */
function signUps(mains: readonly LibraryInfo[], byIsil: ReadonlyMap<string, LibraryInfo>, prng: Prng): SignUps {
  // Tema 11 registrations: 76 registered libraries, 4 withdrawn.
  const registered11 = [
    ...mains.filter(
      (l) => !NOT_REGISTERED_11.includes(l.municipalityCode) && !WITHDRAWN_11.includes(l.municipalityCode),
    ),
    ...BRANCHES_REGISTERED_11.map((isil) => byIsil.get(isil)!),
  ];
  const plans: RegistrationPlan[] = [
    ...registered11.map((library) => ({
      theme: 11,
      library,
      withdrawn: false,
      window: ['2020-01-06', '2020-03-31'] as const,
    })),
    ...mains
      .filter((l) => WITHDRAWN_11.includes(l.municipalityCode))
      .map((library) => ({
        theme: 11,
        library,
        withdrawn: true,
        window: ['2020-01-06', '2020-02-28'] as const,
        withdrawnWindow: ['2020-03-12', '2020-03-27'] as const,
        withdrawnNote: 'Vi må desværre trække os på grund af covid-19-nedlukningen.',
      })),
  ];

  // Tema 12: 30 of Tema 11's libraries and two newcomers.
  const registered12 = [
    ...prng.sample(registered11, 30),
    byIsil.get(libraryIsil(155, 0))!,
    byIsil.get(libraryIsil(741, 0))!,
  ].sort((a, b) => a.isil.localeCompare(b.isil));
  plans.push(
    ...registered12.map((library) => ({
      theme: 12,
      library,
      withdrawn: false,
      window: ['2020-05-25', '2020-08-14'] as const,
    })),
  );

  // Tema 25 (sign-up open "now"): 22 libraries so far, one of them withdrawn again.
  const registered25 = [
    ...mains.filter((l) => CENTRAL_LIBRARY_MUNICIPALITIES.includes(l.municipalityCode)),
    ...prng.sample(
      mains.filter((l) => !CENTRAL_LIBRARY_MUNICIPALITIES.includes(l.municipalityCode)),
      16,
    ),
  ].sort((a, b) => a.isil.localeCompare(b.isil));
  const withdrawn25 = registered25[registered25.length - 1]!;
  plans.push(
    ...registered25.map((library) => ({
      theme: 25,
      library,
      withdrawn: library === withdrawn25,
      window: ['2026-10-01', '2026-11-10'] as const,
      withdrawnWindow: ['2026-11-16', '2026-11-20'] as const,
      withdrawnNote: 'Vi når det desværre ikke i foråret 2027.',
    })),
  );
  return { plans, registered11, registered12, registered25, withdrawn25 };
}

/** Tema 11 activities: ~180 published, 10 drafts, 6 cancelled. */
function tema11Activities(
  registered11: readonly LibraryInfo[],
  byIsil: ReadonlyMap<string, LibraryInfo>,
  partners: SeasonPartners,
  prng: Prng,
): GeneratedActivities {
  const season11: ThemeSeason = {
    number: 11,
    year: 2020,
    startWeek: 16,
    endWeek: 20,
    publishWindow: ['2020-02-24', '2020-03-31'],
    ended: true,
    nationalPartners: new Set(THEME_PARTNERS.filter((p) => p.theme === 11).map((p) => p.partner)),
  };
  const active11 = registered11.filter((l) => !WITHOUT_ACTIVITIES_11.includes(l.isil));
  const slots: LibraryInfo[] = [];
  for (const l of active11) {
    const n = 2 + (l.branch === 0 && LARGE_11.includes(l.municipalityCode) ? 2 : 0);
    for (let i = 0; i < n; i++) slots.push(l);
  }
  for (let i = 0; i < 12; i++) slots.push(prng.pick(active11));
  const concepts11 = prng.shuffle(NATURE_CONCEPTS);
  const used = new Map<string, Set<string>>();
  const plans11: ActivityPlan[] = prng.shuffle(slots).map((library, i) => {
    const concept = conceptFor(concepts11, i, used, library);
    const channel = chooseChannel(prng, concept, 0.6);
    const physical = channel === 'LIBRARY' || channel === 'PARTNER_VENUE';
    const week = physical ? prng.pick([17, 18, 19, 19, 20, 20]) : prng.int(16, 20);
    return { library, concept, channel, week, status: 'PUBLISHED' as const };
  });
  const draftLibraries = [byIsil.get('DK-716100')!, byIsil.get('DK-776600')!, ...prng.sample(active11, 8)];
  draftLibraries.forEach((library, i) => {
    const concept = conceptFor(concepts11, i * 7, used, library);
    plans11.push({
      library,
      concept,
      channel: chooseChannel(prng, concept, 0.5),
      week: prng.int(16, 20),
      status: 'DRAFT',
    });
  });
  const inPersonOnly = (c: ActivityConcept) =>
    c.channels.some((ch) => !DIGITAL_CHANNELS.includes(ch)) && c.spanDays === undefined;
  prng.sample(active11, 6).forEach((library, i) => {
    const concept = conceptFor(concepts11, i * 11, used, library, inPersonOnly);
    const channel = prng.pick(concept.channels.filter((ch) => !DIGITAL_CHANNELS.includes(ch)));
    plans11.push({
      library,
      concept,
      channel,
      week: prng.int(16, 17),
      status: 'CANCELLED',
      cancellationReason: COVID_REASONS[i % COVID_REASONS.length]!,
    });
  });
  return generateActivities(season11, plans11, partners, prng);
}

/** Tema 12: a handful in the autumn. */
function tema12Activities(
  registered12: readonly LibraryInfo[],
  partners: SeasonPartners,
  prng: Prng,
): GeneratedActivities {
  const season12: ThemeSeason = {
    number: 12,
    year: 2020,
    startWeek: 37,
    endWeek: 42,
    publishWindow: ['2020-08-10', '2020-08-24'],
    ended: true,
    nationalPartners: new Set(),
  };
  const plans12: ActivityPlan[] = [];
  const used12 = new Map<string, Set<string>>();
  prng.sample(registered12, 14).forEach((library, i) => {
    const concept = conceptFor(AUTUMN_NATURE_CONCEPTS, i, used12, library);
    plans12.push({
      library,
      concept,
      channel: chooseChannel(prng, concept, 0.3),
      week: prng.int(37, 42),
      status: i < 12 ? 'PUBLISHED' : 'DRAFT',
    });
  });
  return generateActivities(season12, plans12, partners, prng);
}

/** Tema 25: the upcoming theme already has a few activities. */
function tema25Activities(signedUp: readonly LibraryInfo[], partners: SeasonPartners, prng: Prng): GeneratedActivities {
  const season25: ThemeSeason = {
    number: 25,
    year: 2027,
    startWeek: 10,
    endWeek: 14,
    publishWindow: ['2026-10-12', '2026-11-12'],
    ended: false,
    nationalPartners: new Set(),
  };
  const plans25: ActivityPlan[] = [];
  const used25 = new Map<string, Set<string>>();
  prng.sample(signedUp, 10).forEach((library, i) => {
    const concept = conceptFor(COMMUNITY_CONCEPTS, i, used25, library);
    plans25.push({
      library,
      concept,
      channel: chooseChannel(prng, concept, 0.2),
      week: prng.int(10, 14),
      status: i < 7 ? 'PUBLISHED' : 'DRAFT',
    });
  });
  return generateActivities(season25, plans25, partners, prng);
}

export function buildDemoDataset(): DemoDataset {
  const mains = MAIN_LIBRARY_SITES.map(libraryInfo);
  const branches = BRANCH_LIBRARY_SITES.map(libraryInfo);
  const libraries = [...mains, ...branches];
  const byIsil = new Map(libraries.map((l) => [l.isil, l]));

  const regPrng = new Prng(0x7e0a11);
  const { plans, registered11, registered12, registered25, withdrawn25 } = signUps(mains, byIsil, regPrng);
  const registrations = registrationRows(plans, regPrng);
  const partners = partnerData(
    new Map(registered11.filter((l) => l.branch === 0).map((l) => [l.municipalityCode, l.town])),
  );

  const actPrng = new Prng(0xa11ce);
  const acts11 = tema11Activities(registered11, byIsil, partners, actPrng);
  const acts12 = tema12Activities(registered12, partners, actPrng);
  const acts25 = tema25Activities(
    registered25.filter((l) => l !== withdrawn25),
    partners,
    actPrng,
  );

  const themePartners = THEME_PARTNERS.map((tp, i) => ({
    theme_id: themeId(tp.theme),
    partner_id: partners.national.get(tp.partner)!.id,
    role: tp.role,
    position: THEME_PARTNERS.slice(0, i).filter((o) => o.theme === tp.theme).length,
  }));

  return {
    libraries: libraryRows(libraries),
    themes: themeRows(),
    partners: partners.rows,
    themePartners,
    materials: materialRows(),
    themeMaterials: themeMaterialRows(),
    registrations,
    activities: [...acts11.activities, ...acts12.activities, ...acts25.activities],
    activityPartners: [...acts11.partners, ...acts12.partners, ...acts25.partners],
    activityMaterials: [...acts11.materials, ...acts12.materials, ...acts25.materials],
    notices: noticeRows(),
  };
}
