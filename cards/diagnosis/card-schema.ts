import { z } from 'zod';
import { cardId } from '../common/ids';
import { ACTION_KINDS } from '../../src/remediation/action-kinds';
import { notItFields } from '../triage/correction';
import { MAX_FACTS, MAX_TEXT, type DiagnosisCardData } from './card-data';
import { offerFormSchema } from './offer-forms';

/** The checked shape of the diagnosis card's data (card-data.ts builds it). */

const line = z.string().trim().min(1);
const id = cardId;
const fact = z.object({ title: line.max(60), value: line.max(300) }).strict();
const finding = z
  .object({
    title: line.max(200).optional(),
    detail: line.max(MAX_TEXT),
    facts: z.array(fact).max(MAX_FACTS),
  })
  .strict();

export const diagnosisCardSchema: z.ZodType<DiagnosisCardData> = z
  .object({
    kind: z
      .object({
        label: line.max(60),
        style: z.enum(['attention', 'warning']),
        causes: line.max(80),
        context: line.max(80),
        signIn: line.max(80),
      })
      .strict(),
    title: line.max(200),
    code: line.max(20).optional(),
    subject: line.max(200).optional(),
    banner: z
      .object({ text: line.max(300), style: z.enum(['good', 'warning', 'attention', 'accent']) })
      .strict()
      .optional(),
    causes: z.array(finding).max(10),
    context: z.array(finding).max(10),
    gaps: z.array(z.object({ text: line.max(MAX_TEXT) }).strict()).max(10),
    pasted: z
      .object({
        heading: line.max(80),
        note: line.max(MAX_TEXT),
        facts: z.array(fact).max(MAX_FACTS),
      })
      .strict()
      .optional(),
    latest: z
      .object({ heading: line.max(80), note: line.max(300), headline: line.max(300) })
      .strict()
      .optional(),
    signIn: z
      .object({ heading: line.max(80), facts: z.array(fact).max(MAX_FACTS) })
      .strict()
      .optional(),
    nextSteps: z.array(z.object({ step: line.max(MAX_TEXT) }).strict()).max(8),
    rules: z
      .array(z.object({ rule: line.max(MAX_TEXT) }).strict())
      .max(8)
      .optional(),
    offers: z
      .array(
        z
          .object({
            title: line.max(80),
            note: line.max(300).optional(),
            form: offerFormSchema,
            remark: z
              .object({
                id: z.string().regex(/^fixNote\d$/),
                label: line.max(80),
                placeholder: line.max(80),
              })
              .strict(),
            payload: z
              .object({
                v: z.literal(1),
                action: z.enum(ACTION_KINDS),
                subjectId: id,
                oneTimeUse: z.literal('true').optional(),
                targetId: id.optional(),
              })
              .strict(),
          })
          .strict(),
      )
      .max(4),
    offerNote: line.max(300).optional(),
    checkAgain: z
      .object({ v: z.literal(1), triageId: id })
      .strict()
      .optional(),
    askHelpdesk: z
      .object({ v: z.literal(1), triageId: id })
      .strict()
      .optional(),
    notIt: z
      .object({ v: z.literal(1), ...notItFields })
      .strict()
      .optional(),
  })
  .strict();
