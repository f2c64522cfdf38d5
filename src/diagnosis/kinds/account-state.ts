import type { DiagnosisContext, KindResult } from '../context';
import { formatAgo, plural, type InstantWords } from '../format';
import type { DirectoryUser, DomainRecord } from '../ports';
import type { Finding } from '../types';
import { unreached, type Unreached } from '../unreached';

/**
 * "My password expired" and "my account is locked" read from words alone are claims to check,
 * not facts: the tenant says whether the password is past its domain's validity period and
 * whether the sign-in log shows a lock-out. When it disagrees, the answer says so with a status
 * the latest-failure path treats as nothing found, so the card turns to the person's latest
 * failed sign-in and its own reading. When the tenant cannot check it at all (a synced account,
 * an unknown or unreadable domain, Graph too busy or out of reach), the answer says in one line
 * what could not be checked and why, and turns to the latest failed sign-in all the same; the
 * explanation stays the answer only when there is no such sign-in. A lock-out that cannot be
 * checked because the sign-in log itself cannot be read says so in one line too, but never turns
 * to the latest failed sign-in: that is a read of the same log, which would fail again.
 */

/** The domain value that means "passwords never expire" (the largest 32-bit integer). */
export const NEVER_EXPIRES_DAYS = 2_147_483_647;
/** Older tenants read an unset validity period as this many days; newer ones as never. */
export const UNSET_VALIDITY_DAYS = 90;
/** Entra ID error for a sign-in refused because the account is locked (smart lockout). */
export const LOCKED_OUT_CODE = 50053;

const DAY_MS = 86_400_000;

export const LOCKED_TITLE = 'Too many wrong passwords locked the account for a while';

export function lockedDetail(synced: boolean): string {
  return synced
    ? 'Entra ID smart lockout opens again by itself after a short wait. If Active Directory locked the account too, an administrator unlocks it there.'
    : 'Entra ID smart lockout opens again by itself after a short wait; each new lockout lasts longer.';
}

export type ExpiryReading =
  | { kind: 'synced' }
  | { kind: 'never'; by: 'user' }
  | ({ kind: 'never'; by: 'domain' } & PolicyFrom)
  | ({ kind: 'expired'; days: number; changedAt: string; endsAt: Date } & PolicyFrom)
  | ({ kind: 'valid'; days: number | 'unset'; changedAt: string; endsAt: Date } & PolicyFrom)
  | {
      kind: 'unknown';
      why: 'no-change-date' | 'unreadable' | 'no-domain' | 'no-root' | 'unset' | Unreached;
    };

/** The UPN's domain, and for a subdomain the root domain whose validity period it follows. */
interface PolicyFrom {
  domain: string;
  root?: string;
}

