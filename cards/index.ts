export {
  CARD_SCHEMA,
  CARD_VERSION,
  CardRenderError,
  CardTooLargeError,
  MAX_CARD_BYTES,
  cardSizeBytes,
  render,
  type AdaptiveCardJson,
  type CardTemplate,
  type JsonObject,
  type JsonValue,
} from './render';
export {
  ACTION_DATA_VERSION,
  ActionDataError,
  VERBS,
  actionData,
  isVerb,
  parseActionData,
  type ActionData,
  type Verb,
} from './verbs';
export { welcomeSample, welcomeTemplate, type WelcomeCardData } from './common/welcome';
export { errorCardData, errorSample, errorTemplate, type ErrorCardData } from './common/error';
export {
  sampleTriage,
  triageCardData,
  triageExplainSample,
  triageExplainTemplate,
  type TriageCardData,
  type TriageCardOptions,
} from './triage/explain';
export {
  questionCardData,
  questionSample,
  questionTemplate,
  type QuestionCardData,
} from './triage/question';
export { unrelatedSample, unrelatedTemplate, type UnrelatedCardData } from './triage/unrelated';
export { unsureCardData, unsureSample, unsureTemplate, type UnsureCardData } from './triage/unsure';
export { healthCardData, healthSample, healthTemplate, type HealthCardData } from './health/report';
