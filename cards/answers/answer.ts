import { z } from 'zod';
import type { AnswerMatch } from '../../src/answers/find-answer';
import { knowledgeBase } from '../../src/answers/knowledge-base';
import type { CardTemplate } from '../render';
import json from './answer.json';

/**
 * A how-to answer: the steps in the project's words, what the bot can do about it right now,
 * buttons that send the matching command (imBack, so they work like typing it), and links to
 * the admin pages. A "not sure" match renders the same card listing the topics it knows.
 */
export interface AnswerCardData {
  title: string;
  caveat?: string;
  answer: string;
  canDo: string;
  /** What the tenant's own setting is, read when a helpdesk agent or an admin asked. */
  tenant?: string;
  offers: { label: string; command: string }[];
  links: { title: string; url: string }[];
}

const line = z.string().trim().min(1);
const schema = z
  .object({
    title: line.max(200),
    caveat: line.max(300).optional(),
    answer: line.max(3000),
    canDo: line.max(500),
    tenant: line.max(600).optional(),
    offers: z.array(z.object({ label: line.max(60), command: line.max(60) }).strict()).max(3),
    links: z.array(z.object({ title: line.max(80), url: z.string().url() }).strict()).max(3),
  })
  .strict();

export const answerTemplate: CardTemplate<AnswerCardData> = {
  name: 'answers/answer',
  json,
  schema,
};

/**
 * Who reads the answer: the helpdesk and admins get the playbook's answer and its command
 * buttons; anyone else the answer written for the person signing in where the topic has one, and
 * never the commands (which only the helpdesk and admins may run).
 */
export type AnswerReader = 'staff' | 'person';

/** The card for a findAnswer() result, with the tenant's own setting when it was read. */
export function answerCardData(
  match: AnswerMatch,
  reader: AnswerReader = 'staff',
  tenant?: string,
): AnswerCardData {
  if (match.kind === 'answer') {
    const { entry } = match;
    const own = reader === 'person' ? entry.forPerson : undefined;
    const data: AnswerCardData = {
      title: own?.title ?? entry.title,
      answer: own?.answer ?? entry.answer,
      canDo: own?.canDo ?? entry.canDo,
      ...(tenant ? { tenant } : {}),
      offers: reader === 'person' ? [] : entry.offers,
      links: entry.links.slice(0, 3),
    };
    if (match.confidence !== 'high') {
      data.caveat =
        'This looks like the closest topic; if it is not what you asked, try other words.';
    }
    return data;
  }
  const topics = knowledgeBase()
    .map((e) => `- ${e.title}`)
    .join('\n');
  return {
    title: 'Not sure what you are asking',
    answer: `These are the topics the bot can answer; ask again with a few more words (for example "how-to copy members between groups"):\n\n${topics}`,
    canDo: match.closest
      ? `Closest topic: ${match.closest.title}. If this is a sign-in error, paste the whole error instead and the bot will diagnose it.`
      : 'If this is a sign-in error, paste the whole error instead and the bot will diagnose it.',
    offers: [],
    links: [
      {
        title: 'Microsoft Entra documentation',
        url: 'https://learn.microsoft.com/entra/identity/',
      },
    ],
  };
}
