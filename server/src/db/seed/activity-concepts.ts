/**
 * DEMO DATA: the activity ideas from which the demo season's activities are generated. Every
 * activity made from them is invented and seeded with is_demo = true. Titles and descriptions are
 * varied on purpose (fugle, træer, svampe, havet, insekter …) so that Danish full-text search has
 * something to find. `{by}` in a description becomes the organising library's town.
 */

export type Audience = 'CHILDREN' | 'YOUTH' | 'ADULTS' | 'FAMILIES' | 'SENIORS' | 'SCHOOL_CLASSES' | 'EVERYONE';
export type ActivityFormat =
  | 'TALK' | 'READING' | 'WALK' | 'WORKSHOP' | 'EXHIBITION' | 'DEBATE' | 'SCHOOL_PROGRAM' | 'DIGITAL' | 'OTHER';
export type Channel = 'LIBRARY' | 'OUTDOORS' | 'PARTNER_VENUE' | 'WEB' | 'SOCIAL_MEDIA';
export type AccessibilityFeature =
  | 'STEP_FREE_ACCESS' | 'ACCESSIBLE_TOILET' | 'HEARING_LOOP' | 'SIGN_LANGUAGE' | 'AUDIO_DESCRIPTION' | 'EASY_READ';
export type PartnerKind = 'MEDIA' | 'SCHOOL' | 'MUSEUM' | 'ARCHIVE' | 'ASSOCIATION' | 'AUTHORITY' | 'BUSINESS' | 'OTHER';

/** Where an outdoor activity meets. */
export type OutdoorPlace = 'skov' | 'strand' | 'aa' | 'park' | 'eng';

export interface ActivityConcept {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly format: ActivityFormat;
  readonly channels: readonly Channel[];
  readonly audiences: readonly Audience[];
  /** ISO weekdays it may fall on (1 = Monday … 7 = Sunday). */
  readonly weekdays: readonly number[];
  readonly start: readonly [hour: number, minute: number];
  /** Duration in minutes (single-day activities). */
  readonly minutes: number;
  /** Multi-day activities end this many days after the start, at `endHour`. */
  readonly spanDays?: number;
  readonly endHour?: number;
  readonly place?: OutdoorPlace;
  readonly capacity?: readonly [min: number, max: number];
  /** A fee for materials; applied to some of the activities made from the concept. */
  readonly priceDkk?: number;
  readonly accessibility?: readonly AccessibilityFeature[];
  /** Local partner kinds that fit as co-organisers. */
  readonly partnerKinds?: readonly PartnerKind[];
  /** Generic venue name for PARTNER_VENUE when no local partner fits ("Naturskolen" → "Naturskolen i Ringe"). */
  readonly venue?: string;
  /** Keys of national partners that may co-organise (and host, when they have a venue in the town). */
  readonly nationalPartners?: readonly string[];
  /** Keys of materials the activity uses. */
  readonly materials?: readonly string[];
  readonly image?: { readonly file: string; readonly alt: string };
}

const WEEKDAYS = [1, 2, 3, 4, 5] as const;
const WEEKEND = [6, 7] as const;
const EVENINGS = [2, 3, 4] as const;
const ANY_DAY = [1, 2, 3, 4, 5, 6, 7] as const;

