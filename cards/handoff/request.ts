import { z } from 'zod';
import type { InstantWords } from '../../src/dates';
import { formatInstant } from '../../src/dates';
import type { Handoff, HandoffFacts } from '../../src/handoff/types';
import { hideSecrets } from '../../src/logging/redaction';
import { ACTION_KINDS } from '../../src/remediation/action-kinds';
import { ACTION_LABELS } from '../../src/remediation/describe';
import { shown, type Fact, type OfferPayload } from '../diagnosis/card-data';
import type { CardTemplate } from '../render';
import { actionData, type ActionData } from '../verbs';
import json from './request.json';

/**
 * The request for help as the helpdesk channel shows it, to everyone: the person's facts, what
 * the bot found, their note, the replies sent, the fixes that fit (the diagnosis card's own
 * buttons, gated by remediation as usual) and Take it / Reply / Close by state. Whether the
 * clicker may do any of it is decided at click time, not by which buttons are shown.
 */
export interface HandoffCardData {
  /** Only in the clicker's own copy: why their click changed nothing. */
  notice?: string;
  title: string;
  subtitle: string;
  status: { text: string; style: 'attention' | 'accent' | 'good' };
  /** Asked from "None of these": the reading the person said does not fit, shown above it. */
  notIt?: string;
  headline: string;
  causes: Array<{ text: string }>;
  facts: Fact[];
  note?: string;
  replies: Array<{ who: string; when: string; text: string }>;
  offers: Array<{ title: string; note?: string; payload: OfferPayload }>;
  takeData?: ActionData<'handoff.take'>;
  replyData?: ActionData<'handoff.take'>;
  closeData?: ActionData<'handoff.take'>;
  releaseData?: ActionData<'handoff.take'>;
}

const FACT_LABELS: Array<[Exclude<keyof HandoffFacts, 'codes'>, string]> = [
  ['signedInAs', 'Signed in as'],
  ['time', 'When'],
  ['app', 'App'],
  ['device', 'Device'],
  ['correlationId', 'Correlation id'],
  ['requestId', 'Request id'],
  ['ip', 'IP address'],
];

/** The paste's facts as card rows, codes first; a time that reads as one is shown as a date. */
export function factRows(facts: HandoffFacts, when: InstantWords = formatInstant): Fact[] {
  const rows: Fact[] = [];
  if (facts.codes.length > 0) rows.push({ title: 'Error codes', value: facts.codes.join(', ') });
  for (const [key, title] of FACT_LABELS) {
    const value = facts[key];
    if (!value) continue;
    const time = key === 'time' && Number.isFinite(Date.parse(value)) ? when(value) : value;
    rows.push({ title, value: shown(time, 300) });
  }
  return rows.filter((row) => row.value !== '');
}

/**
 * What people typed, as the channel shows it: masked when stored since the service hides secrets,
 * and masked here too for requests stored before it did.
 */
function typed(text: string, max: number): string {
  return shown(hideSecrets(text).text, max);
}

function nameOf(person: { name?: string }, fallback: string): string {
  return shown(person.name ?? '', 100) || fallback;
}

function status(handoff: Handoff, when: InstantWords): HandoffCardData['status'] {
  if (handoff.state === 'closed') {
    const by = handoff.closedBy ? nameOf(handoff.closedBy, 'the helpdesk') : 'the helpdesk';
    const resolution = handoff.resolution ? `: ${typed(handoff.resolution, 500)}` : '';
    return { text: `Closed by ${by}, ${when(handoff.closedAt)}${resolution}`, style: 'good' };
  }
  if (handoff.state === 'assigned' && handoff.assignee) {
    return {
      text: `Taken by ${nameOf(handoff.assignee, 'a helpdesk member')}, ${when(handoff.assignedAt)}`,
      style: 'accent',
    };
  }
  return { text: 'Open: nobody has taken it yet', style: 'attention' };
}

export function handoffCardData(
  handoff: Handoff,
  when: InstantWords = formatInstant,
): HandoffCardData {
  const asker = nameOf(handoff.asker, 'Someone');
  const ref = { handoffId: handoff.id };
  const data: HandoffCardData = {
    title: `Help requested by ${asker}`,
    subtitle: `${handoff.reference}, asked ${when(handoff.createdAt)}`,
    status: status(handoff, when),
    headline: shown(handoff.diagnosis.headline, 400) || 'The bot found no more about this.',
    causes: handoff.diagnosis.causes.map((text) => ({ text: shown(text, 400) })),
    facts: factRows(handoff.facts, when),
    replies: handoff.replies.slice(-5).map((reply) => ({
      who: reply.fromAsker
        ? `${nameOf(reply.by, asker)} (who asked)`
        : nameOf(reply.by, 'The helpdesk'),
      when: when(reply.at),
      text: typed(reply.text, 2000),
    })),
    offers:
      handoff.state === 'closed'
        ? []
        : handoff.diagnosis.offers.slice(0, 4).map((offer) => ({
            title: ACTION_LABELS[offer.kind].title,
            ...(offer.note ? { note: shown(offer.note, 300) } : {}),
            payload: {
              v: 1,
              action: offer.kind,
              subjectId: offer.subjectId,
              ...(offer.targetId === undefined ? {} : { targetId: offer.targetId }),
            },
          })),
  };
  if (handoff.note) data.note = typed(handoff.note, 500);
  if (handoff.notIt) data.notIt = shown(handoff.notIt, 200) || "the bot's reading";
  if (handoff.state === 'open') data.takeData = actionData('handoff.take', ref);
  if (handoff.state === 'assigned') {
    data.replyData = actionData('handoff.take', ref);
    data.releaseData = actionData('handoff.take', ref);
  }
  if (handoff.state !== 'closed') data.closeData = actionData('handoff.take', ref);
  return data;
}

const line = z.string().trim().min(1);
const ref = z.object({ v: z.literal(1), handoffId: line.max(128) }).strict();

const schema: z.ZodType<HandoffCardData> = z
  .object({
    notice: line.max(500).optional(),
    title: line.max(200),
    subtitle: line.max(200),
    status: z
      .object({ text: line.max(700), style: z.enum(['attention', 'accent', 'good']) })
      .strict(),
    notIt: line.max(200).optional(),
    headline: line.max(400),
    causes: z.array(z.object({ text: line.max(400) }).strict()).max(5),
    facts: z.array(z.object({ title: line.max(60), value: line.max(300) }).strict()).max(10),
    note: line.max(500).optional(),
    replies: z
      .array(z.object({ who: line.max(100), when: line.max(60), text: line.max(2000) }).strict())
      .max(5),
    offers: z
      .array(
        z
          .object({
            title: line.max(80),
            note: line.max(300).optional(),
            payload: z
              .object({
                v: z.literal(1),
                action: z.enum(ACTION_KINDS),
                subjectId: line.max(128),
                targetId: line.max(128).optional(),
              })
              .strict(),
          })
          .strict(),
      )
      .max(4),
    takeData: ref.optional(),
    replyData: ref.optional(),
    closeData: ref.optional(),
    releaseData: ref.optional(),
  })
  .strict();

export const handoffTemplate: CardTemplate<HandoffCardData> = {
  name: 'handoff/request',
  json,
  schema,
};
