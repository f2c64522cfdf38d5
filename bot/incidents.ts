import { render } from '../cards/render';
import { incidentCardData, incidentTemplate } from '../cards/diagnosis/incident';
import type { BurstSignal, IncidentNotifier } from '../src/diagnosis/burst';
import type { PostedCard } from '../src/remediation/types';
import type { Notifier } from './remediation/notifier';

/**
 * One incident card per burst in the helpdesk channel: posted when the burst opens, then edited
 * in place as more people are blocked, so the channel gets one card rather than a stream. The
 * posted card's address is kept in memory; after a restart a still-running burst opens anew.
 */
export class ChannelIncidentNotifier implements IncidentNotifier {
  private readonly posted = new Map<string, Promise<PostedCard | undefined>>();

  constructor(private readonly channel: Pick<Notifier, 'postToHelpdesk' | 'updateCard'>) {}

  async notify(signal: BurstSignal): Promise<void> {
    const card = render(incidentTemplate, incidentCardData(signal.incident));
    const existing = this.posted.get(signal.incident.id);
    if (signal.kind === 'opened' || existing === undefined) {
      const posting = this.channel.postToHelpdesk(card);
      this.posted.set(signal.incident.id, posting);
      if ((await posting) === undefined) this.posted.delete(signal.incident.id);
      return;
    }
    const where = await existing;
    if (where) await this.channel.updateCard(where, card);
  }
}