/** Tema 11 "Vores natur", spring 2020. */
export const NATURE_CONCEPTS: readonly ActivityConcept[] = [
  {
    key: 'fugle-morgentur',
    title: 'Fuglene i skoven – morgentur med ornitolog',
    description:
      'Tag kikkerten med og lyt til fuglenes morgenkor. En lokal ornitolog viser vej gennem skoven ved {by} og hjælper dig med at kende sangdrossel, solsort, rødhals og bogfinke på stemmen. Vi slutter med kaffe fra termokanden og en snak om, hvordan vi giver fuglene bedre levesteder i haver og skove.',
    format: 'WALK', channels: ['OUTDOORS'], audiences: ['ADULTS', 'FAMILIES'], weekdays: WEEKEND,
    start: [6, 30], minutes: 120, place: 'skov', capacity: [15, 30],
    partnerKinds: ['ASSOCIATION', 'OTHER'], nationalPartners: ['naturstyrelsen'], materials: ['podcast-lyt-til-fuglene'],
  },
  {
    key: 'fugle-livestream',
    title: 'Fuglene i skoven – lyt med hjemmefra',
    description:
      'Kan du ikke komme ud i skoven, kommer skoven til dig. Vi sender direkte fra skovbrynet ved daggry, og en fuglekender fortæller om de fugle, vi hører: gøg, munk, gransanger og spætter. Stil spørgsmål i chatten undervejs. Arrangementet er en del af Tema 11 – Vores natur og gennemføres digitalt på grund af covid-19.',
    format: 'DIGITAL', channels: ['WEB'], audiences: ['EVERYONE'], weekdays: ANY_DAY,
    start: [7, 0], minutes: 60, nationalPartners: ['dr'], materials: ['podcast-lyt-til-fuglene'],
  },
  {
    key: 'traeernes-liv',
    title: 'Foredrag: Træernes hemmelige liv',
    description:
      'Taler træerne sammen? Hvordan deler de næring gennem svampenes netværk i skovbunden, og hvorfor bliver en bøg så gammel? Foredraget tager udgangspunkt i Peter Wohllebens bog og i skovene omkring {by}, og giver dig et nyt blik på de træer, du går forbi hver dag.',
    format: 'TALK', channels: ['LIBRARY', 'WEB'], audiences: ['ADULTS', 'SENIORS'], weekdays: EVENINGS,
    start: [19, 0], minutes: 90, capacity: [40, 120],
    accessibility: ['STEP_FREE_ACCESS', 'ACCESSIBLE_TOILET', 'HEARING_LOOP'],
    nationalPartners: ['naturstyrelsen'], materials: ['book-wohlleben-traeernes-hemmelige-liv'],
  },
  {
    key: 'svampe-begyndere',
    title: 'Svampe for begyndere – forårets svampe',
    description:
      'Svampe er ikke kun noget for efteråret. På turen leder vi efter forårets svampe som morkler, judasøre og vårmusseron, og du lærer de vigtigste regler for at plukke svampe sikkert. Medbring kurv, kniv og gode sko. Turen går fra skovens P-plads ved {by}.',
    format: 'WALK', channels: ['OUTDOORS'], audiences: ['ADULTS', 'FAMILIES'], weekdays: WEEKEND,
    start: [10, 0], minutes: 150, place: 'skov', capacity: [15, 25],
    partnerKinds: ['ASSOCIATION'], nationalPartners: ['naturstyrelsen'],
  },
  {
    key: 'havet-livestream',
    title: 'Havet omkring os – direkte fra stranden',
    description:
      'Hvad gemmer sig under vandoverfladen? En naturvejleder vader ud med kamera og ketsjer og viser krabber, muslinger, tang, søstjerner og vandmænd. Følg med på bibliotekets Facebook-side og stil spørgsmål om havet og livet langs kysten.',
    format: 'DIGITAL', channels: ['SOCIAL_MEDIA'], audiences: ['EVERYONE'], weekdays: ANY_DAY,
    start: [14, 0], minutes: 45, partnerKinds: ['OTHER', 'MUSEUM'], nationalPartners: ['dr'], materials: ['booklist-havet'],
  },
  {
    key: 'insekthotel',
    title: 'Byg et insekthotel',
    description:
      'Bier, biller og ørentvister mangler steder at bo. Sammen bygger vi små insekthoteller af træ, bambus og kogler, som du kan tage med hjem og hænge op i haven eller på altanen. Vi fortæller også om, hvorfor insekterne er så vigtige for naturen. Materialer er inkluderet.',
    format: 'WORKSHOP', channels: ['LIBRARY', 'OUTDOORS'], audiences: ['CHILDREN', 'FAMILIES'], weekdays: [3, 6, 7],
    start: [10, 0], minutes: 120, place: 'park', capacity: [12, 24], priceDkk: 25,
    accessibility: ['STEP_FREE_ACCESS'], partnerKinds: ['BUSINESS', 'ASSOCIATION'],
    materials: ['video-insekternes-verden'],
  },
  {
    key: 'hojtlaesning-aelling',
    title: 'Højtlæsning: Den grimme ælling',
    description:
      'Vi læser H.C. Andersens eventyr om ællingen, der ikke passede ind, og taler bagefter om fuglene ved søen og i parken. Til sidst tegner vi vores egne svaner og ænder. For børn fra 3 til 6 år sammen med en voksen.',
    format: 'READING', channels: ['LIBRARY', 'WEB'], audiences: ['CHILDREN'], weekdays: [3, 6],
    start: [10, 30], minutes: 45, capacity: [15, 30], accessibility: ['STEP_FREE_ACCESS'],
    materials: ['book-andersen-den-grimme-aelling', 'booklist-naturboger-born'],
  },
  {
    key: 'naturfortaellinger-smaa',
    title: 'Naturfortællinger for de mindste',
    description:
      'Korte fortællinger og rim om egernet, pindsvinet og mariehønen, læst op af bibliotekets børnebibliotekar. Videoen ligger på bibliotekets sociale medier hele ugen, så I kan se den, når det passer jer.',
    format: 'READING', channels: ['SOCIAL_MEDIA'], audiences: ['CHILDREN', 'FAMILIES'], weekdays: WEEKDAYS,
    start: [9, 30], minutes: 30, materials: ['booklist-naturboger-born'],
  },
  {
    key: 'debat-vild-natur',
    title: 'Debat: Skal Danmark have mere vild natur?',
    description:
      'Naturnationalparker, urørt skov, store græssere og færre marker: der er mange bud på, hvordan vi stopper tabet af biodiversitet. Et panel med en biolog, en landmand og en repræsentant fra en naturforening debatterer, og du kan stille spørgsmål undervejs.',
    format: 'DEBATE', channels: ['LIBRARY', 'WEB'], audiences: ['ADULTS', 'YOUTH'], weekdays: EVENINGS,
    start: [19, 30], minutes: 120, capacity: [50, 150],
    accessibility: ['STEP_FREE_ACCESS', 'ACCESSIBLE_TOILET', 'HEARING_LOOP'],
    partnerKinds: ['ASSOCIATION', 'AUTHORITY'], nationalPartners: ['friluftsraadet', 'dr'],
    materials: ['article-biodiversitet'],
  },
  {
    key: 'udstilling-insekter',
    title: 'Udstilling: Insekter i nærbillede',
    description:
      'Store fotografier af små dyr: sommerfugle, guldsmede, biller og vilde bier, som du aldrig har set dem før. Udstillingen viser også, hvordan du kan hjælpe insekterne med blomster, kvas og vilde hjørner i haven.',
    format: 'EXHIBITION', channels: ['LIBRARY'], audiences: ['EVERYONE'], weekdays: [1],
    start: [10, 0], minutes: 0, spanDays: 4, endHour: 17,
    accessibility: ['STEP_FREE_ACCESS', 'ACCESSIBLE_TOILET', 'AUDIO_DESCRIPTION'],
    partnerKinds: ['MUSEUM'], materials: ['video-insekternes-verden'],
    image: { file: 'insekter-i-naerbillede.jpg', alt: 'Nærbillede af en vild bi på en gul mælkebøtte' },
  },
  {
    key: 'skole-vandhullet',
    title: 'Skoletjeneste: Livet i vandhullet',
    description:
      'Klassen fanger smådyr i vandhullet med ketsjere og bakker og bestemmer dem med lup og opslagsark: guldsmedelarver, vandkalve, snegle og haletudser. Forløbet passer til natur/teknologi i 3.–6. klasse og tager udgangspunkt i den lokale natur omkring {by}.',
    format: 'SCHOOL_PROGRAM', channels: ['OUTDOORS', 'PARTNER_VENUE'], audiences: ['SCHOOL_CLASSES'],
    weekdays: WEEKDAYS, start: [9, 0], minutes: 150, place: 'eng', capacity: [22, 28],
    partnerKinds: ['SCHOOL', 'OTHER'], venue: 'Naturskolen', materials: ['booklist-naturboger-born'],
  },
  {
    key: 'skole-fro-til-trae',
    title: 'Skoletjeneste: Fra frø til træ',
    description:
      'Hvordan bliver et agern til en eg? Eleverne undersøger frø, knopper og blade, sår deres egne træer og låner bøger om skoven med hjem. Forløbet kan også gennemføres som online undervisning med materialer, læreren henter på biblioteket.',
    format: 'SCHOOL_PROGRAM', channels: ['LIBRARY', 'WEB'], audiences: ['SCHOOL_CLASSES'], weekdays: WEEKDAYS,
    start: [9, 0], minutes: 120, capacity: [22, 28], partnerKinds: ['SCHOOL'],
    materials: ['video-et-aar-i-skoven', 'booklist-naturboger-born'],
  },
  {
    key: 'naturbingo',
    title: 'Naturbingo på egen hånd',
    description:
      'Hent en bingoplade på biblioteket eller print den derhjemme, og gå på jagt efter en mælkebøtte, et fuglefjer, en snegl, en kogle og ti andre ting i naturen. Aflever pladen på biblioteket, og vær med i lodtrækningen om en naturbog.',
    format: 'OTHER', channels: ['OUTDOORS'], audiences: ['CHILDREN', 'FAMILIES'], weekdays: [1],
    start: [9, 0], minutes: 0, spanDays: 6, endHour: 20, place: 'park',
    nationalPartners: ['friluftsraadet'], materials: ['campaign-naturbingo'],
  },
  {
    key: 'podcast-naturen-kalder',
    title: 'Lyt og snak: Naturen kalder',
    description:
      'Vi lytter sammen til et afsnit af podcasten Naturen kalder og snakker bagefter om, hvad naturen betyder for os – på en gåtur, i haven eller fra altanen. Mødet foregår online, og du får et link, når du tilmelder dig.',
    format: 'DIGITAL', channels: ['WEB'], audiences: ['ADULTS'], weekdays: EVENINGS,
    start: [19, 30], minutes: 60, capacity: [10, 20], nationalPartners: ['dr'],
    materials: ['podcast-naturen-kalder'],
  },
  {
    key: 'quiz-traeer',
    title: 'Online quiz: Kender du de danske træer?',
    description:
      'Eg, bøg, ask, birk eller el? Test din viden om de danske træer i bibliotekets quiz på Facebook og Instagram. Der kommer ti nye spørgsmål hver dag i ugen, og de bedste svar vinder en bog om skoven.',
    format: 'DIGITAL', channels: ['SOCIAL_MEDIA'], audiences: ['EVERYONE'], weekdays: [1],
    start: [8, 0], minutes: 0, spanDays: 4, endHour: 20, materials: ['campaign-some-kit'],
  },
  {
    key: 'forfattersamtale-natur',
    title: 'Forfattersamtale: At skrive om naturen',
    description:
      'Hvordan skriver man om en skov, så læseren kan dufte den? En forfatter fortæller om at gå på opdagelse i naturen med notesbog og om de danske naturskildringer, der har betydet mest for hende. Samtalen ledes af en bibliotekar.',
    format: 'TALK', channels: ['LIBRARY', 'WEB'], audiences: ['ADULTS'], weekdays: EVENINGS,
    start: [19, 0], minutes: 90, capacity: [40, 100], accessibility: ['STEP_FREE_ACCESS', 'HEARING_LOOP'],
    materials: ['booklist-laes-om-naturen'],
  },
  {
    key: 'poesi-sommerfugledalen',
    title: 'Poesi i det grønne: Sommerfugledalen',
    description:
      'Vi læser Inger Christensens digtkreds Sommerfugledalen højt under åben himmel og taler om sommerfuglene, der flyver gennem digtene: dagpåfugleøje, citronsommerfugl og admiral. Tag et tæppe med.',
    format: 'READING', channels: ['OUTDOORS', 'WEB'], audiences: ['ADULTS', 'SENIORS'], weekdays: [3, 4, 7],
    start: [16, 0], minutes: 60, place: 'park', materials: ['book-christensen-sommerfugledalen'],
  },
  {
    key: 'vandring-aaen',
    title: 'Vandring langs åen',
    description:
      'En rolig tur langs åen ved {by}, hvor vi kigger efter isfugl, vandstær og ørreder og hører om, hvordan åen er blevet genoprettet med gydebanker og slyngninger. Turen er ca. 5 km og foregår på stier.',
    format: 'WALK', channels: ['OUTDOORS'], audiences: ['EVERYONE'], weekdays: [3, 6, 7],
    start: [13, 0], minutes: 120, place: 'aa', capacity: [20, 40],
    partnerKinds: ['AUTHORITY', 'ASSOCIATION'], nationalPartners: ['friluftsraadet'],
  },
  {
    key: 'bier-blomster',
    title: 'Bierne og blomsterne – sådan hjælper du bestøverne',
    description:
      'Danmark har næsten 300 arter af vilde bier, og mange af dem er truede. Hør, hvilke blomster de har brug for, hvorfor den perfekte græsplæne er en ørken for insekter, og hvordan du med få greb laver en bivenlig have eller altankasse.',
    format: 'TALK', channels: ['WEB', 'LIBRARY'], audiences: ['ADULTS', 'SENIORS'], weekdays: EVENINGS,
    start: [19, 0], minutes: 75, capacity: [30, 80], accessibility: ['STEP_FREE_ACCESS', 'ACCESSIBLE_TOILET'],
    partnerKinds: ['ASSOCIATION', 'BUSINESS'], materials: ['book-carson-det-tavse-foraar'],
  },
  {
    key: 'froebytte',
    title: 'Frøbytte og plantebytte',
    description:
      'Tag dine overskudsfrø, stiklinger og småplanter med, og byt dig til nye. Lokale haveentusiaster giver råd om vilde blomster, køkkenhave og bivenlige planter. Biblioteket har frøposer og blyanter klar.',
    format: 'OTHER', channels: ['LIBRARY', 'OUTDOORS'], audiences: ['EVERYONE'], weekdays: [6],
    start: [10, 0], minutes: 180, place: 'park', accessibility: ['STEP_FREE_ACCESS'],
    partnerKinds: ['ASSOCIATION', 'BUSINESS'],
  },
  {
    key: 'tegn-naturen',
    title: 'Tegn naturen – værksted for store og små',
    description:
      'Med blyant, akvarel og lup tegner vi blade, blomster og fjer. En illustrator viser, hvordan man ser efter detaljerne, og alle går hjem med en lille naturdagbog. Alle materialer er til stede.',
    format: 'WORKSHOP', channels: ['LIBRARY', 'PARTNER_VENUE'], audiences: ['FAMILIES', 'CHILDREN'],
    weekdays: [3, 6, 7], start: [13, 0], minutes: 120, capacity: [12, 20], priceDkk: 30,
    accessibility: ['STEP_FREE_ACCESS'], partnerKinds: ['MUSEUM', 'OTHER'], venue: 'Kulturhuset',
  },
  {
    key: 'fotokonkurrence',
    title: 'Fotokonkurrence: Vores natur',
    description:
      'Del dit bedste naturbillede fra {by} og omegn med #voresnatur på Instagram eller på bibliotekets Facebook-side. Vi udstiller de bedste billeder, når biblioteket åbner igen, og vinderen får et gavekort til den lokale boghandel.',
    format: 'OTHER', channels: ['SOCIAL_MEDIA'], audiences: ['EVERYONE'], weekdays: [1],
    start: [10, 0], minutes: 0, spanDays: 13, endHour: 20, partnerKinds: ['MEDIA', 'BUSINESS'],
    materials: ['campaign-some-kit'],
  },
  {
    key: 'stjernehimlen',
    title: 'Stjernehimlen over Danmark',
    description:
      'Når mørket falder på, kigger vi op. En amatørastronom viser stjernebilleder, planeter og Månens kratere i teleskop og fortæller om mørke himmelsteder i Danmark. Ved overskyet vejr holder vi foredraget online i stedet.',
    format: 'TALK', channels: ['OUTDOORS', 'WEB'], audiences: ['ADULTS', 'YOUTH'], weekdays: [4, 5],
    start: [21, 0], minutes: 90, place: 'eng', partnerKinds: ['ASSOCIATION'],
  },
  {
    key: 'flagermus',
    title: 'Flagermusaften ved søen',
    description:
      'Flagermus jager insekter over vandet i skumringen. Med en flagermusdetektor kan vi høre deres ultralyd og kende forskel på vandflagermus og dværgflagermus. Tag varmt tøj og en lommelygte med.',
    format: 'WALK', channels: ['OUTDOORS'], audiences: ['FAMILIES'], weekdays: [5, 6],
    start: [20, 30], minutes: 90, place: 'aa', capacity: [15, 30], partnerKinds: ['ASSOCIATION', 'OTHER'],
    nationalPartners: ['naturstyrelsen'],
  },
  {
    key: 'strandrensning',
    title: 'Strandrensning og havaffald',
    description:
      'Vi samler affald på stranden og ser bagefter på, hvad havet har skyllet op: plastik, fiskegarn og flasker. En havbiolog fortæller om mikroplast og om, hvordan affaldet påvirker fugle, fisk og sæler. Handsker og poser udleveres.',
    format: 'OTHER', channels: ['OUTDOORS'], audiences: ['EVERYONE'], weekdays: WEEKEND,
    start: [10, 0], minutes: 120, place: 'strand', partnerKinds: ['ASSOCIATION', 'AUTHORITY', 'BUSINESS'],
    nationalPartners: ['friluftsraadet'], materials: ['booklist-havet'],
  },
  {
    key: 'ung-i-naturen',
    title: 'Ung i naturen – bål, shelter og friluftsliv',
    description:
      'For unge fra 13 til 18 år: vi tænder bål uden tændstikker, laver snobrød og lærer at pakke en rygsæk til en nat i shelter. En friluftsvejleder giver tips til ture, du kan tage på egen hånd med vennerne.',
    format: 'WORKSHOP', channels: ['OUTDOORS'], audiences: ['YOUTH'], weekdays: [5, 6],
    start: [15, 0], minutes: 180, place: 'skov', capacity: [10, 20],
    partnerKinds: ['ASSOCIATION', 'OTHER'], nationalPartners: ['friluftsraadet', 'naturstyrelsen'],
  },
  {
    key: 'senior-foraarsblomster',
    title: 'Seniorvandring: Forårsblomster i skovbunden',
    description:
      'En stille vandring i skovens eget tempo, hvor vi finder anemoner, vorterod, lærkesporer og skovsyre. Undervejs læser vi naturdigte højt. Turen er kort og foregår på jævne stier, og der er bænke undervejs.',
    format: 'WALK', channels: ['OUTDOORS'], audiences: ['SENIORS'], weekdays: [2, 4],
    start: [10, 0], minutes: 90, place: 'skov', capacity: [15, 25], accessibility: ['STEP_FREE_ACCESS'],
    nationalPartners: ['naturstyrelsen'],
  },
  {
    key: 'museum-dyreliv',
    title: 'Danmarks dyreliv gennem 10.000 år',
    description:
      'Fra rensdyr og urokser til bævere og ulve, der vender tilbage: en museumsinspektør viser rundt i samlingen og fortæller, hvordan dyrelivet har ændret sig siden istiden, og hvad det siger om naturen i dag.',
    format: 'TALK', channels: ['PARTNER_VENUE'], audiences: ['ADULTS', 'FAMILIES'], weekdays: [3, 7],
    start: [14, 0], minutes: 75, capacity: [20, 40], accessibility: ['STEP_FREE_ACCESS', 'ACCESSIBLE_TOILET'],
    partnerKinds: ['MUSEUM'], venue: 'Egnsmuseet', nationalPartners: ['snm', 'nathist-aarhus'],
  },
  {
    key: 'lokalhistorie-landskab',
    title: 'Sådan så landskabet ud for 100 år siden',
    description:
      'Lokalarkivet viser gamle kort, luftfotos og postkort fra {by} og omegn. Hvor lå moserne, engene og markskellene, og hvad er der blevet af dem? Tag gerne dine egne gamle billeder med.',
    format: 'TALK', channels: ['PARTNER_VENUE', 'LIBRARY', 'WEB'], audiences: ['ADULTS', 'SENIORS'],
    weekdays: [2, 3], start: [14, 0], minutes: 90, capacity: [25, 50],
    accessibility: ['STEP_FREE_ACCESS', 'HEARING_LOOP'], partnerKinds: ['ARCHIVE'], venue: 'Lokalhistorisk Arkiv',
  },
  {
    key: 'debat-klima-natur',
    title: 'Klimaet og naturen – hvad kan vi selv gøre?',
    description:
      'Hvordan hænger klimaforandringer og tabet af natur sammen, og hvad kan den enkelte, kommunen og landbruget gøre? Unge klimaaktivister og lokale politikere mødes til debat om fremtidens natur i {by}.',
    format: 'DEBATE', channels: ['WEB', 'LIBRARY'], audiences: ['ADULTS', 'YOUTH'], weekdays: EVENINGS,
    start: [19, 0], minutes: 90, capacity: [40, 120], accessibility: ['STEP_FREE_ACCESS', 'HEARING_LOOP'],
    partnerKinds: ['AUTHORITY', 'MEDIA', 'SCHOOL'], materials: ['article-biodiversitet'],
  },
  {
    key: 'lydvandring',
    title: 'Naturens lyde – lydvandring på egen hånd',
    description:
      'Scan QR-koden ved startpunktet, tag hovedtelefonerne på, og lad en fortæller guide dig gennem skoven med fuglestemmer, vind i trætoppene og historier om stedet. Ruten er ca. 3 km og kan gås alle ugens dage.',
    format: 'WALK', channels: ['OUTDOORS'], audiences: ['EVERYONE'], weekdays: [1],
    start: [8, 0], minutes: 0, spanDays: 6, endHour: 20, place: 'skov', partnerKinds: ['MEDIA', 'OTHER'],
    materials: ['podcast-lyt-til-fuglene'],
  },
  {
    key: 'sanseleg',
    title: 'Sanseleg i naturen for de små',
    description:
      'Vi mærker mos og bark, lugter til skovbunden, lytter efter fugle og bygger små huse til skovens nisser. Et naturværksted for børn fra 2 til 5 år og deres voksne.',
    format: 'WORKSHOP', channels: ['OUTDOORS'], audiences: ['CHILDREN'], weekdays: [2, 4, 6],
    start: [9, 30], minutes: 90, place: 'skov', capacity: [10, 20], partnerKinds: ['OTHER'], nationalPartners: ['friluftsraadet'],
  },
  {
    key: 'skole-froeer',
    title: 'Frøer og tudser i vandhullet',
    description:
      'Et forløb for indskolingen om frøens livscyklus: fra frøæg over haletudse til frø. Klasserne besøger en naturskole, kigger på haletudser og tegner deres egen frøbog. Biblioteket stiller en bogkasse om padder til rådighed.',
    format: 'SCHOOL_PROGRAM', channels: ['PARTNER_VENUE'], audiences: ['SCHOOL_CLASSES'], weekdays: WEEKDAYS,
    start: [9, 0], minutes: 120, capacity: [20, 28], partnerKinds: ['SCHOOL', 'OTHER', 'MUSEUM'], venue: 'Naturskolen',
    materials: ['booklist-naturboger-born'],
  },
  {
    key: 'vilde-urter',
    title: 'Spis naturen – vilde urter i køkkenet',
    description:
      'Ramsløg, skvalderkål, brændenælder og skovsyre er lige til at plukke i foråret. Vi samler urter på en kort tur og laver pesto, suppe og te sammen. Du får opskrifterne med hjem.',
    format: 'WORKSHOP', channels: ['OUTDOORS', 'LIBRARY'], audiences: ['ADULTS'], weekdays: [4, 6],
    start: [17, 0], minutes: 150, place: 'skov', capacity: [12, 20], priceDkk: 50,
    partnerKinds: ['BUSINESS', 'ASSOCIATION'],
  },
  {
    key: 'insektdoeden',
    title: 'Livestream: Hvor bliver insekterne af?',
    description:
      'Forskere taler om insektdøden, og bilisterne har for længst opdaget, at forruden ikke længere er fuld af insekter om sommeren. En biolog gennemgår, hvad vi ved, hvad vi ikke ved, og hvad der virker, når insekterne skal have det bedre.',
    format: 'TALK', channels: ['WEB'], audiences: ['ADULTS'], weekdays: EVENINGS,
    start: [20, 0], minutes: 60, nationalPartners: ['snm', 'dr'],
    materials: ['video-insekternes-verden', 'book-carson-det-tavse-foraar'],
  },
  {
    key: 'digital-naturvandring',
    title: 'Digital naturvandring med telefonen',
    description:
      'Lær at bruge apps til at artsbestemme planter, fugle og svampe, og bidrag til naturens data ved at registrere dine fund. Vi viser, hvordan det virker, i en online workshop – bagefter kan du gå på opdagelse på egen hånd.',
    format: 'DIGITAL', channels: ['WEB'], audiences: ['FAMILIES', 'ADULTS'], weekdays: [3, 7],
    start: [16, 0], minutes: 60, partnerKinds: ['ASSOCIATION'], materials: ['article-naturvandring'],
  },
  {
    key: 'traeer-bestemmelse',
    title: 'Skovens træer – bestemmelse for begyndere',
    description:
      'Hvordan kender man en avnbøg fra en bøg, og en stilkeg fra en vintereg? På turen lærer du at se på bark, knopper og blade, og du får en lille bestemmelsesnøgle med hjem. Turen foregår i skoven ved {by}.',
    format: 'WALK', channels: ['OUTDOORS'], audiences: ['ADULTS', 'FAMILIES'], weekdays: WEEKEND,
    start: [13, 0], minutes: 120, place: 'skov', capacity: [15, 30], nationalPartners: ['naturstyrelsen'],
    materials: ['book-wohlleben-traeernes-hemmelige-liv'],
  },
  {
    key: 'laesekreds-tavse-foraar',
    title: 'Læsekreds: Det tavse forår',
    description:
      'Rachel Carsons bog fra 1962 om sprøjtemidlernes virkning på fugle og insekter satte gang i miljøbevægelsen. Vi læser og diskuterer bogen og spørger: hvor står vi i dag? Læsekredsen mødes tre gange; dette er første møde.',
    format: 'READING', channels: ['LIBRARY', 'WEB'], audiences: ['ADULTS', 'SENIORS'], weekdays: [2, 3],
    start: [16, 30], minutes: 90, capacity: [8, 15], accessibility: ['STEP_FREE_ACCESS'],
    materials: ['book-carson-det-tavse-foraar'],
  },
  {
    key: 'quiz-boern-facebook',
    title: 'Børnenes naturquiz',
    description:
      'Hvor mange ben har en edderkop? Hvad spiser et pindsvin? Hver dag kl. 16 lægger vi et nyt spørgsmål om dyr og planter på bibliotekets Facebook-side. Alle børn, der svarer, er med i lodtrækningen om en naturbog.',
    format: 'DIGITAL', channels: ['SOCIAL_MEDIA'], audiences: ['CHILDREN', 'FAMILIES'], weekdays: [1],
    start: [16, 0], minutes: 0, spanDays: 4, endHour: 20, materials: ['campaign-naturbingo'],
  },
  {
    key: 'udstilling-skolernes-natur',
    title: 'Udstilling: Skolernes naturbilleder',
    description:
      'Elever fra kommunens skoler har tegnet, malet og fotograferet naturen omkring {by}. Se de bedste værker på biblioteket og i det virtuelle galleri på bibliotekets hjemmeside.',
    format: 'EXHIBITION', channels: ['LIBRARY', 'WEB'], audiences: ['EVERYONE'], weekdays: [1],
    start: [10, 0], minutes: 0, spanDays: 6, endHour: 16, accessibility: ['STEP_FREE_ACCESS'],
    partnerKinds: ['SCHOOL'],
    image: { file: 'skolernes-naturbilleder.jpg', alt: 'Børnetegning af en skov med fugle og en sø' },
  },
  {
    key: 'havets-historier',
    title: 'Havets historier – fortællinger fra kysten',
    description:
      'Fiskere, skippere og strandfogeder: en fortæller tager os med til kysten og havet i sagn, eventyr og lokalhistorie. Bagefter kan børnene lave deres eget skib af drivtømmer.',
    format: 'READING', channels: ['PARTNER_VENUE', 'LIBRARY'], audiences: ['FAMILIES'], weekdays: [6, 7],
    start: [11, 0], minutes: 75, capacity: [25, 50], accessibility: ['STEP_FREE_ACCESS'],
    partnerKinds: ['MUSEUM', 'ARCHIVE'], venue: 'Havnens Kulturhus', materials: ['booklist-havet'],
  },
  {
    key: 'smaadyr-vaerksted',
    title: 'Regnorme, biller og bænkebidere',
    description:
      'Hvem bor i komposten? Børnene undersøger smådyr med lup og mikroskop, og vi bygger et lille regnormeterrarium, som klassen eller familien kan følge i ugerne efter.',
    format: 'WORKSHOP', channels: ['LIBRARY'], audiences: ['CHILDREN', 'SCHOOL_CLASSES'], weekdays: [1, 2, 3],
    start: [10, 0], minutes: 90, capacity: [20, 28], accessibility: ['STEP_FREE_ACCESS', 'ACCESSIBLE_TOILET'],
    partnerKinds: ['SCHOOL', 'OTHER'], materials: ['video-insekternes-verden'],
  },
  {
    key: 'naturen-i-byen',
    title: 'Naturen i byen – vandring i byens grønne rum',
    description:
      'Også midt i {by} er der natur: vilde blomster i vejkanten, mursejlere under tagskægget og ræve i parken. Vi går en tur gennem byens grønne åndehuller og taler om, hvordan byen kan give plads til mere natur.',
    format: 'WALK', channels: ['OUTDOORS'], audiences: ['ADULTS', 'SENIORS'], weekdays: [2, 4, 6],
    start: [14, 0], minutes: 90, place: 'park', capacity: [20, 35], accessibility: ['STEP_FREE_ACCESS'],
    partnerKinds: ['AUTHORITY', 'ASSOCIATION'],
  },
  {
    key: 'let-laest-natur',
    title: 'Let læst om naturen – læsecafé',
    description:
      'En hyggelig læsecafé med korte, letlæste tekster om dyr og natur i Danmark. Vi læser højt på skift, og ingen skal læse, hvis de ikke har lyst. Der er kaffe og kage.',
    format: 'READING', channels: ['LIBRARY'], audiences: ['ADULTS'], weekdays: [2, 4],
    start: [13, 0], minutes: 60, capacity: [8, 15],
    accessibility: ['EASY_READ', 'STEP_FREE_ACCESS', 'ACCESSIBLE_TOILET'],
  },
  {
    key: 'tegnsprog-natur',
    title: 'Naturen på tegnsprog – online foredrag',
    description:
      'Et foredrag om fuglene i skoven og livet i havet, holdt på dansk tegnsprog og med undertekster. Foredraget sendes online og kan ses bagefter på bibliotekets hjemmeside.',
    format: 'TALK', channels: ['WEB'], audiences: ['EVERYONE'], weekdays: [3],
    start: [19, 0], minutes: 60, accessibility: ['SIGN_LANGUAGE'], nationalPartners: ['dr'],
  },
];

