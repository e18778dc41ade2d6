import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import { BadUserInputError } from '../../shared/errors.js';
import { optionalText } from '../../shared/input-rules.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { insertOf, pickColumns } from '../../shared/columns.js';
import { NOTICE_COLUMNS, NOTICE_TABLE, type NoticeRecord } from './notice.columns.js';
import type { CreateNoticeInput } from './notice.inputs.js';
import { toNotice } from './notice.service.js';
import type { Notice } from './notice.types.js';

/** The columns a notice's creation sets (and the audit log records). */
const WRITTEN = ['title', 'body', 'link', 'validFrom', 'validUntil'] as const satisfies readonly (keyof NoticeRecord)[];
type Written = (typeof WRITTEN)[number];

/** Creates a notice. Coordinators only. */
export async function createNotice(ctx: RequestContext, input: CreateNoticeInput): Promise<Notice> {
  const validUntil = input.validUntil ?? null;
  if (validUntil && validUntil <= input.validFrom)
    throw new BadUserInputError('validUntil must be after validFrom.', 'input.validUntil');
  return inTransaction(ctx, async (tx) => {
    const values: Pick<NoticeRecord, Written> = {
      title: input.title.trim(),
      body: input.body.trim(),
      link: optionalText(input.link) ?? null,
      validFrom: input.validFrom,
      validUntil,
    };
    const insert = insertOf(NOTICE_TABLE, WRITTEN, values);
    const [created] = await sql<NoticeRecord>(
      tx,
      `INSERT INTO notice AS n (${insert.columns}) VALUES (${insert.placeholders}) RETURNING ${NOTICE_COLUMNS}`,
      insert.values,
    );
    await recordAudit(tx, {
      action: 'create',
      entityType: 'Notice',
      entityId: created!.id,
      changes: changesBetween(null, pickColumns(created!, WRITTEN)),
    });
    return toNotice(created!);
  });
}
