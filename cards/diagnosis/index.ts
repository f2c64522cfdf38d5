import type { Diagnosis, DiagnosisView } from '../../src/diagnosis/types';
import { render, type AdaptiveCardJson, type CardTemplate } from '../render';
import { diagnosisCardData, type DiagnosisCardData, type DiagnosisCardOptions } from './card-data';
import { conditionalAccessSample, conditionalAccessTemplate } from './conditional-access';
import { deviceComplianceSample, deviceComplianceTemplate } from './device-compliance';
import { deviceJoinSample, deviceJoinTemplate } from './device-join';
import { mfaMethodsSample, mfaMethodsTemplate } from './mfa-methods';
import { passwordPolicySample, passwordPolicyTemplate } from './password-policy';
import { signInSample, signInTemplate } from './sign-in';
import { temporaryAccessPassSample, temporaryAccessPassTemplate } from './temporary-access-pass';
import { userAccountSample, userAccountTemplate } from './user-account';
import { userRiskSample, userRiskTemplate } from './user-risk';

export {
  diagnosisCardData,
  type DiagnosisCardData,
  type DiagnosisCardOptions,
  type OfferPayload,
} from './card-data';
export {
  incidentCardData,
  incidentSample,
  incidentTemplate,
  type IncidentCardData,
} from './incident';

/** One template per diagnosis kind, with the sample it is checked and pictured with. */
export const DIAGNOSIS_CARDS: Record<
  DiagnosisView,
  { template: CardTemplate<DiagnosisCardData>; sample: DiagnosisCardData }
> = {
  'conditional-access': { template: conditionalAccessTemplate, sample: conditionalAccessSample },
  'device-compliance': { template: deviceComplianceTemplate, sample: deviceComplianceSample },
  'device-join': { template: deviceJoinTemplate, sample: deviceJoinSample },
  'user-risk': { template: userRiskTemplate, sample: userRiskSample },
  'temporary-access-pass': {
    template: temporaryAccessPassTemplate,
    sample: temporaryAccessPassSample,
  },
  'mfa-methods': { template: mfaMethodsTemplate, sample: mfaMethodsSample },
  'user-account': { template: userAccountTemplate, sample: userAccountSample },
  'password-policy': { template: passwordPolicyTemplate, sample: passwordPolicySample },
  'sign-in': { template: signInTemplate, sample: signInSample },
};

/** The card for a diagnosis, in the view of its reader. */
export function diagnosisCard(
  diagnosis: Diagnosis,
  options: DiagnosisCardOptions,
): AdaptiveCardJson {
  return render(DIAGNOSIS_CARDS[diagnosis.view].template, diagnosisCardData(diagnosis, options));
}
