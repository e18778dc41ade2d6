import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import { BadUserInputError } from '../../shared/errors.js';
import { optionalText } from '../../shared/input-rules.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { NoticeEntity } from './notice.entity.js';
import type { CreateNoticeInput } from './notice.inputs.js';
import { toNotice } from './notice.service.js';
import type { Notice } from './notice.types.js';

/** Creates a notice. Coordinators only. */
export async function createNotice(ctx: RequestContext, input: CreateNoticeInput): Promise<Notice> {
  const validUntil = input.validUntil ?? null;
  if (validUntil && validUntil <= input.validFrom)
    throw new BadUserInputError('validUntil must be after validFrom.', 'input.validUntil');
  return inTransaction(ctx, async (tx) => {
    const [row] = await sql<{ id: string }>(
      tx,
      `INSERT INTO notice (title, body, link, valid_from, valid_until) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [input.title.trim(), input.body.trim(), optionalText(input.link) ?? null, input.validFrom, validUntil],
    );
    const created = (await tx.tx!.getRepository(NoticeEntity).findOneBy({ id: row!.id }))!;
    await recordAudit(tx, {
      action: 'create',
      entityType: 'Notice',
      entityId: created.id,
      changes: changesBetween(null, {
        title: created.title,
        body: created.body,
        link: created.link,
        validFrom: created.validFrom,
        validUntil: created.validUntil,
      }),
    });
    return toNotice(created);
  });
}
