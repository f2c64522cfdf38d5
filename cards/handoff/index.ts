/** Cards of "Ask the helpdesk": the channel card, the person's notices and the open list. */
export { handoffCardData, handoffTemplate, factRows, type HandoffCardData } from './request';
export {
  answeredNotice,
  askedNotice,
  closedNotice,
  handoffNoticeTemplate,
  releasedNotice,
  replyNotice,
  SECRET_HIDDEN,
  takenNotice,
  type HandoffNoticeData,
} from './notice';
export { ageWords, openListData, openListTemplate, type OpenListData } from './open-list';
