import type { ActionKind } from '../remediation/action-kinds';
import type { FeatureId } from './features';
import type { HealthReport } from './types';

/**
 * Which features the last self-check switched off, and why. Everything is on until a check
 * says otherwise; each new report replaces the previous verdict (a granted permission turns its
 * feature back on at the next `health`).
 */
export class FeatureSwitches {
  private off: HealthReport['off'] = {};

  apply(report: HealthReport): void {
    this.off = { ...report.off };
  }

  isOn(feature: FeatureId): boolean {
    return this.off[feature] === undefined;
  }

  /** Why a feature is off, or undefined when it is on. */
  reason(feature: FeatureId): string | undefined {
    return this.off[feature];
  }

  fixAllowed = (kind: ActionKind): boolean => this.isOn(`fix:${kind}`);
}
