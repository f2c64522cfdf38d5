import assert from 'node:assert/strict';
import { requestCardData } from '../../cards/remediation/request';
import {
  ACTION_LABELS,
  askedReason,
  describeParams,
  knownNames,
} from '../../src/remediation/describe';
import type { CreateCommand } from '../../src/remediation/service';
import type { RemediationRequest } from '../../src/remediation/types';
import { IDS, PEOPLE, startDomainHarness, type DomainHarness } from './support/domain-harness';

/**
 * The request card's one-line "Details" names the groups and policies a fix is about, as its
 * checks read them, like the rest of the card; an id only where no name is known.
 */
const HOUR = 3_600_000;
const SOURCE = '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const DESTINATION = '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4e';

async function asked(h: DomainHarness, command: Partial<CreateCommand>) {
  const result = await h.service.create({
    actor: PEOPLE.member,
    kind: 'issue-tap',
    subjectId: IDS.member,
    mode: 'request',
    inputs: {},
    ...command,
  });
  assert.ok('request' in result, JSON.stringify(result));
  return result.request;
}

async function approved(h: DomainHarness, request: RemediationRequest): Promise<void> {
  const result = await h.service.approve({
    actor: PEOPLE.helpdesk,
    requestId: request.id,
    version: request.version,
  });
  assert.equal(result.status, 'completed', JSON.stringify(result));
}

async function endedSummary(h: DomainHarness): Promise<string | undefined> {
  const entries = await h.audit.since(new Date('2026-01-01T00:00:00Z'));
  return entries.find((entry) => entry.event === 'exclusion-ended')?.summary;
}

function details(request: RemediationRequest): string | undefined {
  return requestCardData(request, { viewer: 'shared' }).facts.find((f) => f.title === 'Details')
    ?.value;
}

describe('request details name groups and policies', () => {
  let h: DomainHarness;
  beforeEach(() => {
    h = startDomainHarness();
  });

  it('names the source group of a copy of group members', async () => {
    h.writer.addGroup(SOURCE, 'Pilot users', []);
    h.writer.addGroup(DESTINATION, 'TAP policy scope');
    const request = await asked(h, {
      actor: PEOPLE.helpdesk,
      kind: 'copy-group-members',
      subjectId: DESTINATION,
      targetId: SOURCE,
    });
    assert.equal(details(request), 'from group "Pilot users"');
    assert.equal(
      requestCardData(request, { viewer: 'shared' }).title.endsWith('TAP policy scope'),
      true,
    );
    const stored = await h.service.requests.get(request.id);
    assert.deepEqual(stored?.request.names, { [SOURCE]: 'Pilot users' }, 'kept with the request');
  });

  it('names the policy of a time-boxed exclusion', async () => {
    const request = await asked(h, {
      kind: 'ca-exclusion',
      targetId: IDS.caPolicy,
      inputs: { hours: 2 },
    });
    assert.equal(details(request), '2 hours (for policy "Require compliant device")');
  });

  it('names the group a time-boxed exclusion ends in, in the audit', async () => {
    const request = await asked(h, { kind: 'ca-exclusion', inputs: { hours: 1 } });
    assert.equal(request.names?.[IDS.exclusionGroup], 'CA Temporary Exclusions');
    await approved(h, request);
    h.clock.advance(HOUR);
    assert.equal((await h.service.sweep()).exclusionsEnded, 1);
    assert.equal(
      await endedSummary(h),
      'Temporary exclusion ended: removed from group "CA Temporary Exclusions".',
    );
  });

  it('names the group by id when the request was stored without its name', async () => {
    const request = await asked(h, { kind: 'ca-exclusion', inputs: { hours: 1 } });
    const stored = await h.service.requests.get(request.id);
    assert.ok(stored);
    await h.service.requests.replace({ ...stored.request, names: undefined }, stored.etag);
    await approved(h, request);
    // The group's members changed hands meanwhile: the user had already left.
    h.writer.groups.get(IDS.exclusionGroup)?.members.delete(IDS.member);
    h.clock.advance(HOUR);
    await h.service.sweep();
    assert.equal(
      await endedSummary(h),
      `Temporary exclusion ended: the user had already left group ${IDS.exclusionGroup}.`,
    );
  });

  it('falls back on the id only where no name is known, without reading the directory', () => {
    const params = { kind: 'policy-exclusion', policyId: IDS.caPolicy, operation: 'add' } as const;
    assert.equal(describeParams(params), `add to the exclusion of policy ${IDS.caPolicy}`);
    assert.equal(
      describeParams(params, { [IDS.caPolicy]: 'Block legacy authentication' }),
      'add to the exclusion of policy "Block legacy authentication"',
    );
    assert.equal(
      describeParams({ kind: 'authenticator-context', groupId: SOURCE }, { [SOURCE]: '  ' }),
      `for group ${SOURCE} first`,
      'a blank name is no name',
    );
    assert.equal(
      describeParams({ kind: 'authenticator-context', groupId: SOURCE }, { [SOURCE]: 'Pilot' }),
      'for group "Pilot" first',
    );
  });

  it("takes a policy's name from the request's What If preview when the checks left none", () => {
    const names = knownNames({
      whatIf: {
        source: 'graph',
        stopsBlocking: [{ id: IDS.caPolicy, name: 'Require compliant device', controls: [] }],
        stillBlocks: [],
        stillAsks: [],
      },
    });
    assert.equal(
      describeParams({ kind: 'ca-exclusion', hours: 1, policyId: IDS.caPolicy }, names),
      '1 hour (for policy "Require compliant device")',
    );
  });
});

describe('the reason a request carries when asked by command', () => {
  it('keeps product names in capitals and names the group once', () => {
    assert.equal(
      askedReason('sms-sign-in'),
      'Asked for from the sign-in helpdesk: turn on SMS sign-in.',
    );
    assert.equal(
      askedReason('authenticator-context'),
      'Asked for from the sign-in helpdesk: show the app name and location in Authenticator.',
    );
    assert.equal(
      askedReason('issue-tap'),
      'Asked for from the sign-in helpdesk: issue a Temporary Access Pass.',
    );
    // Cards and logs add "for GROUP" after the title: the title itself names no group.
    assert.doesNotMatch(ACTION_LABELS['sms-sign-in'].title, /group/);
  });
});
