import { z } from 'zod';
import type { Handoff } from '../../src/handoff/types';
import { shown } from '../diagnosis/card-data';
import type { CardTemplate } from '../render';
import { actionData, type ActionData } from '../verbs';
import json from './notice.json';

/**
 * What the person who asked for help gets in their chat with the bot: the confirmation with a
 * reference, each reply from the agent, and the closing.
 */
export interface HandoffNoticeData {
  title: string;
  text: string;
  /** The agent's own words (a reply, a resolution). */
  quote?: string;
  reference: string;
  /** While the request is open: the asker can write back from this card. */
  answerData?: ActionData<'handoff.take'>;
}

/** Told to whoever typed a note, reply, answer or resolution in which something was masked. */
export { SECRET_HIDDEN } from '../common/secret-hidden';

function answerable(handoff: Handoff): Pick<HandoffNoticeData, 'answerData'> {
  return handoff.state === 'closed'
    ? {}
    : { answerData: actionData('handoff.take', { handoffId: handoff.id }) };
}

function agent(handoff: Handoff, who: { name?: string } | undefined): string {
  const name = shown(who?.name ?? '', 100);
  return name ? `${name} from the helpdesk` : 'The helpdesk';
}

export function askedNotice(handoff: Handoff, already: boolean): HandoffNoticeData {
  return {
    title: already ? 'Already with the helpdesk' : 'Sent to the helpdesk',
    text: already
      ? 'You asked about this already; the helpdesk has it. Their answer comes here, in this chat.'
      : 'The helpdesk has your request, with what you pasted and what the bot found. Their answer comes here, in this chat.',
    reference: handoff.reference,
  };
}

export function takenNotice(handoff: Handoff): HandoffNoticeData {
  return {
    title: 'The helpdesk is on it',
    text: `${agent(handoff, handoff.assignee)} has taken your request. Their answer comes here.`,
    reference: handoff.reference,
    ...answerable(handoff),
  };
}

export function replyNotice(handoff: Handoff): HandoffNoticeData {
  const last = handoff.replies[handoff.replies.length - 1];
  return {
    title: 'Reply from the helpdesk',
    text: `${agent(handoff, last?.by)} wrote:`,
    quote: shown(last?.text ?? '', 2000) || '(empty)',
    reference: handoff.reference,
    ...answerable(handoff),
  };
}

/** Someone from the helpdesk handed the request back: it waits for another member. */
export function releasedNotice(handoff: Handoff): HandoffNoticeData {
  return {
    title: 'Your request is back with the whole helpdesk',
    text: 'The person who had it handed it back; another member of the helpdesk will take it. Their answer comes here.',
    reference: handoff.reference,
    ...answerable(handoff),
  };
}

/** The asker's own copy after they wrote back. */
export function answeredNotice(handoff: Handoff): HandoffNoticeData {
  const last = handoff.replies[handoff.replies.length - 1];
  return {
    title: 'Your answer was sent',
    text: handoff.assignee
      ? `${agent(handoff, handoff.assignee)} sees your message on your request.`
      : 'The helpdesk sees your message on your request.',
    quote: shown(last?.text ?? '', 2000) || '(empty)',
    reference: handoff.reference,
    ...answerable(handoff),
  };
}

export function closedNotice(handoff: Handoff): HandoffNoticeData {
  const notice: HandoffNoticeData = {
    title: 'Your request for help was closed',
    text: `${agent(handoff, handoff.closedBy)} closed it. If the problem comes back, paste the error here again.`,
    reference: handoff.reference,
  };
  if (handoff.resolution) notice.quote = shown(handoff.resolution, 500);
  return notice;
}

const line = z.string().trim().min(1);
const schema: z.ZodType<HandoffNoticeData> = z
  .object({
    title: line.max(100),
    text: line.max(500),
    quote: line.max(2000).optional(),
    reference: line.max(20),
    answerData: z
      .object({ v: z.literal(1), handoffId: line.max(128) })
      .strict()
      .optional(),
  })
  .strict();

export const handoffNoticeTemplate: CardTemplate<HandoffNoticeData> = {
  name: 'handoff/notice',
  json,
  schema,
};
