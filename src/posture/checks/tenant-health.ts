import { ADMIN_LINKS } from '../links';
import {
  couldNotCheck,
  type OrganizationSync,
  type Read,
  type SecureScoreSnapshot,
} from '../reads';
import type { PostureItem } from '../types';
import { ageText, hoursBetween, utcText, type CheckContext } from './context';

/** Directory sync and Secure Score, from the organization record and the daily snapshot. */

const SYNC_STEPS = [
  '1. On the Entra Connect server, open Synchronization Service Manager and look at the last run of each connector for errors.',
  '2. Check that the ADSync service is running and the server can reach the internet (proxy, TLS 1.2).',
  '3. In PowerShell on that server: Get-ADSyncScheduler (is SyncCycleEnabled true?), then Start-ADSyncSyncCycle -PolicyType Delta.',
  '4. For password hash sync only: run the password hash sync troubleshooter (Invoke-ADSyncDiagnostics -PasswordSync).',
].join('\n');

export function checkDirectorySync(read: Read<OrganizationSync>, ctx: CheckContext): PostureItem {
  const limit = ctx.settings.syncStaleHours;
  const base = {
    id: 'directory-sync' as const,
    title: `Directory and password hash sync ran in the last ${limit} hours`,
    why: 'When sync stops, new starters cannot sign in, leavers stay enabled in the cloud, and a password changed on-premises does not work in Microsoft 365.',
  };
  if (!read.ok) return { ...base, status: 'unknown', evidence: [couldNotCheck(read)] };
  const org = read.value;
  if (org.onPremisesSyncEnabled !== true) {
    return {
      ...base,
      status: 'pass',
      evidence: ['Directory sync is not used: accounts are cloud-only.'],
    };
  }
  const evidence: string[] = [];
  const stale: string[] = [];
  const look = (label: string, at: string | null) => {
    if (at === null) {
      evidence.push(`${label}: never.`);
      stale.push(label);
      return;
    }
    evidence.push(`${label}: ${utcText(at)} (${ageText(at, ctx.now)} ago).`);
    if (hoursBetween(at, ctx.now) > limit) stale.push(label);
  };
  look('Last directory sync', org.onPremisesLastSyncDateTime);
  look('Last password hash sync', org.onPremisesLastPasswordSyncDateTime);
  if (stale.length === 0) return { ...base, status: 'pass', evidence };
  return {
    ...base,
    status: 'warn',
    evidence,
    fix: { steps: SYNC_STEPS, url: ADMIN_LINKS.entraConnect },
  };
}

/** Secure Score is computed once a day; a snapshot older than this means it stopped updating. */
const SCORE_STALE_HOURS = 72;

export function checkSecureScore(
  read: Read<SecureScoreSnapshot | undefined>,
  ctx: CheckContext,
): PostureItem {
  const base = {
    id: 'secure-score' as const,
    title: 'Secure Score is current',
    why: "Secure Score measures the tenant against Microsoft's recommendations. It is recalculated about once a day, and a change you make shows up within 24 to 48 hours.",
    fix: {
      steps:
        'Open Secure Score in the Defender portal and work through the top recommended actions.',
      url: ADMIN_LINKS.secureScore,
    },
  };
  if (!read.ok) return { ...base, status: 'unknown', evidence: [couldNotCheck(read)] };
  const score = read.value;
  if (!score) {
    return {
      ...base,
      status: 'warn',
      evidence: ['No Secure Score snapshot yet: the first appears within 48 hours.'],
    };
  }
  const percent = Math.round((score.currentScore / score.maxScore) * 100);
  const evidence = [
    `${score.currentScore} of ${score.maxScore} points (${percent}%), calculated ${utcText(score.createdDateTime)}.`,
  ];
  if (hoursBetween(score.createdDateTime, ctx.now) > SCORE_STALE_HOURS) {
    evidence.push(`The latest snapshot is ${ageText(score.createdDateTime, ctx.now)} old.`);
    return { ...base, status: 'warn', evidence };
  }
  return { ...base, status: 'pass', evidence };
}