export function upnDomain(upn: string): string {
  return upn.slice(upn.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Whether the password is past its validity period at `now`. `domain`: the UPN suffix's domain,
 * undefined when the tenant has none by that name, 'unreadable' when the bot may not read it.
 * `root`: for a subdomain (`isRoot` false), its root domain, whose validity period its passwords
 * follow; undefined when none was found.
 */
export function passwordExpiry(
  user: DirectoryUser,
  domain: DomainRecord | undefined | 'unreadable',
  now: Date,
  root?: DomainRecord,
): ExpiryReading {
  if (user.onPremisesSyncEnabled === true) return { kind: 'synced' };
  if ((user.passwordPolicies ?? '').includes('DisablePasswordExpiration')) {
    return { kind: 'never', by: 'user' };
  }
  const changedAt = user.lastPasswordChangeDateTime;
  const changedMs = changedAt === null ? NaN : Date.parse(changedAt);
  if (changedAt === null || !Number.isFinite(changedMs)) {
    return { kind: 'unknown', why: 'no-change-date' };
  }
  if (domain === 'unreadable') return { kind: 'unknown', why: 'unreadable' };
  if (domain === undefined) return { kind: 'unknown', why: 'no-domain' };
  // A subdomain's own value is not the one that applies: its root domain's is.
  const policy = domain.isRoot ? domain : root;
  if (policy === undefined) return { kind: 'unknown', why: 'no-root' };
  const from: PolicyFrom =
    policy === domain ? { domain: domain.id } : { domain: domain.id, root: policy.id };
  const days = policy.passwordValidityPeriodInDays;
  if (days !== null && days >= NEVER_EXPIRES_DAYS) {
    return { kind: 'never', by: 'domain', ...from };
  }
  const endsAt = new Date(changedMs + (days ?? UNSET_VALIDITY_DAYS) * DAY_MS);
  if (endsAt.getTime() > now.getTime()) {
    return { kind: 'valid', ...from, days: days ?? 'unset', changedAt, endsAt };
  }
  // Unset and older than 90 days: expired in an older tenant, never in a newer one.
  if (days === null) return { kind: 'unknown', why: 'unset' };
  return { kind: 'expired', ...from, days, changedAt, endsAt };
}

/**
 * Reads the UPN suffix's domain for the expiry check, and for a subdomain its root domain too (a
 * second read, only then); a 403 becomes a gap, and throttling past the wait budget or Graph out
 * of reach a reading that could not be made (the rest of the answer still stands).
 */
export async function readExpiry(
  ctx: DiagnosisContext,
  user: DirectoryUser,
): Promise<ExpiryReading> {
  const early = passwordExpiry(user, undefined, ctx.now);
  if (early.kind !== 'unknown' || early.why !== 'no-domain') return early;
  try {
    const name = upnDomain(user.userPrincipalName);
    // Wrapped so "no such domain" (undefined) stays apart from "not allowed to read" (a gap).
    const read = await ctx.gaps.optional(
      ctx.reader.getDomain(name).then(async (domain) => ({
        domain,
        root:
          domain !== undefined && !domain.isRoot ? await ctx.reader.getRootDomain(name) : undefined,
      })),
      "the domain's password expiry",
    );
    if (read === undefined) return passwordExpiry(user, 'unreadable', ctx.now);
    return passwordExpiry(user, read.domain, ctx.now, read.root);
  } catch (error) {
    const why = unreached(error);
    if (why === undefined) throw error;
    return { kind: 'unknown', why };
  }
}

/** What a check decides: the finding, and the status and headline it gives the answer. */
export interface Checked {
  status: KindResult['status'];
  headline: string;
  finding: Finding;
  /**
   * Set when the tenant could not check the claim: one line saying what was not checked and why,
   * shown above the latest failed sign-in when the answer turns to it.
   */
  unchecked?: string;
  /** Set when the claim could not be checked because Graph did not answer: busy or out of reach. */
  unanswered?: Unreached;
}

/** What a checked claim adds to an answer: the claim when the tenant bore it out, or its line. */
export function claimParts(
  checked: Checked | undefined,
): Pick<KindResult, 'checkedClaim' | 'uncheckedClaim'> {
  return {
    ...(checked?.status === 'resolved' ? { checkedClaim: checked.finding } : {}),
    ...(checked?.unchecked === undefined
      ? {}
      : { uncheckedClaim: { line: checked.unchecked, finding: checked.finding } }),
  };
}

const EXPIRY_UNCHECKED = 'Could not tell whether the password has expired';

/** The domain, and for a subdomain the root domain whose setting applies. */
function domainWords(reading: { domain: string; root?: string }): string {
  return reading.root === undefined
    ? reading.domain
    : `${reading.domain} (which follows its root domain ${reading.root})`;
}

function policyWords(reading: PolicyFrom & { days: number | 'unset' }): string {
  return reading.days === 'unset'
    ? `${domainWords(reading)} sets no validity period (passwords last at most ${UNSET_VALIDITY_DAYS} days, or never in newer tenants)`
    : `passwords in ${domainWords(reading)} last ${plural(reading.days, 'day')}`;
}

export function expiryChecked(reading: ExpiryReading, now: Date, when: InstantWords): Checked {
  switch (reading.kind) {
    case 'expired':
      return {
        status: 'found',
        headline: 'The password has expired',
        finding: {
          kind: 'cause',
          title: 'The password has expired',
          detail: `It was last changed ${formatAgo(reading.changedAt, now)}, and ${policyWords(reading)}, so it expired ${formatAgo(reading.endsAt.toISOString(), now)}. Change it on the sign-in page when asked, or at https://aka.ms/sspr.`,
          evidence: [{ label: 'Expired', value: when(reading.endsAt.toISOString()) }],
        },
      };
    case 'valid':
      return notExpired(
        `It was last changed ${formatAgo(reading.changedAt, now)}, and ${policyWords(reading)}, so it stays valid until ${when(reading.endsAt.toISOString())}.`,
      );
    case 'never':
      return notExpired(
        reading.by === 'user'
          ? 'This account is set so that its password never expires.'
          : `Passwords in ${domainWords(reading)} are set never to expire.`,
      );
    case 'synced':
      return {
        status: 'explained',
        unchecked: `${EXPIRY_UNCHECKED}: ${UNCHECKED_BECAUSE.synced}`,
        headline: "The password's expiry is kept in on-premises Active Directory",
        finding: {
          kind: 'context',
          title: 'Password expiry is checked in Active Directory',
          detail:
            'The account comes from on-premises Active Directory, which decides when its password expires; Microsoft Graph cannot show that. If Windows or the sign-in page asks for a new password, change it there (Ctrl+Alt+Del on a company PC), or ask the helpdesk to look in Active Directory.',
          evidence: [],
        },
      };
    case 'unknown':
      return {
        ...(reading.why === 'busy' || reading.why === 'unreachable'
          ? { unanswered: reading.why }
          : {}),
        status: reading.why === 'unreadable' ? 'missing-permission' : 'explained',
        headline: EXPIRY_UNCHECKED,
        unchecked: `${EXPIRY_UNCHECKED}: ${UNCHECKED_BECAUSE[reading.why]}`,
        finding: {
          kind: 'context',
          title: 'Password expiry not checked',
          detail: UNKNOWN_WHY[reading.why],
          evidence: [],
        },
      };
  }
}

const UNKNOWN_WHY: Record<Extract<ExpiryReading, { kind: 'unknown' }>['why'], string> = {
  'no-change-date': 'The directory does not say when the password was last changed.',
  unreadable: "The bot may not read the domain's password expiry setting.",
  'no-domain':
    "The account's domain is not one of this tenant's domains, so its expiry setting is unknown.",
  'no-root':
    "The account's domain is a subdomain, whose passwords follow its root domain's expiry setting, and that root domain could not be found.",
  unset: `The domain sets no validity period and the password is older than ${UNSET_VALIDITY_DAYS} days: it has expired only if this tenant still uses the older ${UNSET_VALIDITY_DAYS}-day default.`,
  busy: "Microsoft Graph was too busy to read the domain's password expiry setting just now; asking again in a few minutes may tell.",
  unreachable:
    "Microsoft Graph could not be reached just now to read the domain's password expiry setting; asking again in a few minutes may tell.",
};

/** Why the tenant could not check the claim, as the end of one line. */
const UNCHECKED_BECAUSE: Record<
  Extract<ExpiryReading, { kind: 'unknown' }>['why'] | 'synced',
  string
> = {
  synced:
    'the account comes from on-premises Active Directory, which decides when its password expires',
  'no-change-date': 'the directory does not say when it was last changed',
  unreadable: "the bot may not read the domain's password expiry setting",
  'no-domain': "the account's domain is not one of this tenant's domains",
  'no-root':
    "the root domain whose expiry setting the account's subdomain follows could not be found",
  unset: `its domain sets no validity period and the password is older than ${UNSET_VALIDITY_DAYS} days`,
  busy: "Microsoft Graph was too busy to read the domain's password expiry setting",
  unreachable: 'Microsoft Graph could not be reached just now',
};

function notExpired(detail: string): Checked {
  return {
    status: 'resolved',
    headline: 'The password has not expired',
    finding: { kind: 'context', title: 'The password has not expired', detail, evidence: [] },
  };
}
