/**
 * Official reference data: Denmark's 5 regions and 98 municipalities (kommuner) with their
 * official codes. Public record, never demo data. Generated once from the project's reference
 * lists (reference/regions.csv and reference/municipalities.csv beside PRODUCT.md) so that the
 * build needs no data files; keep it in step with those lists.
 */

export type RegionCode = 'HOVEDSTADEN' | 'SJAELLAND' | 'SYDDANMARK' | 'MIDTJYLLAND' | 'NORDJYLLAND';

export interface RegionRecord {
  /** The API enum value. */
  readonly code: RegionCode;
  /** Official region code (1081–1085). */
  readonly officialCode: number;
  readonly name: string;
}

export interface MunicipalityRecord {
  /** Official three-digit municipality code (kommunekode). */
  readonly code: number;
  readonly name: string;
  readonly region: RegionCode;
}

export const REGIONS: readonly RegionRecord[] = [
  { code: 'NORDJYLLAND', officialCode: 1081, name: 'Region Nordjylland' },
  { code: 'MIDTJYLLAND', officialCode: 1082, name: 'Region Midtjylland' },
  { code: 'SYDDANMARK', officialCode: 1083, name: 'Region Syddanmark' },
  { code: 'HOVEDSTADEN', officialCode: 1084, name: 'Region Hovedstaden' },
  { code: 'SJAELLAND', officialCode: 1085, name: 'Region Sjælland' },
];

