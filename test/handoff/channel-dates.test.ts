import assert from 'node:assert/strict';
import { handoffCardData, handoffTemplate } from '../../cards/handoff';
import { render } from '../../cards/render';
import { formatInstant } from '../../src/dates';
import { diagnose } from '../../src/diagnosis/diagnose';
import type { DirectoryReader } from '../../src/diagnosis/ports';
import type { Diagnosis } from '../../src/diagnosis/types';
import { handoffDiagnosis } from '../../src/handoff/facts';
import type { Handoff } from '../../src/handoff/types';
import type { Triage } from '../../src/triage/types';
import { visibleTexts } from '../cards/support/cases';
import {
  ALEX,
  NOW,
  aCaPolicy,
  aSignIn,
  aTriage,
  aUser,
  anAppliedPolicy,
  anExpiredTap,
} from '../diagnosis/fakes/builders';
import { FakeDirectory } from '../diagnosis/fakes/fake-directory';
import { PEOPLE } from './support';

/**
 * A person's diagnosis is written in their own locale and time zone; the copy that goes to the
 * helpdesk channel card shows its instants in the channel card's one form, like every other time
 * on that card, worked out from the instants themselves.
 */
const US_EAST = { locale: 'en-US', timeZone: 'America/New_York' };

function askedFromNewYork(reader: DirectoryReader, triage: Triage): Promise<Diagnosis> {
  return diagnose(
    { triage, subject: { kind: 'id', id: ALEX }, audience: 'user', place: US_EAST },
    { reader, clock: { now: () => NOW } },
  );
}

function channelText(diagnosis: Diagnosis): string {
  const handoff: Handoff = {
    id: 'hd-0abc12345-1f2e3d4c5b6a7988',
    reference: 'HD-1F2E3D',
    state: 'open',
    version: 1,
    asker: PEOPLE.asker,
    facts: { codes: [] },
    diagnosis: handoffDiagnosis(diagnosis, { headline: diagnosis.headline }),
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    replies: [],
  };
  return visibleTexts(render(handoffTemplate, handoffCardData(handoff))).join('\n');
}

describe('helpdesk channel card: times in its own form', () => {
  it('writes the time in a Conditional Access headline as the channel card does', async () => {
    const policy = aCaPolicy({ displayName: 'CA001: Block outside allowed countries' });
    const blocked = aSignIn({
      createdDateTime: '2026-01-15T11:32:00Z',
      appliedConditionalAccessPolicies: [
        anAppliedPolicy({ id: policy.id, displayName: policy.displayName }),
      ],
    });
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [policy],
      signIns: [blocked],
    });
    const d = await askedFromNewYork(
      reader,
      aTriage('ca-blocked', { code: 53003, fields: { requestId: blocked.id } }),
    );
    assert.match(d.headline, /Jan 15, 2026, 06:32 AM EST/, 'the asker reads their own form');

    const shown = channelText(d);
    assert.match(shown, /blocked the sign-in to .* at 15 Jan 2026, 11:32 UTC/);
    assert.ok(shown.includes(formatInstant(blocked.createdDateTime)));
    assert.doesNotMatch(shown, /AM|PM|EST/);
    // The card's own times (when it was asked) are in the same form.
    assert.ok(shown.includes(`asked ${formatInstant(NOW.toISOString())}`));
  });

  it('writes the time in a cause (an expired pass) in the channel form too', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      taps: {
        [ALEX]: [anExpiredTap()],
      },
    });
    const d = await askedFromNewYork(reader, aTriage('tap-blocked'));
    const copied = handoffDiagnosis(d, { headline: d.headline });
    assert.ok(copied.causes.some((c) => c.includes('It expired on 10 Jan 2026, 13:00 UTC')));
    assert.doesNotMatch(copied.causes.join('\n'), /AM|PM|EST/);
  });

  it('leaves a diagnosis without instants as it was written', () => {
    const copied = handoffDiagnosis(undefined, { headline: 'What AADSTS53003 means' });
    assert.equal(copied.headline, 'What AADSTS53003 means');
  });
});
