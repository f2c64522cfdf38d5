import type { FailedSignIn } from '../remediation/types';
import type { Diagnosis } from './types';
import type { SignInRecord } from './ports';

/** Report-only results never blocked anything; they are left out of what a fix is checked against. */
const ENFORCED_RESULTS = new Set(['success', 'failure', 'notapplied']);

/** The facts of a failed sign-in a fix carries (see FailedSignIn). */
export function failedSignInOf(row: SignInRecord): FailedSignIn {
  const facts: FailedSignIn = {
    id: row.id,
    at: row.createdDateTime,
    appId: row.appId,
    appName: row.appDisplayName,
    errorCode: row.status.errorCode,
    policyResults: (row.appliedConditionalAccessPolicies ?? [])
      .filter((p) => ENFORCED_RESULTS.has(p.result.toLowerCase()))
      .map((p) => ({ id: p.id, applied: p.result.toLowerCase() !== 'notapplied' })),
  };
  if (row.deviceDetail.operatingSystem) facts.operatingSystem = row.deviceDetail.operatingSystem;
  if (row.clientAppUsed) facts.clientAppUsed = row.clientAppUsed;
  if (row.location.countryOrRegion) facts.country = row.location.countryOrRegion;
  if (row.ipAddress) facts.ipAddress = row.ipAddress;
  if (row.riskLevelDuringSignIn) facts.riskLevelDuringSignIn = row.riskLevelDuringSignIn;
  if (row.deviceDetail.isCompliant !== null) facts.deviceIsCompliant = row.deviceDetail.isCompliant;
  if (row.deviceDetail.trustType !== null) facts.deviceTrustType = row.deviceDetail.trustType;
  return facts;
}

/**
 * Every offer of a diagnosis that found a failed sign-in carries that sign-in, so the request
 * made from it can preview an exclusion and, once fixed, watch the next sign-in to the same app.
 */
export function withFailedSignIn(diagnosis: Diagnosis): Diagnosis {
  const row = diagnosis.signIn?.record;
  if (row === undefined || row.status.errorCode === 0 || diagnosis.offers.length === 0) {
    return diagnosis;
  }
  const signIn = failedSignInOf(row);
  return { ...diagnosis, offers: diagnosis.offers.map((offer) => ({ ...offer, signIn })) };
}
