import { z } from 'zod';
import type { CardTemplate } from '../render';
import json from './prompt-advice.json';

/** The answer to "I got a prompt I did not start": what to do, and that the helpdesk knows. */
export interface PromptAdviceCardData {
  /** When the report was taken, written for the reader. */
  reportedAt: string;
  /** A second click within the minute: the helpdesk already has it. */
  duplicate: boolean;
}

const schema = z.object({ reportedAt: z.string().min(1).max(64), duplicate: z.boolean() }).strict();

/** The rendered data: the template shows one sentence chosen here. */
interface PromptAdviceView {
  toldText: string;
}

const viewSchema = z.object({ toldText: z.string().min(1).max(300) }).strict();

export const promptAdviceTemplate: CardTemplate<PromptAdviceView> = {
  name: 'announcements/prompt-advice',
  json,
  schema: viewSchema,
};

export function promptAdviceView(data: PromptAdviceCardData): PromptAdviceView {
  const checked = schema.parse(data);
  return {
    toldText: checked.duplicate
      ? `The helpdesk already has your report from ${checked.reportedAt}. You do not need to report this prompt again.`
      : `The helpdesk has been told that you reported an unexpected sign-in prompt at ${checked.reportedAt}.`,
  };
}
