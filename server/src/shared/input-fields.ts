import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  IsPositive,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidationTypes,
} from 'class-validator';
import type { IsURLOptions } from 'validator';

/**
 * The validation rules input fields share, one decorator per kind of field, so that a venue, a
 * library and their create and update inputs check an address or a URL the same way. Messages
 * name the field as the client sent it.
 */
type Rule = PropertyDecorator;

/**
 * Applies the rules as if stacked in this order above the property: decorators run bottom-up and
 * class-validator reports the first rule registered, so the last rule listed speaks first.
 */
function all(...rules: Rule[]): Rule {
  return (target, key) => [...rules].reverse().forEach((rule) => rule(target, key));
}

function named(make: (field: string) => Rule[]): Rule {
  return (target, key) => all(...make(String(key)))(target, key);
}

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) make text show
 * in another order than it is stored ("Trojan Source"); our texts have no use for them. The marks
 * U+200E and U+200F, which right-to-left text needs, stay allowed.
 */
const WITHOUT_BIDI_CONTROLS = /^[^\u202A-\u202E\u2066-\u2069]*$/;

/** At least one character that shows: not white space, a control, a format character (U+200B, U+FEFF, …) or a filler. */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}\u115F\u1160\u2800\u3164\uFFA0]/u;

const withoutBidiControls = (f: string) =>
  Matches(WITHOUT_BIDI_CONTROLS, {
    message: `${f} must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)`,
  });

/**
 * Required text of 1 to `max` characters with at least one visible character (titles, names);
 * `hint` is added to the messages.
 */
export const IsText = (max: number, hint?: string): Rule =>
  named((f) => [
    withoutBidiControls(f),
    Length(1, max, { message: `${f} must be 1–${max} characters${hint ? `: ${hint}` : ''}` }),
    Matches(VISIBLE, { message: `${f} must not be blank${hint ? `: ${hint}` : ''}` }),
  ]);

/** Optional `IsText`: null or left out are fine (update inputs). */
export const IsOptionalText = (max: number): Rule => all(IsOptional(), IsText(max));

/** Optional text of at most `max` characters (addresses, towns, notes). */
export const IsShortText = (max: number): Rule =>
  named((f) => [
    IsOptional(),
    withoutBidiControls(f),
    MaxLength(max, { message: `${f} must be at most ${max} characters` }),
  ]);

/** Links must be absolute http(s) URLs: no javascript:, data: or relative links reach a partner site. */
const HTTP_URL: IsURLOptions = { protocols: ['http', 'https'], require_protocol: true, require_valid_protocol: true };

/** Quotes, white space, angle brackets, backslashes and invisible characters, which a URL carries percent-encoded. */
const URL_SAFE = /^[^\s"'`<>\\\p{Cc}\p{Cf}]*$/u;

const httpUrlRules = (f: string): Rule[] => [
  MaxLength(2000, { message: `${f} must be at most 2000 characters` }),
  Matches(URL_SAFE, {
    message: `${f} must not contain quotes, spaces, angle brackets, backslashes or invisible characters; percent-encode them (e.g. %20 for a space)`,
  }),
  IsUrl(HTTP_URL, { message: `${f} must be an absolute http or https URL` }),
];

/** Required absolute http(s) URL (image URLs). */
export const IsRequiredHttpUrl = (): Rule => named(httpUrlRules);

/** Optional absolute http(s) URL. */
export const IsHttpUrl = (): Rule => named((f) => [IsOptional(), ...httpUrlRules(f)]);

/** Optional Danish postal code. */
export const IsPostalCode = (): Rule =>
  named((f) => [IsOptional(), Matches(/^[0-9]{4}$/, { message: `${f} must be four digits, e.g. 9000` })]);

/**
 * A position comes whole: on `latitude` and `longitude`, each naming the other. The field that is
 * missing while the other is given fails. Registered as class-validator's "isDefined" type, the
 * one kind of rule that runs for a missing value too (validateInput skips missing values
 * otherwise); so the position rules below carry no IsOptional, which would stop it.
 */
const IsPairedWith = (other: string): Rule =>
  named((f) => [
    ValidateBy({
      name: ValidationTypes.IS_DEFINED,
      constraints: [other],
      validator: {
        validate: (value, args) =>
          (value !== null && value !== undefined) || (args?.object as Record<string, unknown>)[other] == null,
        defaultMessage: () => `${f} is missing: give both latitude and longitude, or neither`,
      },
    }),
  ]);

const LATITUDE_RANGE = (f: string) => `${f} must be from -90 to 90`;
const LONGITUDE_RANGE = (f: string) => `${f} must be from -180 to 180`;

/** WGS 84 latitude, -90 to 90; optional unless `pairedWith` (the longitude field) is given. */
export const IsLatitude = (pairedWith?: string): Rule =>
  named((f) => [
    ...(pairedWith ? [IsPairedWith(pairedWith)] : []),
    Min(-90, { message: LATITUDE_RANGE(f) }),
    Max(90, { message: LATITUDE_RANGE(f) }),
  ]);

/** WGS 84 longitude, -180 to 180; optional unless `pairedWith` (the latitude field) is given. */
export const IsLongitude = (pairedWith?: string): Rule =>
  named((f) => [
    ...(pairedWith ? [IsPairedWith(pairedWith)] : []),
    Min(-180, { message: LONGITUDE_RANGE(f) }),
    Max(180, { message: LONGITUDE_RANGE(f) }),
  ]);

/** A search radius in km: more than 0, at most `max`. */
export const IsRadiusKm = (max: number): Rule =>
  named((f) => [
    IsPositive({ message: `${f} must be more than 0 and at most ${max} km` }),
    Max(max, { message: `${f} must be more than 0 and at most ${max} km` }),
  ]);

/** Optional whole number of places. */
export const IsCapacity = (): Rule =>
  named((f) => [
    IsOptional(),
    IsInt(),
    Min(1, { message: `${f} must be 1 or more (leave it out or send null when there is no limit)` }),
    Max(1_000_000, { message: `${f} must be at most 1000000` }),
  ]);

/** Optional price in DKK. */
export const IsPrice = (): Rule =>
  named((f) => [
    IsOptional(),
    Min(0, { message: `${f} must be 0 or more` }),
    Max(100_000, { message: `${f} must be at most 100000` }),
  ]);

/** Optional list of at most `max` ids of `what`s. */
export const IsIdList = (max: number, what: string): Rule =>
  named((f) => [IsOptional(), ArrayMaxSize(max, { message: `${f} may name at most ${max} ${what}` })]);
