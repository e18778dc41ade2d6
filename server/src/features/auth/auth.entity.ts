import { defineEntity } from '../../shared/columns.js';
import { API_TOKEN_TABLE } from './auth.columns.js';

/** The `api_token` table; its columns are declared once, in API_TOKEN_TABLE (auth.columns.ts). */
export const ApiTokenEntity = defineEntity('api_token', API_TOKEN_TABLE);
export type ApiTokenEntity = InstanceType<typeof ApiTokenEntity>;
