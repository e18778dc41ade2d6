import { ArrayMaxSize, IsInt, IsOptional, IsUrl, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { HTTP_URL } from './common.inputs.js';

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

/** Required text of 1 to `max` characters that is not only white space (titles, names). */
export const IsText = (max: number): Rule =>
  named((f) => [Length(1, max, { message: `${f} must be 1–${max} characters` }), Matches(/\S/, { message: `${f} must not be blank` })]);

/** Optional `IsText`: null or left out are fine (update inputs). */
export const IsOptionalText = (max: number): Rule => all(IsOptional(), IsText(max));

/** Optional text of at most `max` characters (addresses, towns, notes). */
export const IsShortText = (max: number): Rule => named((f) => [IsOptional(), MaxLength(max, { message: `${f} must be at most ${max} characters` })]);

/** Optional absolute http(s) URL: no javascript:, data: or relative links reach a partner site. */
export const IsHttpUrl = (): Rule =>
  named((f) => [
    IsOptional(),
    MaxLength(2000, { message: `${f} must be at most 2000 characters` }),
    IsUrl(HTTP_URL, { message: `${f} must be an absolute http or https URL` }),
  ]);

/** Optional Danish postal code. */
export const IsPostalCode = (): Rule => named((f) => [IsOptional(), Matches(/^[0-9]{4}$/, { message: `${f} must be four digits, e.g. 9000` })]);

/** Optional WGS 84 latitude. */
export const IsLatitude = (): Rule =>
  named((f) => [IsOptional(), Min(-90, { message: `${f} must be from -90 to 90` }), Max(90, { message: `${f} must be from -90 to 90` })]);

/** Optional WGS 84 longitude. */
export const IsLongitude = (): Rule =>
  named((f) => [IsOptional(), Min(-180, { message: `${f} must be from -180 to 180` }), Max(180, { message: `${f} must be from -180 to 180` })]);

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
  named((f) => [IsOptional(), Min(0, { message: `${f} must be 0 or more` }), Max(100_000, { message: `${f} must be at most 100000` })]);

/** Optional list of at most `max` ids of `what`s. */
export const IsIdList = (max: number, what: string): Rule =>
  named((f) => [IsOptional(), ArrayMaxSize(max, { message: `${f} may name at most ${max} ${what}` })]);