/** Tema 12, autumn 2020, continuing the nature theme. */
export const AUTUMN_NATURE_CONCEPTS: readonly ActivityConcept[] = [
  {
    key: 'svampetur-efteraar',
    title: 'Svampetur i efterårsskoven',
    description:
      'Karl Johan, kantareller og rørhatte: efteråret er svampenes højsæson. En svampekyndig viser, hvilke svampe der er gode spisesvampe, og hvilke du skal holde dig fra. Vi mødes ved skovens P-plads ved {by}.',
    format: 'WALK', channels: ['OUTDOORS'], audiences: ['ADULTS', 'FAMILIES'], weekdays: WEEKEND,
    start: [10, 0], minutes: 150, place: 'skov', capacity: [15, 25], partnerKinds: ['ASSOCIATION'],
  },
  {
    key: 'traekfugle',
    title: 'Trækfuglene tager afsked',
    description:
      'Traner, gæs og vibeflokke samler sig til den lange rejse sydpå. Vi kigger efter trækfugle ved kysten og hører om de utrolige ruter, fuglene flyver hvert efterår.',
    format: 'WALK', channels: ['OUTDOORS'], audiences: ['EVERYONE'], weekdays: WEEKEND,
    start: [8, 0], minutes: 120, place: 'strand', partnerKinds: ['ASSOCIATION', 'OTHER'],
  },
  {
    key: 'efteraarets-naturboger',
    title: 'Efterårets naturbøger – bibliotekarerne anbefaler',
    description:
      'Bibliotekarerne præsenterer de bedste nye bøger om træer, svampe, fugle og havet – og et par klassikere. Arrangementet streames, så du også kan følge med hjemmefra.',
    format: 'TALK', channels: ['LIBRARY', 'WEB'], audiences: ['ADULTS', 'SENIORS'], weekdays: EVENINGS,
    start: [19, 0], minutes: 75, capacity: [30, 60], accessibility: ['STEP_FREE_ACCESS', 'HEARING_LOOP'],
    materials: ['booklist-efteraarets-natur'],
  },
  {
    key: 'aeblehoest',
    title: 'Æblehøst og frugttræer i byen',
    description:
      'Vi plukker æbler fra byens frugttræer, presser most og hører om gamle danske æblesorter. Tag en spand eller en pose med.',
    format: 'OTHER', channels: ['OUTDOORS'], audiences: ['FAMILIES'], weekdays: [6],
    start: [11, 0], minutes: 150, place: 'park', partnerKinds: ['ASSOCIATION', 'BUSINESS'],
  },
  {
    key: 'naturdagbog-online',
    title: 'Min naturdagbog – online skriveværksted',
    description:
      'Skriv om naturen, du møder i hverdagen. En forfatter giver skriveøvelser, og du deler dine tekster i en lukket gruppe på bibliotekets Facebook-side.',
    format: 'WORKSHOP', channels: ['SOCIAL_MEDIA'], audiences: ['YOUTH', 'ADULTS'], weekdays: [1],
    start: [10, 0], minutes: 0, spanDays: 4, endHour: 20,
  },
];

