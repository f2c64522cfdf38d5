/**
 * Plain words for tenant values. Everything a card shows goes through here, so a Graph enum never
 * reaches a person as `inGracePeriod` or `ServerAd`.
 */

export { formatInstant, instantWords, type InstantWords, type ReaderPlace } from '../dates';

/** "3 minutes ago", "2 days ago"; "in 5 minutes" for the future. */
export function formatAgo(iso: string | null | undefined, now: Date): string {
  if (iso === null || iso === undefined) return 'unknown';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return 'unknown';
  const diff = now.getTime() - ms;
  const text = formatDuration(Math.abs(diff));
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 90) return plural(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.round(hours / 24), 'day');
}

export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Join state in words. Devices carry the enum (ServerAd, AzureAd, Workplace); the sign-in log
 * writes display strings ("Hybrid Azure AD joined", "Azure AD registered"), so both are read.
 */
export function joinType(trustType: string | null): string {
  const key = (trustType ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (key === 'serverad' || key.includes('hybrid')) {
    return 'Hybrid joined (on-premises domain and Entra ID)';
  }
  if (key === 'azuread' || key.endsWith('joined')) return 'Entra joined';
  if (key === 'workplace' || key.endsWith('registered')) {
    return 'Registered only (personal or BYOD device)';
  }
  return 'Not registered';
}

const COMPLIANCE: Record<string, string> = {
  compliant: 'Compliant',
  noncompliant: 'Not compliant (blocked)',
  ingraceperiod: 'Not compliant, still in its grace period',
  conflict: 'Conflicting policies',
  error: 'Compliance check failed',
  unknown: 'Not evaluated yet',
  configmanager: 'Managed by Configuration Manager',
};

export function complianceWords(state: string): string {
  return COMPLIANCE[state.toLowerCase()] ?? state;
}

const RISK_LEVEL: Record<string, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'None',
  hidden: 'Hidden (needs an Entra ID P2 licence to see)',
};

export function riskLevelWords(level: string): string {
  return RISK_LEVEL[level] ?? level;
}

const RISK_STATE: Record<string, string> = {
  atRisk: 'At risk',
  confirmedCompromised: 'Confirmed compromised',
  remediated: 'Remediated',
  dismissed: 'Dismissed',
  confirmedSafe: 'Confirmed safe',
  none: 'No risk',
};

export function riskStateWords(state: string): string {
  return RISK_STATE[state] ?? state;
}

const RISK_EVENT: Record<string, string> = {
  unlikelyTravel: 'Sign-ins from places too far apart to travel between',
  impossibleTravel: 'Sign-ins from places too far apart to travel between',
  anonymizedIPAddress: 'Sign-in through an anonymising network (such as Tor)',
  leakedCredentials: 'The password was found in a leak',
  passwordSpray: 'Part of a password-spray attack',
  unfamiliarFeatures: 'Sign-in with unfamiliar properties',
  maliciousIPAddress: 'Sign-in from an address known for attacks',
  newCountry: 'Sign-in from a new country',
  anomalousToken: 'Unusual sign-in token',
  tokenIssuerAnomaly: 'Unusual token issuer',
  suspiciousBrowser: 'Suspicious browser',
  investigationsThreatIntelligence: 'Flagged by Microsoft threat intelligence',
  adminConfirmedUserCompromised: 'An admin marked the account compromised',
  mcasSuspiciousInboxManipulationRules: 'Suspicious inbox rules',
  suspiciousInboxForwarding: 'Suspicious mail forwarding',
  generic: 'Premium detection (details in the Entra portal)',
};

export function riskEventWords(type: string): string {
  return RISK_EVENT[type] ?? type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const RISK_DETAIL: Record<string, string> = {
  none: 'No remediation recorded',
  adminGeneratedTemporaryPassword: 'An admin set a temporary password',
  userPerformedSecuredPasswordChange: 'The user changed the password securely',
  userPerformedSecuredPasswordReset: 'The user reset the password securely',
  adminConfirmedSigninSafe: 'An admin confirmed the sign-in safe',
  aiConfirmedSigninSafe: 'Automatically confirmed safe',
  userPassedMFADrivenByRiskBasedPolicy: 'The user passed MFA asked for by the risk policy',
  adminDismissedAllRiskForUser: 'An admin dismissed the risk',
  adminConfirmedSigninCompromised: 'An admin confirmed the sign-in compromised',
  adminConfirmedUserCompromised: 'An admin confirmed the account compromised',
  userChangedPasswordOnPremises: 'The user changed the password on-premises',
  adminConfirmedAccountSafe: 'An admin confirmed the account safe',
  hidden: 'Hidden (needs an Entra ID P2 licence to see)',
};

export function riskDetailWords(detail: string): string {
  return RISK_DETAIL[detail] ?? detail;
}

/**
 * Grant controls as the sign-in log writes them are free text ("Require multifactor
 * authentication", "Mfa", "RequireCompliantDevice"...), so they are matched loosely. Each is
 * told two ways: what the policy does, as the rest of "This policy ..." (`verb`), and what it
 * enforces, as a short name for a fact (`noun`).
 */
export function grantControl(control: string): { verb: string; noun: string } {
  const key = control.toLowerCase().replace(/[^a-z]/g, '');
  if (key === 'block' || key.includes('blockaccess')) {
    return { verb: 'blocks access outright', noun: 'Block access' };
  }
  if (key.includes('mfa') || key.includes('multifactor')) {
    return { verb: 'needs multifactor authentication', noun: 'Multifactor authentication' };
  }
  if (key.includes('authenticationstrength')) {
    return { verb: 'needs a stronger sign-in method', noun: 'A stronger sign-in method' };
  }
  if (key.includes('compliantdevice')) {
    return {
      verb: 'needs a device marked compliant by Intune',
      noun: 'A device marked compliant by Intune',
    };
  }
  if (key.includes('domainjoined') || key.includes('hybrid')) {
    return { verb: 'needs a hybrid joined device', noun: 'A hybrid joined device' };
  }
  if (key.includes('approvedapp') || key.includes('approvedapplication')) {
    return { verb: 'needs an approved client app', noun: 'An approved client app' };
  }
  if (key.includes('compliantapp') || key.includes('appprotection')) {
    return { verb: 'needs an app protection policy', noun: 'An app protection policy' };
  }
  if (key.includes('passwordchange')) {
    return { verb: 'needs a secure password change', noun: 'A secure password change' };
  }
  if (key.includes('termsofuse')) {
    return { verb: 'needs the terms of use accepted', noun: 'Accepted terms of use' };
  }
  return { verb: `needs "${control}"`, noun: control };
}

/** What the policy does, as the rest of "This policy ...". */
export function grantControlWords(control: string): string {
  return grantControl(control).verb;
}

const PLATFORM: Record<string, string> = {
  windows: 'Windows',
  windowsphone: 'Windows Phone',
  ios: 'iOS',
  android: 'Android',
  macos: 'macOS',
  linux: 'Linux',
  all: 'all',
};

/** Conditional Access platform values (`windows`, `iOS`...) as their products are spelt. */
export function platformWords(platform: string): string {
  return PLATFORM[platform.toLowerCase()] ?? platform;
}

export function countryWords(location: {
  city: string | null;
  state?: string | null;
  countryOrRegion: string | null;
}): string {
  const parts = [location.city, location.countryOrRegion].filter(
    (p): p is string => p !== null && p !== undefined && p !== '',
  );
  return parts.length > 0 ? parts.join(', ') : 'unknown';
}
