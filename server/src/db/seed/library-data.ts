/**
 * One main library (hovedbibliotek) per municipality, plus a few branches. DEMO DATA: the names
 * follow the libraries' usual naming and the ISIL follows the public rule (`DK-7` + municipality
 * code + branch number, `00` for the main library), but addresses are approximations or invented,
 * positions are approximate town centres, and websites and e-mail addresses use the reserved
 * `.example` domain so that no demo address reaches a real inbox. Every row is seeded with
 * is_demo = true.
 */

/** Municipalities whose main library is a central library (centralbibliotek). */
export const CENTRAL_LIBRARY_MUNICIPALITIES: readonly number[] = [851, 657, 630, 461, 265, 157];

export interface LibrarySite {
  readonly municipalityCode: number;
  /** 0 for the main library, 1, 2 … for branches (the last two digits of the ISIL). */
  readonly branch: number;
  readonly name: string;
  readonly address: string;
  readonly postalCode: string;
  readonly city: string;
  readonly latitude: number;
  readonly longitude: number;
}

type Row = [code: number, name: string, address: string, postalCode: string, city: string, lat: number, lon: number];

const MAIN: readonly Row[] = [
  [101, 'Københavns Biblioteker', 'Krystalgade 15', '1172', 'København K', 55.6796, 12.5735],
  [147, 'Frederiksberg Bibliotek', 'Solbjergvej 21', '2000', 'Frederiksberg', 55.6809, 12.5296],
  [151, 'Ballerup Bibliotek', 'Banegårdspladsen 1', '2750', 'Ballerup', 55.7317, 12.3633],
  [153, 'Brøndby Bibliotek', 'Brøndbyøster Torv 1', '2605', 'Brøndby', 55.6617, 12.4254],
  [155, 'Dragør Bibliotek', 'Kirkevej 7', '2791', 'Dragør', 55.5933, 12.6722],
  [157, 'Gentofte Bibliotekerne', 'Ahlmanns Allé 6', '2900', 'Hellerup', 55.736, 12.555],
  [159, 'Gladsaxe Bibliotekerne', 'Søborg Hovedgade 220', '2860', 'Søborg', 55.7327, 12.4893],
  [161, 'Glostrup Bibliotek', 'Kirkevej 1', '2600', 'Glostrup', 55.6663, 12.3991],
  [163, 'Herlev Bibliotek', 'Herlev Bygade 70', '2730', 'Herlev', 55.7236, 12.4402],
  [165, 'Albertslund Bibliotek', 'Bibliotekstorvet 2', '2620', 'Albertslund', 55.6569, 12.3639],
  [167, 'Hvidovre Bibliotek', 'Hvidovrevej 280', '2650', 'Hvidovre', 55.6425, 12.4736],
  [169, 'Høje-Taastrup Bibliotek', 'Taastrup Hovedgade 1', '2630', 'Taastrup', 55.6517, 12.2987],
  [173, 'Lyngby-Taarbæk Bibliotekerne', 'Lyngby Hovedgade 28', '2800', 'Kongens Lyngby', 55.7704, 12.5038],
  [175, 'Rødovre Bibliotek', 'Rødovre Parkvej 130', '2610', 'Rødovre', 55.6806, 12.454],
  [183, 'Ishøj Bibliotek', 'Ishøj Store Torv 1', '2635', 'Ishøj', 55.6153, 12.3517],
  [185, 'Tårnby Bibliotek', 'Kamillevej 10', '2770', 'Kastrup', 55.6299, 12.6003],
  [187, 'Vallensbæk Bibliotek', 'Vallensbæk Stationstorv 5', '2665', 'Vallensbæk Strand', 55.6214, 12.3843],
  [190, 'Furesø Bibliotek', 'Stiager 2', '3520', 'Farum', 55.8081, 12.36],
  [201, 'Allerød Bibliotek', 'Banevej 10', '3450', 'Allerød', 55.8706, 12.3573],
  [210, 'Fredensborg Bibliotekerne', 'Slotsgade 4', '3480', 'Fredensborg', 55.9756, 12.405],
  [217, 'Helsingør Kommunes Biblioteker', 'Allégade 2', '3000', 'Helsingør', 56.039, 12.6158],
  [219, 'Hillerød Bibliotekerne', "Christian IV's Vej 2", '3400', 'Hillerød', 55.9276, 12.3008],
  [223, 'Hørsholm Bibliotek', 'Bibliotekstorvet 1', '2970', 'Hørsholm', 55.881, 12.5016],
  [230, 'Rudersdal Bibliotekerne', 'Kongevejen 84', '2840', 'Holte', 55.812, 12.472],
  [240, 'Egedal Bibliotekerne', 'Stenløse Centervej 1', '3660', 'Stenløse', 55.768, 12.193],
  [250, 'Frederikssund Bibliotek', 'Jernbanegade 15', '3600', 'Frederikssund', 55.8393, 12.0687],
  [260, 'Halsnæs Bibliotekerne', 'Torvet 6', '3300', 'Frederiksværk', 55.9706, 12.0225],
  [270, 'Gribskov Bibliotekerne', 'Østergade 5', '3200', 'Helsinge', 56.0228, 12.1976],
  [400, 'Bornholms Biblioteker', 'Pingels Allé 1', '3700', 'Rønne', 55.1009, 14.7066],
  [253, 'Greve Bibliotek', 'Greve Centervej 1', '2670', 'Greve', 55.5831, 12.2986],
  [259, 'Køge Bibliotekerne', 'Kirkestræde 18', '4600', 'Køge', 55.458, 12.1822],
  [265, 'Roskilde Bibliotekerne', 'Dronning Margrethes Vej 14', '4000', 'Roskilde', 55.6415, 12.0803],
  [269, 'Solrød Bibliotek', 'Solrød Center 1', '2680', 'Solrød Strand', 55.535, 12.22],
  [306, 'Odsherred Bibliotek', 'Algade 1', '4500', 'Nykøbing Sj', 55.9247, 11.671],
  [316, 'Holbæk Bibliotek', 'Kanalstræde 2', '4300', 'Holbæk', 55.7156, 11.7128],
  [320, 'Faxe Bibliotek', 'Torvegade 10', '4640', 'Faxe', 55.2556, 12.1187],
  [326, 'Kalundborg Bibliotekerne', 'Klostertorvet 2', '4400', 'Kalundborg', 55.6795, 11.0886],
  [329, 'Ringsted Bibliotek', 'Søndergade 4', '4100', 'Ringsted', 55.4426, 11.7902],
  [330, 'Slagelse Bibliotekerne', 'Stenstuegade 3', '4200', 'Slagelse', 55.4028, 11.3546],
  [336, 'Stevns Bibliotekerne', 'Mølleengen 1', '4660', 'Store Heddinge', 55.3096, 12.388],
  [340, 'Sorø Bibliotek', 'Storgade 7', '4180', 'Sorø', 55.4318, 11.5555],
  [350, 'Lejre Bibliotek', 'Møllebjergvej 4', '4330', 'Hvalsø', 55.5931, 11.8622],
  [360, 'Lolland Bibliotekerne', 'Axeltorv 10', '4900', 'Nakskov', 54.831, 11.1365],
  [370, 'Næstved Bibliotek', 'Kvægtorvet 1', '4700', 'Næstved', 55.2299, 11.7609],
  [376, 'Guldborgsund Bibliotekerne', 'Kongensgade 7', '4800', 'Nykøbing F', 54.7691, 11.8743],
  [390, 'Vordingborg Bibliotekerne', 'Algade 98', '4760', 'Vordingborg', 55.0087, 11.911],
  [410, 'Middelfart Bibliotek', 'Havnegade 6', '5500', 'Middelfart', 55.5059, 9.7305],
  [420, 'Assens Bibliotekerne', 'Østergade 57', '5610', 'Assens', 55.2703, 9.9003],
  [430, 'Faaborg-Midtfyn Bibliotekerne', 'Vestergade 2', '5750', 'Ringe', 55.2383, 10.4792],
  [440, 'Kerteminde Bibliotekerne', 'Strandgade 1', '5300', 'Kerteminde', 55.4495, 10.6566],
  [450, 'Nyborg Bibliotek', 'Torvet 1', '5800', 'Nyborg', 55.3127, 10.7893],
  [461, 'Odense Bibliotekerne', 'Østre Stationsvej 15', '5000', 'Odense C', 55.4015, 10.3869],
  [479, 'Svendborg Bibliotek', 'Klosterplads 7', '5700', 'Svendborg', 55.0598, 10.6068],
  [480, 'Nordfyns Bibliotek', 'Adelgade 15', '5400', 'Bogense', 55.5666, 10.0868],
  [482, 'Langelands Bibliotek', 'Østergade 1', '5900', 'Rudkøbing', 54.9366, 10.7107],
  [492, 'Ærø Bibliotek', 'Søndergade 4', '5970', 'Ærøskøbing', 54.8885, 10.4118],
  [510, 'Haderslev Bibliotek', 'Bispebroen 1', '6100', 'Haderslev', 55.2497, 9.4876],
  [530, 'Billund Bibliotek', 'Torvegade 6', '7200', 'Grindsted', 55.757, 8.927],
  [540, 'Sønderborg Bibliotek', 'Kongevej 28', '6400', 'Sønderborg', 54.9094, 9.7923],
  [550, 'Tønder Bibliotek', 'Wilhelm Hertz Gade 1', '6270', 'Tønder', 54.933, 8.8667],
  [561, 'Esbjerg Kommunes Biblioteker', 'Nørregade 19', '6700', 'Esbjerg', 55.467, 8.452],
  [563, 'Fanø Bibliotek', 'Hovedgaden 40', '6720', 'Fanø', 55.445, 8.406],
  [573, 'Varde Bibliotek', 'Storegade 15', '6800', 'Varde', 55.6211, 8.4806],
  [575, 'Vejen Bibliotek', 'Østergade 4', '6600', 'Vejen', 55.481, 9.137],
  [580, 'Aabenraa Bibliotekerne', 'Skibbroen 12', '6200', 'Aabenraa', 55.0443, 9.4174],
  [607, 'Fredericia Bibliotek', 'Prinsessegade 39', '7000', 'Fredericia', 55.5657, 9.7527],
  [621, 'Kolding Bibliotekerne', 'Slotssøvej 1', '6000', 'Kolding', 55.4904, 9.4722],
  [630, 'Vejle Bibliotekerne', 'Willy Sørensens Plads 1', '7100', 'Vejle', 55.7093, 9.5357],
  [615, 'Horsens Kommunes Biblioteker', 'Tobaksgården 12', '8700', 'Horsens', 55.8607, 9.8503],
  [657, 'Herning Bibliotekerne', 'Brændgårdvej 1', '7400', 'Herning', 56.1393, 8.9738],
  [661, 'Holstebro Bibliotek', 'Kirkestræde 8', '7500', 'Holstebro', 56.3601, 8.6161],
  [665, 'Lemvig Bibliotek', 'Vestergade 5', '7620', 'Lemvig', 56.5486, 8.3102],
  [671, 'Struer Bibliotek', 'Smedegade 30', '7600', 'Struer', 56.4919, 8.5934],
  [706, 'Syddjurs Bibliotek', 'Jernbanegade 2', '8400', 'Ebeltoft', 56.1944, 10.6821],
  [707, 'Norddjurs Bibliotekerne', 'Torvet 3', '8500', 'Grenaa', 56.4158, 10.8783],
  [710, 'Favrskov Bibliotekerne', 'Søndergade 40', '8370', 'Hadsten', 56.327, 10.049],
  [727, 'Odder Bibliotek', 'Rådhusgade 14', '8300', 'Odder', 55.9732, 10.1527],
  [730, 'Randers Bibliotek', 'Stemannsgade 2', '8900', 'Randers C', 56.4607, 10.0364],
  [740, 'Silkeborg Bibliotekerne', 'Hostrupsgade 41', '8600', 'Silkeborg', 56.1697, 9.5451],
  [741, 'Samsø Bibliotek', 'Langgade 32', '8305', 'Samsø', 55.839, 10.611],
  [746, 'Skanderborg Bibliotek', 'Adelgade 27', '8660', 'Skanderborg', 56.0395, 9.9279],
  [751, 'Aarhus Kommunes Biblioteker', 'Hack Kampmanns Plads 2', '8000', 'Aarhus C', 56.1535, 10.2144],
  [756, 'Ikast-Brande Bibliotek', 'Østergade 18', '7430', 'Ikast', 56.1388, 9.1577],
  [760, 'Ringkøbing-Skjern Bibliotekerne', 'Kongevejen 2', '6950', 'Ringkøbing', 56.0897, 8.2437],
  [766, 'Hedensted Bibliotekerne', 'Tofteskovvej 6', '8722', 'Hedensted', 55.7707, 9.7009],
  [779, 'Skive Bibliotek', 'Østergade 4', '7800', 'Skive', 56.5656, 9.0279],
  [791, 'Viborg Bibliotekerne', 'Vesterbrogade 15', '8800', 'Viborg', 56.453, 9.402],
  [773, 'Morsø Folkebibliotek', 'Holgersgade 7', '7900', 'Nykøbing M', 56.7936, 8.8524],
  [787, 'Thisted Bibliotek', 'Asylgade 4', '7700', 'Thisted', 56.9552, 8.6945],
  [810, 'Brønderslev Bibliotek', 'Nygade 2', '9700', 'Brønderslev', 57.2702, 9.941],
  [813, 'Frederikshavn Bibliotek', 'Parallelvej 16', '9900', 'Frederikshavn', 57.4407, 10.5366],
  [820, 'Vesthimmerlands Biblioteker', 'Himmerlandsgade 5', '9600', 'Aars', 56.803, 9.518],
  [825, 'Læsø Bibliotek', 'Doktorvejen 2', '9940', 'Læsø', 57.2546, 11.0003],
  [840, 'Rebild Bibliotekerne', 'Jyllandsgade 2', '9520', 'Skørping', 56.8356, 9.8921],
  [846, 'Mariagerfjord Bibliotekerne', 'Store Torv 1', '9500', 'Hobro', 56.6383, 9.7928],
  [849, 'Jammerbugt Bibliotekerne', 'Vestergade 5', '9440', 'Aabybro', 57.1623, 9.7308],
  [851, 'Aalborg Bibliotekerne', 'Rendsburggade 2', '9000', 'Aalborg', 57.0488, 9.9217],
  [860, 'Hjørring Bibliotekerne', 'Østergade 30', '9800', 'Hjørring', 57.464, 9.9823],
];