export const MUNICIPALITIES: readonly MunicipalityRecord[] = [
  { code: 101, name: 'København', region: 'HOVEDSTADEN' },
  { code: 147, name: 'Frederiksberg', region: 'HOVEDSTADEN' },
  { code: 151, name: 'Ballerup', region: 'HOVEDSTADEN' },
  { code: 153, name: 'Brøndby', region: 'HOVEDSTADEN' },
  { code: 155, name: 'Dragør', region: 'HOVEDSTADEN' },
  { code: 157, name: 'Gentofte', region: 'HOVEDSTADEN' },
  { code: 159, name: 'Gladsaxe', region: 'HOVEDSTADEN' },
  { code: 161, name: 'Glostrup', region: 'HOVEDSTADEN' },
  { code: 163, name: 'Herlev', region: 'HOVEDSTADEN' },
  { code: 165, name: 'Albertslund', region: 'HOVEDSTADEN' },
  { code: 167, name: 'Hvidovre', region: 'HOVEDSTADEN' },
  { code: 169, name: 'Høje-Taastrup', region: 'HOVEDSTADEN' },
  { code: 173, name: 'Lyngby-Taarbæk', region: 'HOVEDSTADEN' },
  { code: 175, name: 'Rødovre', region: 'HOVEDSTADEN' },
  { code: 183, name: 'Ishøj', region: 'HOVEDSTADEN' },
  { code: 185, name: 'Tårnby', region: 'HOVEDSTADEN' },
  { code: 187, name: 'Vallensbæk', region: 'HOVEDSTADEN' },
  { code: 190, name: 'Furesø', region: 'HOVEDSTADEN' },
  { code: 201, name: 'Allerød', region: 'HOVEDSTADEN' },
  { code: 210, name: 'Fredensborg', region: 'HOVEDSTADEN' },
  { code: 217, name: 'Helsingør', region: 'HOVEDSTADEN' },
  { code: 219, name: 'Hillerød', region: 'HOVEDSTADEN' },
  { code: 223, name: 'Hørsholm', region: 'HOVEDSTADEN' },
  { code: 230, name: 'Rudersdal', region: 'HOVEDSTADEN' },
  { code: 240, name: 'Egedal', region: 'HOVEDSTADEN' },
  { code: 250, name: 'Frederikssund', region: 'HOVEDSTADEN' },
  { code: 260, name: 'Halsnæs', region: 'HOVEDSTADEN' },
  { code: 270, name: 'Gribskov', region: 'HOVEDSTADEN' },
  { code: 400, name: 'Bornholm', region: 'HOVEDSTADEN' },
  { code: 253, name: 'Greve', region: 'SJAELLAND' },
  { code: 259, name: 'Køge', region: 'SJAELLAND' },
  { code: 265, name: 'Roskilde', region: 'SJAELLAND' },
  { code: 269, name: 'Solrød', region: 'SJAELLAND' },
  { code: 306, name: 'Odsherred', region: 'SJAELLAND' },
  { code: 316, name: 'Holbæk', region: 'SJAELLAND' },
  { code: 320, name: 'Faxe', region: 'SJAELLAND' },
  { code: 326, name: 'Kalundborg', region: 'SJAELLAND' },
  { code: 329, name: 'Ringsted', region: 'SJAELLAND' },
  { code: 330, name: 'Slagelse', region: 'SJAELLAND' },
  { code: 336, name: 'Stevns', region: 'SJAELLAND' },
  { code: 340, name: 'Sorø', region: 'SJAELLAND' },
  { code: 350, name: 'Lejre', region: 'SJAELLAND' },
  { code: 360, name: 'Lolland', region: 'SJAELLAND' },
  { code: 370, name: 'Næstved', region: 'SJAELLAND' },
  { code: 376, name: 'Guldborgsund', region: 'SJAELLAND' },
  { code: 390, name: 'Vordingborg', region: 'SJAELLAND' },
  { code: 410, name: 'Middelfart', region: 'SYDDANMARK' },
  { code: 420, name: 'Assens', region: 'SYDDANMARK' },
  { code: 430, name: 'Faaborg-Midtfyn', region: 'SYDDANMARK' },
  { code: 440, name: 'Kerteminde', region: 'SYDDANMARK' },
  { code: 450, name: 'Nyborg', region: 'SYDDANMARK' },
  { code: 461, name: 'Odense', region: 'SYDDANMARK' },
  { code: 479, name: 'Svendborg', region: 'SYDDANMARK' },
  { code: 480, name: 'Nordfyns', region: 'SYDDANMARK' },
  { code: 482, name: 'Langeland', region: 'SYDDANMARK' },
  { code: 492, name: 'Ærø', region: 'SYDDANMARK' },
  { code: 510, name: 'Haderslev', region: 'SYDDANMARK' },
  { code: 530, name: 'Billund', region: 'SYDDANMARK' },
  { code: 540, name: 'Sønderborg', region: 'SYDDANMARK' },
  { code: 550, name: 'Tønder', region: 'SYDDANMARK' },
  { code: 561, name: 'Esbjerg', region: 'SYDDANMARK' },
  { code: 563, name: 'Fanø', region: 'SYDDANMARK' },
  { code: 573, name: 'Varde', region: 'SYDDANMARK' },
  { code: 575, name: 'Vejen', region: 'SYDDANMARK' },
  { code: 580, name: 'Aabenraa', region: 'SYDDANMARK' },
  { code: 607, name: 'Fredericia', region: 'SYDDANMARK' },
  { code: 621, name: 'Kolding', region: 'SYDDANMARK' },
  { code: 630, name: 'Vejle', region: 'SYDDANMARK' },
  { code: 615, name: 'Horsens', region: 'MIDTJYLLAND' },
  { code: 657, name: 'Herning', region: 'MIDTJYLLAND' },
  { code: 661, name: 'Holstebro', region: 'MIDTJYLLAND' },
  { code: 665, name: 'Lemvig', region: 'MIDTJYLLAND' },
  { code: 671, name: 'Struer', region: 'MIDTJYLLAND' },
  { code: 706, name: 'Syddjurs', region: 'MIDTJYLLAND' },
  { code: 707, name: 'Norddjurs', region: 'MIDTJYLLAND' },
  { code: 710, name: 'Favrskov', region: 'MIDTJYLLAND' },
  { code: 727, name: 'Odder', region: 'MIDTJYLLAND' },
  { code: 730, name: 'Randers', region: 'MIDTJYLLAND' },
  { code: 740, name: 'Silkeborg', region: 'MIDTJYLLAND' },
  { code: 741, name: 'Samsø', region: 'MIDTJYLLAND' },
  { code: 746, name: 'Skanderborg', region: 'MIDTJYLLAND' },
  { code: 751, name: 'Aarhus', region: 'MIDTJYLLAND' },
  { code: 756, name: 'Ikast-Brande', region: 'MIDTJYLLAND' },
  { code: 760, name: 'Ringkøbing-Skjern', region: 'MIDTJYLLAND' },
  { code: 766, name: 'Hedensted', region: 'MIDTJYLLAND' },
  { code: 779, name: 'Skive', region: 'MIDTJYLLAND' },
  { code: 791, name: 'Viborg', region: 'MIDTJYLLAND' },
  { code: 773, name: 'Morsø', region: 'NORDJYLLAND' },
  { code: 787, name: 'Thisted', region: 'NORDJYLLAND' },
  { code: 810, name: 'Brønderslev', region: 'NORDJYLLAND' },
  { code: 813, name: 'Frederikshavn', region: 'NORDJYLLAND' },
  { code: 820, name: 'Vesthimmerland', region: 'NORDJYLLAND' },
  { code: 825, name: 'Læsø', region: 'NORDJYLLAND' },
  { code: 840, name: 'Rebild', region: 'NORDJYLLAND' },
  { code: 846, name: 'Mariagerfjord', region: 'NORDJYLLAND' },
  { code: 849, name: 'Jammerbugt', region: 'NORDJYLLAND' },
  { code: 851, name: 'Aalborg', region: 'NORDJYLLAND' },
  { code: 860, name: 'Hjørring', region: 'NORDJYLLAND' },
];
