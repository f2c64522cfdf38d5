/**
 * Evolvable enums: Graph hides members added after an enum was published unless the caller
 * sends `Prefer: include-unknown-enum-members`, and answers `unknownFutureValue` instead.
 */

const HIDDEN_CA_RESULTS = new Set([
  'reportOnlySuccess',
  'reportOnlyFailure',
  'reportOnlyNotApplied',
  'reportOnlyInterrupted',
]);

const HIDDEN_RISK_DETAILS = new Set([
  'adminConfirmedServicePrincipalCompromised',
  'adminDismissedAllRiskForServicePrincipal',
  'm365DAdminDismissedDetection',
  'userChangedPasswordOnPremises',
  'adminDismissedRiskForSignIn',
  'adminConfirmedAccountSafe',
]);

const mask = (hidden: ReadonlySet<string>, value: unknown, include: boolean) =>
  !include && typeof value === 'string' && hidden.has(value) ? 'unknownFutureValue' : value;

export const caResult = (value: unknown, include: boolean) =>
  mask(HIDDEN_CA_RESULTS, value, include);
export const riskDetail = (value: unknown, include: boolean) =>
  mask(HIDDEN_RISK_DETAILS, value, include);

/** Copies a record with its `riskDetail` masked (risky users, detections, history items). */
export function maskRiskDetail(entity: object, include: boolean): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(entity as Record<string, unknown>) };
  if ('riskDetail' in copy) copy.riskDetail = riskDetail(copy.riskDetail, include);
  const activity = copy.activity;
  if (typeof activity === 'object' && activity !== null && 'detail' in activity) {
    copy.activity = { ...activity, detail: riskDetail(activity.detail, include) };
  }
  return copy;
}
