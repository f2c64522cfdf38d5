import { ADMIN_LINKS } from '../links';
import { couldNotCheck, type CaPolicy, type Read } from '../reads';
import type { PostureItem } from '../types';

/**
 * Security defaults and Conditional Access are alternatives: a tenant uses one or the other. The
 * worst case is neither (nothing requires MFA); the confusing case is defaults on while enabled
 * policies exist (the policies are not what protects people).
 */
export function checkSecurityDefaults(
  defaults: Read<boolean>,
  policies: Read<CaPolicy[]>,
): PostureItem {
  const base = {
    id: 'security-defaults' as const,
    title: 'One baseline is enforcing: security defaults or Conditional Access',
    why: 'Security defaults and Conditional Access are either-or. With neither, nothing asks for MFA; with both switched on, the policies you maintain are not the ones protecting people.',
  };
  if (!defaults.ok) {
    return { ...base, status: 'unknown', evidence: [couldNotCheck(defaults)] };
  }
  const enabledPolicies = policies.ok
    ? policies.value.filter((p) => p.state === 'enabled').length
    : undefined;
  const policyText =
    enabledPolicies === undefined
      ? couldNotCheck(policies as Exclude<typeof policies, { ok: true }>)
      : `${enabledPolicies} Conditional Access ${enabledPolicies === 1 ? 'policy is' : 'policies are'} enabled.`;
  const defaultsText = `Security defaults are ${defaults.value ? 'on' : 'off'}.`;
  if (enabledPolicies === undefined) {
    return {
      ...base,
      status: defaults.value ? 'pass' : 'unknown',
      evidence: [defaultsText, policyText],
    };
  }
  if (defaults.value && enabledPolicies > 0) {
    return {
      ...base,
      status: 'warn',
      evidence: [defaultsText, policyText, 'Security defaults are the baseline in force.'],
      fix: {
        steps:
          'Choose one. To rely on your policies: Entra admin center > Overview > Properties > Manage security defaults > Disabled (after the policies cover MFA for everyone).',
        url: ADMIN_LINKS.securityDefaults,
      },
    };
  }
  if (!defaults.value && enabledPolicies === 0) {
    return {
      ...base,
      status: 'fail',
      evidence: [defaultsText, policyText, 'Nothing requires MFA in this tenant.'],
      fix: {
        steps:
          'Turn on security defaults (Overview > Properties > Manage security defaults), or create Conditional Access policies that require MFA for everyone.',
        url: ADMIN_LINKS.securityDefaults,
      },
    };
  }
  return {
    ...base,
    status: 'pass',
    evidence: [
      defaultsText,
      policyText,
      defaults.value
        ? 'Security defaults are the baseline in force.'
        : 'Conditional Access is the baseline in force.',
    ],
  };
}
