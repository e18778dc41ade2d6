import { defineEntity } from '../../shared/columns.js';
import { NOTICE_TABLE } from './notice.columns.js';

/** The `notice` table; its columns are declared once, in NOTICE_TABLE (notice.columns.ts). */
export const NoticeEntity = defineEntity('notice', NOTICE_TABLE);
export type NoticeEntity = InstanceType<typeof NoticeEntity>;
