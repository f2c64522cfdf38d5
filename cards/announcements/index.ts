/** Cards of the announcements capability. */
export { formatActivationDate, formatCount, formatDuration, templateTitle } from './format';
export {
  helpdeskNoticeCardData,
  helpdeskNoticeTemplate,
  type HelpdeskNoticeCardData,
} from './helpdesk-notice';
export {
  numberMatchingSample,
  numberMatchingTemplate,
  type NumberMatchingCardData,
} from './number-matching';
export { previewCardData, previewTemplate, type PreviewCardData } from './preview';
export { progressCardData, progressTemplate, type ProgressCardData } from './progress';
export { promptAdviceTemplate, promptAdviceView, type PromptAdviceCardData } from './prompt-advice';
