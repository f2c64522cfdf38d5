import type { Diagnosis, DiagnosisView } from '../../src/diagnosis/types';
import { render, type AdaptiveCardJson, type CardTemplate } from '../render';
import { diagnosisCardData, type DiagnosisCardData, type DiagnosisCardOptions } from './card-data';
import { diagnosisCardSchema } from './card-schema';
import json from './diagnosis.json';
import { DIAGNOSIS_SAMPLES } from './samples';

export {
  diagnosisCardData,
  type DiagnosisCardData,
  type DiagnosisCardOptions,
  type OfferPayload,
} from './card-data';
export { DEFAULT_FORM_LIMITS, type OfferFormLimits } from './offer-forms';
export {
  incidentCardData,
  incidentSample,
  incidentTemplate,
  type IncidentCardData,
} from './incident';
export { KIND_PARTS, type KindParts } from './kinds';
export { DIAGNOSIS_SAMPLES, UNMATCHED_ID_SAMPLE } from './samples';

/**
 * The one diagnosis card: header, banner, what was pasted, causes, context, the sign-in, next
 * steps, gaps and fixes. Kinds differ only by the data in `kind`.
 */
export const diagnosisTemplate: CardTemplate<DiagnosisCardData> = {
  name: 'diagnosis/diagnosis',
  json,
  schema: diagnosisCardSchema,
};

/** Each diagnosis kind with the sample it is checked and pictured with (one template for all). */
export const DIAGNOSIS_CARDS: Record<
  DiagnosisView,
  { template: CardTemplate<DiagnosisCardData>; sample: DiagnosisCardData }
> = Object.fromEntries(
  Object.entries(DIAGNOSIS_SAMPLES).map(([view, sample]) => [
    view,
    { template: diagnosisTemplate, sample },
  ]),
) as Record<
  DiagnosisView,
  { template: CardTemplate<DiagnosisCardData>; sample: DiagnosisCardData }
>;

/** The card for a diagnosis, in the view of its reader. */
export function diagnosisCard(
  diagnosis: Diagnosis,
  options: DiagnosisCardOptions,
): AdaptiveCardJson {
  return render(diagnosisTemplate, diagnosisCardData(diagnosis, options));
}
