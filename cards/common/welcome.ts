import { z } from 'zod';
import type { CardTemplate } from '../render';
import json from './welcome.json';

/** Sent on install and for "help": what the bot does and how to use it. */
export interface WelcomeCardData {
  /** The reader's given name, when the channel tells it; the card greets without it otherwise. */
  givenName?: string;
  /** Adds the helpdesk's commands (every one a real route); for helpdesk members. */
  showHelpdeskCommands: boolean;
  /** Adds the announcement commands alone; for admins outside the helpdesk. */
  showAnnounceCommands?: boolean;
}

const schema = z
  .object({
    givenName: z.string().trim().min(1).max(64).optional(),
    showHelpdeskCommands: z.boolean(),
    showAnnounceCommands: z.boolean().optional(),
  })
  .strict();

export const welcomeTemplate: CardTemplate<WelcomeCardData> = {
  name: 'common/welcome',
  json,
  schema,
};

export const welcomeSample: WelcomeCardData = {
  showHelpdeskCommands: true,
};
