import { z } from 'zod';
import { ACTION_KINDS, type ActionKind } from '../../src/remediation/action-kinds';
import { ACTION_LABELS } from '../../src/remediation/describe';
import {
  DEFAULT_FORM_LIMITS,
  formFor,
  offerFormSchema,
  type OfferForm,
} from '../diagnosis/offer-forms';
import type { CardTemplate } from '../render';
import json from './fix-form.json';

/**
 * A fix asked for from a command rather than a diagnosis (`copy group members`, `add sms method`):
 * what it does, its inputs (groups and people chosen in a typeahead over the tenant), a note,
 * and the button that makes the request. The server checks everything again at click time.
 */
export interface FixFormCardData {
  title: string;
  intro: string;
  effect: string;
  /** The person the fix is for, chosen in the form (Data.Query over the tenant's users). */
  subjectPicker?: { label: string };
  form: OfferForm;
  noteInput: { label: string; placeholder: string };
  payload: FixPayload;
  /** For an approver of a fix that needs no second person: run it at once. */
  runNow?: FixPayload & { mode: 'run' };
}

type FixPayload = { v: 1; action: ActionKind; subjectId?: string };

const line = z.string().trim().min(1);

const payloadSchema = z
  .object({ v: z.literal(1), action: z.enum(ACTION_KINDS), subjectId: line.optional() })
  .strict();

const schema = z
  .object({
    title: line.max(120),
    intro: line.max(400),
    effect: line.max(400),
    subjectPicker: z
      .object({ label: line.max(80) })
      .strict()
      .optional(),
    form: offerFormSchema,
    noteInput: z.object({ label: line.max(80), placeholder: line.max(80) }).strict(),
    payload: payloadSchema,
    runNow: payloadSchema
      .extend({ mode: z.literal('run') })
      .strict()
      .optional(),
  })
  .strict();

export const fixFormTemplate: CardTemplate<FixFormCardData> = {
  name: 'remediation/fix-form',
  json,
  schema,
};

const INTROS: Partial<Record<ActionKind, string>> = {
  'copy-group-members':
    'Choose the group to copy from and the group to add its members to; an approver checks the request before anything changes.',
  'add-sms-method':
    'Choose the person and type their mobile number; an approver checks the request before the number is registered.',
};

/**
 * The form card of a fix asked for by command. `runNow`: the asker approves this fix and it needs
 * no second person (the server decides again at click time).
 */
export function fixFormCardData(
  kind: 'copy-group-members' | 'add-sms-method',
  options: { runNow?: boolean } = {},
): FixFormCardData {
  const form = formFor(kind, DEFAULT_FORM_LIMITS, 'helpdesk');
  if (form === undefined) throw new Error(`no form for ${kind}`);
  const data: FixFormCardData = {
    title: ACTION_LABELS[kind].title,
    intro: INTROS[kind] ?? ACTION_LABELS[kind].effect,
    effect: ACTION_LABELS[kind].effect,
    form,
    noteInput: { label: 'Note for the approver (optional)', placeholder: 'Why this is needed' },
    payload: { v: 1, action: kind },
  };
  if (options.runNow) data.runNow = { v: 1, action: kind, mode: 'run' };
  if (kind === 'add-sms-method') data.subjectPicker = { label: 'For whom' };
  return data;
}

export const fixFormSample: FixFormCardData = fixFormCardData('copy-group-members', {
  runNow: true,
});
