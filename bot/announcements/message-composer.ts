/** The message each recipient gets, rendered from the announcement's template. */
import { render } from '../../cards';
import { formatActivationDate, numberMatchingTemplate } from '../../cards/announcements';
import type { MessageComposer } from '../../src/announcements/ports';

export const composeAnnouncementMessage: MessageComposer = (announcement) => {
  switch (announcement.template) {
    case 'number-matching': {
      const activationDate = formatActivationDate(announcement.activationDate);
      return {
        card: render(numberMatchingTemplate, {
          announcementId: announcement.id,
          activationDate,
          note: announcement.note,
          authorName: announcement.author.name || 'the IT helpdesk',
        }),
        summary: `From ${activationDate}: type the number you see into Microsoft Authenticator`,
      };
    }
  }
};
