import assert from 'node:assert/strict';
import sinon from 'sinon';
import { SECRET_HIDDEN } from '../../cards/common/secret-hidden';
import { previewCardData } from '../../cards/announcements/preview';
import { AnnouncementService } from '../../src/announcements/announcement-service';
import { AppError } from '../../src/errors';
import { AUTHOR, AUTHOR_GROUP, AUTHOR_REFERENCE, World, userId } from './support/domain-harness';

function rejectsWith(code: string, pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    assert.match(error.userMessage, pattern);
    return true;
  };
}

describe('announcement authoring', () => {
  let clock: sinon.SinonFakeTimers;
  let world: World;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-11-01T08:00:00Z'), toFake: ['Date'] });
    world = new World();
  });

  afterEach(() => clock.restore());

  const draft = (fields: Partial<Parameters<AnnouncementService['draft']>[0]> = {}) =>
    world.service.draft({
      template: 'number-matching',
      activationDate: '2026-12-01',
      audience: { kind: 'installed' },
      author: AUTHOR,
      authorReference: AUTHOR_REFERENCE,
      ...fields,
    });

  it('previews a group: unique members, its name, and the tenant settings', async () => {
    world.directory.groups.set('g1', [
      [{ id: userId(1) }, { id: userId(2) }],
      [{ id: userId(2).toUpperCase() }, { id: userId(3) }],
    ]);
    const preview = await draft({ audience: { kind: 'group', groupId: 'g1' } });
    assert.equal(preview.announcement.previewSize, 3);
    assert.match(preview.announcement.audienceLabel, /Group g1 \(nested groups included\)/);
    assert.deepEqual(preview.settings, world.directory.settings);
    assert.equal(preview.announcement.state, 'draft');
    assert.equal((await world.store.get(preview.announcement.id))?.value.state, 'draft');
  });

  it('still previews when the settings cannot be read, and says why', async () => {
    world.directory.authenticatorSettings = async () => {
      throw new AppError('graph-forbidden', 'no', { userMessage: 'Missing Policy.Read.All.' });
    };
    const preview = await draft();
    assert.equal(preview.settings, undefined);
    assert.equal(preview.settingsProblem, 'Missing Policy.Read.All.');
  });

  it('masks a secret typed into the note before it is kept or sent, and tells the author', async () => {
    const preview = await draft({ note: 'Questions? Call 1234. Test account TAP: Xk7#pQ2m' });
    assert.equal(preview.secretHidden, true);
    assert.equal(preview.announcement.note, 'Questions? Call 1234. Test account TAP: (hidden)');
    const stored = await world.store.get(preview.announcement.id);
    assert.ok(!JSON.stringify(stored).includes('Xk7#pQ2m'), 'not in the stored announcement');
    const card = previewCardData(preview.announcement, preview.settings, undefined, true);
    assert.ok(card.warning?.includes(SECRET_HIDDEN), card.warning);

    const plain = await draft({ note: 'Questions? Reply here or call the service desk on 1234.' });
    assert.equal(plain.secretHidden, undefined);
    assert.equal(
      plain.announcement.note,
      'Questions? Reply here or call the service desk on 1234.',
    );
  });

  it('lets only members of the helpdesk or admin groups announce', async () => {
    await assert.rejects(
      draft({ author: { objectId: userId(9), name: 'Someone' } }),
      rejectsWith('not-authorized', /Only helpdesk and admin/),
    );
    const closed = new AnnouncementService({
      store: world.store,
      references: world.references,
      directory: world.directory,
      queue: world.queue,
      clock: { now: () => new Date() },
      authorGroupIds: [],
    });
    await assert.rejects(
      closed.authorize(AUTHOR),
      rejectsWith('not-authorized', /no helpdesk or admin group is configured/),
    );
  });

  it('refuses a date that has passed and a team the bot is not in', async () => {
    await assert.rejects(
      draft({ activationDate: '2026-10-31' }),
      rejectsWith('input-invalid', /already passed/),
    );
    await draft({ activationDate: '2026-11-01' }); // today is fine
    await assert.rejects(
      draft({
        audience: { kind: 'channel', teamId: '19:t@thread.tacv2', channelId: '19:t@thread.tacv2' },
      }),
      rejectsWith('input-invalid', /not installed in that team/),
    );
  });

  it('confirms a draft once, cancels a running one, and discards a draft', async () => {
    const first = (await draft()).announcement;
    const confirmed = await world.service.confirm(first.id, AUTHOR, { activityId: 'card-1' });
    assert.equal(confirmed.state, 'queued');
    assert.equal(confirmed.progressActivityId, 'card-1');
    const again = await world.service.confirm(first.id, AUTHOR, { activityId: 'card-2' });
    assert.equal(again.progressActivityId, 'card-1', 'a second click changes nothing');
    assert.equal(world.queue.depth, 1);
    const cancelling = await world.service.cancel(first.id, AUTHOR);
    assert.equal(cancelling.state, 'cancelling');
    assert.deepEqual(cancelling.cancelledBy, AUTHOR);

    const second = (await draft()).announcement;
    assert.equal((await world.service.cancel(second.id, AUTHOR)).state, 'discarded');
    assert.equal((await world.service.confirm(second.id, AUTHOR, {})).state, 'discarded');
    assert.equal(world.queue.depth, 1, 'a discarded draft is never queued');
  });

  it("renders the recipients' message once, at confirm, and stores it with the announcement", async () => {
    const rendered: string[] = [];
    const service = new AnnouncementService({
      store: world.store,
      references: world.references,
      directory: world.directory,
      queue: world.queue,
      clock: { now: () => new Date() },
      authorGroupIds: [AUTHOR_GROUP],
      compose: (announcement) => {
        rendered.push(announcement.id);
        return { card: { type: 'AdaptiveCard', note: announcement.note }, summary: 'From then on' };
      },
    });
    const { announcement } = await service.draft({
      template: 'number-matching',
      activationDate: '2026-12-01',
      audience: { kind: 'installed' },
      note: 'Type the number',
      author: AUTHOR,
      authorReference: AUTHOR_REFERENCE,
    });
    const confirmed = await service.confirm(announcement.id, AUTHOR, {});
    assert.deepEqual(confirmed.message, {
      card: { type: 'AdaptiveCard', note: 'Type the number' },
      summary: 'From then on',
    });
    assert.deepEqual((await world.store.require(announcement.id)).value.message, confirmed.message);
    await service.confirm(announcement.id, AUTHOR, {});
    assert.deepEqual(rendered, [announcement.id], 'a second click renders nothing');
    // Without a composer (as before), nothing is stored: the workers render it.
    const plain = (await draft()).announcement;
    assert.equal((await world.service.confirm(plain.id, AUTHOR, {})).message, undefined);
  });

  it('confirms when the message fails to render there, and leaves the rendering to the workers', async () => {
    const service = new AnnouncementService({
      store: world.store,
      references: world.references,
      directory: world.directory,
      queue: world.queue,
      clock: { now: () => new Date() },
      authorGroupIds: [AUTHOR_GROUP],
      compose: () => {
        throw new Error('the card templates could not load');
      },
    });
    const { announcement } = await service.draft({
      template: 'number-matching',
      activationDate: '2026-12-01',
      audience: { kind: 'installed' },
      author: AUTHOR,
      authorReference: AUTHOR_REFERENCE,
    });
    const confirmed = await service.confirm(announcement.id, AUTHOR, {});
    assert.equal(confirmed.state, 'queued');
    assert.equal(confirmed.message, undefined);
    assert.equal(world.queue.depth, 1, 'the announcement is queued all the same');
  });

  it('exports everyone who did not get it', async () => {
    const { announcement } = await draft();
    const row = {
      kind: 'user' as const,
      attempts: 1,
      transientFailures: 0,
      updatedAt: '2026-11-01T08:00:00.000Z',
    };
    await world.store.addRecipient(announcement.id, 'u.a', {
      ...row,
      objectId: 'a',
      status: 'sent',
    });
    await world.store.addRecipient(announcement.id, 'u.b', {
      ...row,
      objectId: 'b',
      displayName: 'Bee, B.',
      status: 'unreachable',
      reason: 'guest-without-app',
    });
    const { csv, rows } = await world.service.failuresCsv(announcement.id, AUTHOR);
    assert.equal(rows, 1);
    assert.equal(
      csv,
      'recipient,objectId,displayName,userPrincipalName,status,reason,attempts,updatedAt\r\n' +
        'u.b,b,"Bee, B.",,unreachable,guest-without-app,1,2026-11-01T08:00:00.000Z\r\n',
    );
  });
});