type BranchRow = [
  code: number,
  branch: number,
  name: string,
  address: string,
  postalCode: string,
  city: string,
  lat: number,
  lon: number,
];

const BRANCHES: readonly BranchRow[] = [
  [101, 1, 'Vesterbro Bibliotek', 'Lyrskovgade 4', '1758', 'København V', 55.6697, 12.5485],
  [101, 2, 'Nørrebro Bibliotek', 'Bragesgade 8B', '2200', 'København N', 55.696, 12.543],
  [101, 3, 'Islands Brygge Bibliotek', 'Kaj Munks Vej 4', '2300', 'København S', 55.663, 12.578],
  [751, 1, 'Viby Bibliotek', 'Skanderborgvej 170', '8260', 'Viby J', 56.129, 10.16],
  [751, 2, 'Risskov Bibliotek', 'Fortebakken 1', '8240', 'Risskov', 56.19, 10.23],
  [751, 3, 'Tranbjerg Bibliotek', 'Grønløkkevej 7', '8310', 'Tranbjerg J', 56.09, 10.13],
  [851, 1, 'Vejgaard Bibliotek', 'Hadsundvej 35', '9000', 'Aalborg', 57.043, 9.96],
  [851, 2, 'Nørresundby Bibliotek', 'Torvet 7', '9400', 'Nørresundby', 57.06, 9.923],
  [461, 1, 'Vollsmose Bibliotek', 'Vollsmose Torv 1', '5240', 'Odense NØ', 55.41, 10.43],
  [461, 2, 'Dalum Bibliotek', 'Dalumvej 76', '5250', 'Odense SV', 55.37, 10.35],
  [561, 1, 'Ribe Bibliotek', 'Sct. Nicolajgade 6', '6760', 'Ribe', 55.328, 8.761],
];

export const MAIN_LIBRARY_SITES: readonly LibrarySite[] = MAIN.map(
  ([municipalityCode, name, address, postalCode, city, latitude, longitude]) => ({
    municipalityCode,
    branch: 0,
    name,
    address,
    postalCode,
    city,
    latitude,
    longitude,
  }),
);

export const BRANCH_LIBRARY_SITES: readonly LibrarySite[] = BRANCHES.map(
  ([municipalityCode, branch, name, address, postalCode, city, latitude, longitude]) => ({
    municipalityCode,
    branch,
    name,
    address,
    postalCode,
    city,
    latitude,
    longitude,
  }),
);

/** `DK-7` + three-digit municipality code + two-digit branch number. */
export function libraryIsil(municipalityCode: number, branch: number): string {
  return `DK-7${String(municipalityCode).padStart(3, '0')}${String(branch).padStart(2, '0')}`;
}

/** ASCII slug of a Danish name, for demo web and e-mail addresses: `Høje-Taastrup` → `hoeje-taastrup`. */
export function asciiSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
