import type { TenantFinding } from '../../src/tenant-findings/detect';
import { guidedChange } from './guided';
import type { PostureCardData } from './posture';

/**
 * A tenant-wide cause, said once on the helpdesk channel, in the posture card's form: what was
 * seen, why it points at the tenant, what an admin does, and the gated change when there is one.
 */
export function tenantFindingCardData(finding: TenantFinding): PostureCardData {
  return {
    title: 'A sign-in problem that comes from the tenant',
    summary: finding.detail,
    footnote:
      'Said once on this channel; it is said again only if it still happens in a week. Type "posture" for the full check.',
    items: [
      {
        title: finding.title,
        statusLabel: '⚠ Tenant setting',
        style: 'warning',
        evidence:
          finding.evidence.length > 0
            ? finding.evidence.map((line) => `- ${line}`).join('\n')
            : '- Seen in a paste diagnosed just now.',
        why: 'Everyone it applies to is blocked the same way; fixing one person at a time does not help.',
        fixSteps: finding.steps,
        ...(finding.url ? { fixUrl: finding.url } : {}),
        ...(finding.change ? { guided: guidedChange(finding.change) } : {}),
      },
    ],
  };
}
