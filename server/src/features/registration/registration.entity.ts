import { defineEntity } from '../../shared/columns.js';
import { REGISTRATION_TABLE } from './registration.columns.js';

/** A library's sign-up for a theme; one row per theme and library (unique). Columns: REGISTRATION_TABLE. */
export const RegistrationEntity = defineEntity('registration', REGISTRATION_TABLE);
export type RegistrationEntity = InstanceType<typeof RegistrationEntity>;
