import type { ConversationAddress, PostedCard } from '../conversation';
import type { ActionOffer } from '../remediation/action-kinds';
import type { Person } from '../remediation/types';

/**
 * A person's request for a human from the helpdesk ("Ask the helpdesk"), as stored. Stored
 * values are type aliases so they fit the RecordStore's JSON record type.
 *
 * open → assigned (an agent took it) → closed; open → closed (closed without being taken);
 * assigned → open (the agent handed it back). Replies, and the asker's answers, do not change
 * the state; they bump the version like every other change.
 */

export const HANDOFF_STATES = ['open', 'assigned', 'closed'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

/** What the paste said and where it came from, as plain strings: no secrets are ever here. */
export type HandoffFacts = {
  /** AADSTS codes in the paste, e.g. "AADSTS53003". */
  codes: string[];
  correlationId?: string;
  requestId?: string;
  /** When the sign-in failed, as pasted. */
  time?: string;
  app?: string;
  device?: string;
  /** The account the person signed in as (from the paste, else from the directory). */
  signedInAs?: string;
  ip?: string;
};

/** What the bot found: the diagnosis (or the triage explanation when there was none). */
export type HandoffDiagnosis = {
  headline: string;
  /** The findings that explain the failure, in plain words. */
  causes: string[];
  /** The fixes diagnosis offered for this person (ids and reasons only; `note` says on what). */
  offers: Array<ActionOffer & { note?: string }>;
};

/**
 * What a triage or diagnosis card may turn into, kept when the card is shown: the button carries
 * only this record's id, so a forged click cannot change the facts or who is asking.
 */
export type HandoffDraft = {
  asker: Person;
  /** The directory account the problem is about (the asker, for a person's own paste). */
  subject?: { id: string; name?: string; upn?: string };
  facts: HandoffFacts;
  diagnosis: HandoffDiagnosis;
  /**
   * The reading the card offered "That's not it" on (its intent): set only for a reading from the
   * paste's words alone. A request sent from "None of these" must name this one as turned down.
   */
  reading?: string;
  createdAt: string;
  /** Set once, by compare-and-set, when the draft was sent: one card gives at most one request. */
  handoffId?: string;
};

/** One message on the request: the agent's reply, or the asker's answer (`fromAsker`). */
export type HandoffReply = { by: Person; at: string; text: string; fromAsker?: boolean };

export type Handoff = {
  id: string;
  /** Short form shown to people ("HD-7K3F9Q"). */
  reference: string;
  state: HandoffState;
  /** Bumped on every change. */
  version: number;
  asker: Person;
  subject?: HandoffDraft['subject'];
  facts: HandoffFacts;
  diagnosis: HandoffDiagnosis;
  note?: string;
  /**
   * Asked from "None of these": the bot's reading the person said does not fit, in plain words
   * (from the bot's own list of problems, never typed); `diagnosis` is that turned-down reading.
   */
  notIt?: string;
  createdAt: string;
  updatedAt: string;
  assignee?: Person;
  assignedAt?: string;
  replies: HandoffReply[];
  closedBy?: Person;
  closedAt?: string;
  resolution?: string;
  /** The asker's 1:1 chat: replies and the closing notice go there. */
  askerChat?: ConversationAddress;
  /** The card in the helpdesk channel, edited for everyone on each change. */
  channelCard?: PostedCard;
};
