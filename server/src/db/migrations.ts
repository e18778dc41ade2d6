import { InitialSchema1764000000000 } from '../../../migrations/1764000000000-initial-schema.js';

/** Every schema migration, oldest first. A new migration file is registered here. */
export const migrations = [InitialSchema1764000000000];
