// Danish (and English) names of the API's enums, shared by the embed and the dashboard.
import type { ActivityFormat, Audience, Channel, Region } from '@temahub/partner-site';

export type Lang = 'da' | 'en';

export const AUDIENCES: Record<Lang, Record<Audience, string>> = {
  da: {
    CHILDREN: 'Børn',
    YOUTH: 'Unge',
    ADULTS: 'Voksne',
    FAMILIES: 'Familier',
    SENIORS: 'Seniorer',
    SCHOOL_CLASSES: 'Skoleklasser',
    EVERYONE: 'Alle',
  },
  en: {
    CHILDREN: 'Children',
    YOUTH: 'Young people',
    ADULTS: 'Adults',
    FAMILIES: 'Families',
    SENIORS: 'Seniors',
    SCHOOL_CLASSES: 'School classes',
    EVERYONE: 'Everyone',
  },
};

export const FORMATS: Record<Lang, Record<ActivityFormat, string>> = {
  da: {
    TALK: 'Foredrag',
    READING: 'Oplæsning',
    WALK: 'Tur',
    WORKSHOP: 'Værksted',
    EXHIBITION: 'Udstilling',
    DEBATE: 'Debat',
    SCHOOL_PROGRAM: 'Skoletilbud',
    DIGITAL: 'Digitalt',
    OTHER: 'Andet',
  },
  en: {
    TALK: 'Talk',
    READING: 'Reading',
    WALK: 'Walk',
    WORKSHOP: 'Workshop',
    EXHIBITION: 'Exhibition',
    DEBATE: 'Debate',
    SCHOOL_PROGRAM: 'School programme',
    DIGITAL: 'Online',
    OTHER: 'Other',
  },
};

export const CHANNELS: Record<Channel, string> = {
  LIBRARY: 'På biblioteket',
  OUTDOORS: 'Udendørs',
  PARTNER_VENUE: 'Hos en partner',
  WEB: 'På nettet',
  SOCIAL_MEDIA: 'Sociale medier',
};

export const REGIONS: Record<Region, string> = {
  HOVEDSTADEN: 'Region Hovedstaden',
  MIDTJYLLAND: 'Region Midtjylland',
  NORDJYLLAND: 'Region Nordjylland',
  SJAELLAND: 'Region Sjælland',
  SYDDANMARK: 'Region Syddanmark',
};
