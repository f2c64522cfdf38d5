import { z } from 'zod';
import type { Incident } from '../../src/diagnosis/burst';
import { formatInstant, formatDuration } from '../../src/diagnosis/format';
import type { CardTemplate } from '../render';
import { shown } from './card-data';
import json from './incident.json';

/**
 * One card in the helpdesk channel when many people are blocked by the same Conditional Access
 * policy within minutes; posted once and then updated as more people are blocked.
 */
export interface IncidentCardData {
  title: string;
  summary: string;
  facts: Array<{ title: string; value: string }>;
  users: Array<{ upn: string }>;
  /** "and 12 more", when the list is cut. */
  more?: string;
  checks: Array<{ check: string }>;
}

const line = z.string().trim().min(1);

const schema = z
  .object({
    title: line.max(200),
    summary: line.max(600),
    facts: z.array(z.object({ title: line.max(40), value: line.max(300) }).strict()).max(8),
    users: z
      .array(z.object({ upn: line.max(300) }).strict())
      .min(1)
      .max(50),
    more: line.max(100).optional(),
    checks: z
      .array(z.object({ check: line.max(300) }).strict())
      .min(1)
      .max(6),
  })
  .strict();

export const incidentTemplate: CardTemplate<IncidentCardData> = {
  name: 'diagnosis/incident',
  json,
  schema,
};

/** Accounts listed on the card; the count says how many there are in all. */
const LISTED = 20;

export function incidentCardData(incident: Incident): IncidentCardData {
  const name = shown(incident.policyName, 150);
  const span = formatDuration(incident.lastAt.getTime() - incident.firstAt.getTime());
  const listed = incident.users.slice(0, LISTED);
  const data: IncidentCardData = {
    title: `${incident.count} people blocked by "${name}"`,
    summary: `The same Conditional Access policy failed ${incident.count} different accounts within ${span}. That usually means a recent change to the policy, or to a named location or group it uses, rather than ${incident.count} separate problems.`,
    facts: [
      { title: 'Policy', value: name },
      { title: 'Accounts blocked', value: String(incident.count) },
      { title: 'First block', value: formatInstant(incident.firstAt.toISOString()) },
      { title: 'Latest block', value: formatInstant(incident.lastAt.toISOString()) },
    ],
    users: listed.map((u) => ({ upn: shown(u.userPrincipalName, 300) })),
    checks: [
      { check: "Look at the policy's audit log for a change in the last hours." },
      { check: 'Check the named locations, groups and apps the policy refers to.' },
      { check: 'Answer the people who asked with one message once the cause is known.' },
    ],
  };
  if (incident.count > listed.length) data.more = `and ${incident.count - listed.length} more`;
  return data;
}

export const incidentSample: IncidentCardData = incidentCardData({
  id: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c01:2026-01-15T11:02:00.000Z',
  policyId: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c01',
  policyName: 'CA001: Block sign-ins from outside allowed countries',
  count: 23,
  firstAt: new Date('2026-01-15T11:02:00Z'),
  lastAt: new Date('2026-01-15T11:09:30Z'),
  users: Array.from({ length: 23 }, (_, i) => ({
    id: `u${i}`,
    userPrincipalName: `user${String(i + 1).padStart(2, '0')}@sandbox.example`,
  })),
});
