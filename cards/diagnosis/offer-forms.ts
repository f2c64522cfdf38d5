import { z } from 'zod';
import type { ActionKind } from '../../src/remediation/action-kinds';

/**
 * The inputs a fix asks for before it is requested, shown in the fix's own form (an
 * Action.ShowCard under its button, so each form sends only its own inputs and the card's note).
 * The bounds come from the tenant and the configuration; the server checks every value again at
 * click time, so these only help people choose well.
 */

/** What the forms may offer, read when the card is made. */
export interface OfferFormLimits {
  /** The tenant's Temporary Access Pass policy. */
  tap?: { min: number; max: number; default: number; oneTimeOnly: boolean };
  exclusion: { maxHours: number; defaultHours: number };
}

/** Graph's own bounds on a pass, when the tenant policy could not be read. */
export const DEFAULT_FORM_LIMITS: OfferFormLimits = {
  exclusion: { maxHours: 72, defaultHours: 4 },
};

export interface OfferForm {
  lifetime?: { min: number; max: number; value: number; label: string };
  /** Input.Toggle values are strings. */
  oneTimeUse?: { value: 'true' | 'false'; title: string };
  hours?: { max: number; value: number; label: string };
  phone?: { label: string };
  /** Source and destination chosen with a Data.Query typeahead over the tenant's groups. */
  groups?: { source: string; target: string };
  submit: string;
}

const ONE_TIME_TITLE =
  'One-time use (spent by the first sign-in: leave off for Autopilot or setting up a phone)';

const ONE_TIME_ONLY_TITLE =
  'One-time use (this tenant allows only one-time passes; a multi-use pass needs the admin change)';

/** The form of a fix: its inputs (none for some) and the button that sends it with its note. */
export function formFor(
  kind: ActionKind,
  limits: OfferFormLimits,
  audience: 'user' | 'helpdesk',
): OfferForm {
  const submit = audience === 'user' ? 'Send to the helpdesk' : 'Ask for approval';
  switch (kind) {
    case 'issue-tap': {
      const tap = limits.tap ?? { min: 10, max: 43_200, default: 60, oneTimeOnly: false };
      const value = Math.min(tap.max, Math.max(tap.min, tap.default));
      return {
        lifetime: {
          min: tap.min,
          max: tap.max,
          value,
          label: `Lifetime in minutes (${tap.min} to ${tap.max}, as the tenant allows)`,
        },
        // A tenant that allows one-time passes only refuses a multi-use one (preflight.ts): the
        // box starts ticked there, and a multi-use pass needs the admin's policy change first.
        oneTimeUse: tap.oneTimeOnly
          ? { value: 'true', title: ONE_TIME_ONLY_TITLE }
          : { value: 'false', title: ONE_TIME_TITLE },
        submit,
      };
    }
    case 'ca-exclusion':
      return {
        hours: {
          max: limits.exclusion.maxHours,
          value: Math.min(limits.exclusion.defaultHours, limits.exclusion.maxHours),
          label: `For how many hours (1 to ${limits.exclusion.maxHours})`,
        },
        submit,
      };
    case 'add-sms-method':
      return { phone: { label: 'Mobile number, with the country code' }, submit };
    case 'copy-group-members':
      return { groups: { source: 'Copy the members of', target: 'Into the group' }, submit };
    default:
      return { submit };
  }
}

const line = z.string().trim().min(1);
const count = z.number().int().min(1).max(43_200);

export const offerFormSchema: z.ZodType<OfferForm> = z
  .object({
    lifetime: z
      .object({ min: count, max: count, value: count, label: line.max(120) })
      .strict()
      .optional(),
    oneTimeUse: z
      .object({ value: z.enum(['true', 'false']), title: line.max(120) })
      .strict()
      .optional(),
    hours: z
      .object({ max: count, value: count, label: line.max(120) })
      .strict()
      .optional(),
    phone: z
      .object({ label: line.max(120) })
      .strict()
      .optional(),
    groups: z
      .object({ source: line.max(60), target: line.max(60) })
      .strict()
      .optional(),
    submit: line.max(40),
  })
  .strict();
