import { z } from 'zod';
import type { AuthenticatorSettings, FeatureState } from '../../src/announcements/ports';
import type { AnnouncementRecord } from '../../src/announcements/types';
import { SECRET_HIDDEN } from '../common/secret-hidden';
import type { CardTemplate } from '../render';
import json from './preview.json';
import { formatActivationDate, formatCount, templateTitle } from './format';

/** What the author checks before confirming: audience, size, tenant settings, the text. */
export interface PreviewCardData {
  announcementId: string;
  title: string;
  audience: string;
  recipients: string;
  activationDate: string;
  noteText: string;
  settings: { name: string; value: string }[];
  settingsProblem?: string;
  /** Where the tenant's settings contradict what the announcement promises. */
  warning?: string;
  previewText: string;
}

const text = z.string().min(1).max(2000);
const schema = z
  .object({
    announcementId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/),
    title: text,
    audience: text,
    recipients: text,
    activationDate: text,
    noteText: text,
    settings: z.array(z.object({ name: text, value: text }).strict()),
    settingsProblem: text.optional(),
    warning: text.optional(),
    previewText: text,
  })
  .strict();

export const previewTemplate: CardTemplate<PreviewCardData> = {
  name: 'announcements/preview',
  json,
  schema,
};

function describeFeature(state: FeatureState): string {
  switch (state) {
    case 'enabled':
      return 'Shown';
    case 'disabled':
      return 'Not shown';
    case 'default':
      return 'Microsoft-managed';
    default:
      return 'Unknown';
  }
}

export function previewCardData(
  announcement: AnnouncementRecord,
  settings: AuthenticatorSettings | undefined,
  settingsProblem: string | undefined,
  /** Part of the author's note was masked as a secret: the author is told here. */
  secretHidden?: boolean,
): PreviewCardData {
  const rows = settings
    ? [
        {
          name: 'Authenticator',
          value:
            settings.state === 'enabled' ? 'On' : settings.state === 'disabled' ? 'Off' : 'Unknown',
        },
        {
          name: 'Number matching',
          value:
            settings.numberMatching === 'enabled' || settings.numberMatching === 'default'
              ? 'Required for every push prompt'
              : describeFeature(settings.numberMatching),
        },
        { name: 'App name in prompt', value: describeFeature(settings.appName) },
        { name: 'Map in prompt', value: describeFeature(settings.location) },
      ]
    : [];
  const missing = settings
    ? [
        settings.appName === 'enabled' ? undefined : 'the app name',
        settings.location === 'enabled' ? undefined : 'the map',
      ].filter((m): m is string => m !== undefined)
    : [];
  const date = formatActivationDate(announcement.activationDate);
  return {
    announcementId: announcement.id,
    title: templateTitle(announcement.template),
    audience: announcement.audienceLabel,
    recipients:
      announcement.audience.kind === 'channel'
        ? '1 channel post'
        : `${formatCount(announcement.previewSize)} ${announcement.previewSize === 1 ? 'person' : 'people'}`,
    activationDate: date,
    noteText: announcement.note ?? 'None',
    settings: rows,
    settingsProblem: settings ? undefined : (settingsProblem ?? 'The settings could not be read.'),
    warning:
      [
        missing.length > 0
          ? `The announcement says the prompt shows the app name and a map, but your tenant does not switch on ${missing.join(' and ')} explicitly. Consider enabling it before ${date}, or say so in the note.`
          : undefined,
        secretHidden ? SECRET_HIDDEN : undefined,
      ]
        .filter((line): line is string => line !== undefined)
        .join(' ') || undefined,
    previewText: `From ${date}, the sign-in screen shows a number to type into Microsoft Authenticator. The prompt names the app and shows an approximate map; a prompt you did not start must be denied and reported with the button on the message.`,
  };
}