/** Tema 25 (invented, 2027): community. */
export const COMMUNITY_CONCEPTS: readonly ActivityConcept[] = [
  {
    key: 'faellesspisning',
    title: 'Fællesspisning og samtalesalon',
    description:
      'Vi spiser sammen på biblioteket og taler bagefter om, hvad der holder et lokalsamfund sammen. Samtalen ledes af en bibliotekar, og alle er velkomne – også dig, der lige er flyttet til {by}.',
    format: 'DEBATE', channels: ['LIBRARY'], audiences: ['ADULTS', 'SENIORS'], weekdays: [3, 4],
    start: [17, 30], minutes: 150, capacity: [30, 60], priceDkk: 40,
    accessibility: ['STEP_FREE_ACCESS', 'ACCESSIBLE_TOILET', 'HEARING_LOOP'], partnerKinds: ['ASSOCIATION'],
  },
  {
    key: 'braetspilscafe',
    title: 'Brætspilscafé for alle aldre',
    description:
      'Tag familien, naboen eller kollegaen med til en aften med brætspil. Biblioteket har spillene, frivillige forklarer reglerne.',
    format: 'OTHER', channels: ['LIBRARY'], audiences: ['FAMILIES', 'YOUTH'], weekdays: [5],
    start: [17, 0], minutes: 180, accessibility: ['STEP_FREE_ACCESS'], partnerKinds: ['ASSOCIATION', 'BUSINESS'],
  },
  {
    key: 'debat-foreningsliv',
    title: 'Debat: Har foreningslivet en fremtid?',
    description:
      'Færre melder sig som frivillige, men flere mødes i løse fællesskaber på nettet. Et panel debatterer, hvordan foreningerne i {by} kan tiltrække nye medlemmer.',
    format: 'DEBATE', channels: ['LIBRARY', 'WEB'], audiences: ['ADULTS'], weekdays: EVENINGS,
    start: [19, 0], minutes: 90, capacity: [40, 100], partnerKinds: ['ASSOCIATION', 'MEDIA'],
  },
  {
    key: 'fortaellecafe-seniorer',
    title: 'Fortællecafé: Det fællesskab, jeg husker',
    description:
      'Seniorer fortæller om forsamlingshuse, sportsklubber og sommerlejre, og lokalarkivet viser billeder fra dengang.',
    format: 'TALK', channels: ['LIBRARY', 'PARTNER_VENUE'], audiences: ['SENIORS'], weekdays: [2],
    start: [14, 0], minutes: 90, capacity: [20, 40], accessibility: ['STEP_FREE_ACCESS', 'HEARING_LOOP'],
    partnerKinds: ['ARCHIVE'], venue: 'Lokalhistorisk Arkiv',
  },
];
