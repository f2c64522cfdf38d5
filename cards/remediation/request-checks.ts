import { z } from 'zod';
import { instantWords, type ReaderPlace } from '../../src/dates';
import type { ExclusionPreview, PolicyLine } from '../../src/remediation/exclusion-preview';
import type { Verification } from '../../src/remediation/types';

/**
 * The two checks a request card can show beside the request itself: before approval, what an
 * exclusion changes (the What If preview); after a fix, whether the person could sign in again
 * (the closed-loop check). Times are in the reader's own form when the bot knows where they are.
 */

export interface WhatIfCardData {
  source: string;
  hasStops: boolean;
  stops: Array<{ text: string }>;
  hasStill: boolean;
  still: Array<{ text: string }>;
  hasAsks: boolean;
  asks: Array<{ text: string }>;
  note?: string;
}

export interface VerificationCardData {
  text: string;
  style: 'good' | 'attention' | 'emphasis';
}

const item = z.object({ text: z.string().trim().min(1).max(400) }).strict();
export const whatIfSchema = z
  .object({
    source: z.string().min(1).max(300),
    hasStops: z.boolean(),
    stops: z.array(item).max(20),
    hasStill: z.boolean(),
    still: z.array(item).max(20),
    hasAsks: z.boolean(),
    asks: z.array(item).max(20),
    note: z.string().min(1).max(600).optional(),
  })
  .strict();
export const verificationSchema = z
  .object({
    text: z.string().trim().min(1).max(1200),
    style: z.enum(['good', 'attention', 'emphasis']),
  })
  .strict();

const CONTROL_WORDS: Record<string, string> = {
  block: 'blocks access',
  mfa: 'asks for multifactor authentication',
  compliantDevice: 'needs a compliant device',
  domainJoinedDevice: 'needs a hybrid joined device',
  approvedApplication: 'needs an approved client app',
  compliantApplication: 'needs an app protection policy',
  passwordChange: 'needs a password change',
};

function policyText(line: PolicyLine): string {
  const controls = line.controls.map((c) => CONTROL_WORDS[c] ?? c).join(', ');
  const unsure = line.unsure ? ` (not sure: the bot could not check ${line.unsure})` : '';
  return `${line.name}${controls ? `: ${controls}` : ''}${unsure}`;
}

const SOURCES: Record<ExclusionPreview['source'], string> = {
  graph:
    "Evaluated by Microsoft Entra's What If for the failed sign-in (app, platform, location, client app, risk).",
  bot: "Evaluated by the bot against every enabled policy for the failed sign-in (the tenant's What If evaluation was not available).",
  none: 'Could not be evaluated.',
};

export function whatIfCardData(preview: ExclusionPreview): WhatIfCardData {
  const stops = preview.stopsBlocking.map((l) => ({ text: policyText(l) }));
  const still = preview.stillBlocks.map((l) => ({ text: policyText(l) }));
  const asks = preview.stillAsks.map((l) => ({ text: policyText(l) }));
  const data: WhatIfCardData = {
    source: SOURCES[preview.source],
    hasStops: stops.length > 0,
    stops,
    hasStill: still.length > 0,
    still,
    hasAsks: asks.length > 0,
    asks,
  };
  if (preview.note) data.note = preview.note;
  else if (preview.source !== 'none' && stops.length === 0 && still.length === 0) {
    data.note = 'No enabled policy blocks this sign-in now, so the exclusion would change nothing.';
  }
  return data;
}

/** The closed-loop check in words, with times in the reader's form. */
export function verificationCardData(
  v: Verification,
  place: ReaderPlace | undefined,
): VerificationCardData {
  const when = instantWords(place);
  switch (v.state) {
    case 'watching':
      return {
        text: `Checking the next sign-in to ${v.appName} in the sign-in log, until ${when(v.until)}.`,
        style: 'emphasis',
      };
    case 'signed-in':
      return { text: `Signed in to ${v.appName} at ${when(v.signInAt)}.`, style: 'good' };
    case 'still-blocked':
      return {
        text: `The sign-in to ${v.appName} at ${when(v.signInAt)} failed again. Still blocking: ${v.blocking ?? 'not known'}`,
        style: 'attention',
      };
    case 'unchecked':
      return {
        text: `The next sign-in to ${v.appName} could not be checked: ${v.note ?? 'the sign-in log could not be read'}`,
        style: 'emphasis',
      };
    case 'no-sign-in':
      return {
        text: `No sign-in to ${v.appName} by ${when(v.until)}, so the fix is not confirmed yet.`,
        style: 'emphasis',
      };
  }
}
