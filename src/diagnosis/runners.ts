import type { DiagnosisContext, KindResult } from './context';
import { diagnoseConditionalAccess } from './kinds/conditional-access';
import { diagnoseDeviceCompliance } from './kinds/device-compliance';
import { diagnoseDeviceJoin } from './kinds/device-join';
import { diagnoseMfaMethods } from './kinds/mfa-methods';
import { diagnosePasswordPolicy } from './kinds/password-policy';
import { diagnoseSignIn } from './kinds/sign-in';
import { diagnoseTemporaryAccessPass } from './kinds/temporary-access-pass';
import { diagnoseUserAccount } from './kinds/user-account';
import { diagnoseUserRisk } from './kinds/user-risk';
import type { DiagnosisView } from './types';

export { viewFor } from './view-for';

/** The function that runs each look-up (which look-up explains which paste: view-for.ts). */

export const RUNNERS: Record<DiagnosisView, (ctx: DiagnosisContext) => Promise<KindResult>> = {
  'conditional-access': diagnoseConditionalAccess,
  'device-compliance': diagnoseDeviceCompliance,
  'device-join': diagnoseDeviceJoin,
  'user-risk': diagnoseUserRisk,
  'temporary-access-pass': diagnoseTemporaryAccessPass,
  'mfa-methods': diagnoseMfaMethods,
  'user-account': diagnoseUserAccount,
  'password-policy': diagnosePasswordPolicy,
  'sign-in': diagnoseSignIn,
};
