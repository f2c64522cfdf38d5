import assert from 'node:assert/strict';
import {
  GraphAudienceDirectory,
  resolveCatalogAppId,
} from '../../src/announcements/graph-audience';
import { createGraphClient } from '../../src/graph/client';
import { SandboxCredential } from '../../src/graph/credential';
import { GraphTransport } from '../../src/graph/transport';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';

const CATALOG_APP = 'f3a9c1d5-2b7e-4c8a-9d1f-6e5b4a3c2d10';
const MANIFEST_ID = '00000000-0000-0000-0000-0000000000b0';

/**
 * The Graph adapter against the sandbox tenant, over real HTTP with the project's Graph client:
 * nested groups and paging, author group checks, Authenticator settings, app installs.
 */
describe('announcement audience on Microsoft Graph @slow', () => {
  let sandbox: SandboxTenant;
  let directory: GraphAudienceDirectory;

  before(async () => {
    sandbox = await startSandboxTenant({ port: 0 });
  });

  after(async () => sandbox.close());

  beforeEach(() => {
    sandbox.reset();
    const graph = createGraphClient({
      baseUrl: sandbox.url,
      credential: new SandboxCredential(),
      maxRetries: 0,
    });
    directory = new GraphAudienceDirectory(new GraphTransport(graph, sandbox.url), {
      catalogAppId: CATALOG_APP,
      pageSize: 3,
    });
  });

  /** Users reachable from a group through nested groups, straight from the tenant's data. */
  function expectedMembers(groupId: string, seen = new Set<string>()): Set<string> {
    const users = new Set(sandbox.state.users.map((u) => u.id));
    const group = sandbox.state.groups.find((g) => g.id === groupId);
    const out = new Set<string>();
    for (const member of group?.members ?? []) {
      if (users.has(member)) out.add(member);
      else if (!seen.has(member) && sandbox.state.groups.some((g) => g.id === member)) {
        seen.add(member);
        for (const nested of expectedMembers(member, seen)) out.add(nested);
      }
    }
    return out;
  }

  it('lists every user of a group, nested groups included, following nextLinks', async () => {
    const pages: string[][] = [];
    for await (const page of directory.groupMembers(DEMO_GROUPS.allStaff.id)) {
      pages.push(page.map((u) => u.id));
    }
    const listed = pages.flat();
    const expected = expectedMembers(DEMO_GROUPS.allStaff.id);
    const direct = sandbox.state.groups.find((g) => g.id === DEMO_GROUPS.allStaff.id)!.members;
    assert.ok(
      [...expected].some((id) => !direct.includes(id)),
      'the fixture nests a group',
    );
    assert.deepEqual(new Set(listed), expected);
    assert.equal(listed.length, expected.size, 'no user twice');
    assert.ok(pages.length > 1, `paged: ${pages.map((p) => p.length).join('+')}`);
    assert.ok(pages.every((p) => p.length <= 3));
    const calls = sandbox.requests.filter((r) => /transitiveMembers/.test(r.path));
    assert.equal(calls.length, pages.length, 'one request per page');
    assert.equal(await directory.groupName(DEMO_GROUPS.allStaff.id), 'All Staff');
  });

  it('checks author groups transitively and returns only those asked for', async () => {
    const groups = [DEMO_GROUPS.helpdeskApprovers.id, DEMO_GROUPS.caExclusions.id];
    assert.deepEqual(await directory.memberGroups(DEMO_USERS.helpdesk.id, groups), [
      DEMO_GROUPS.helpdeskApprovers.id,
    ]);
    assert.deepEqual(await directory.memberGroups(DEMO_USERS.member.id, groups), []);
  });

  it('reads the Microsoft Authenticator feature settings', async () => {
    const settings = await directory.authenticatorSettings();
    const config =
      sandbox.state.authenticationMethodsPolicy.authenticationMethodConfigurations.find(
        (c) => c.id === 'MicrosoftAuthenticator',
      ) as { state: string; featureSettings?: Record<string, { state: string }> } | undefined;
    assert.ok(config, 'the fixture has the Authenticator configuration');
    assert.equal(settings.state, config.state);
    assert.equal(
      settings.appName,
      config.featureSettings?.displayAppInformationRequiredState?.state,
    );
    assert.equal(
      settings.location,
      config.featureSettings?.displayLocationInformationRequiredState?.state,
    );
    // v1.0 does not carry it: number matching is enforced by Microsoft for every push.
    assert.equal(settings.numberMatching, 'enabled');
  });

  it('installs the app for a user, and takes 409 as already installed with the same chat', async () => {
    const user = DEMO_USERS.member.id;
    const first = await directory.installForUser(user);
    assert.equal(first.kind, 'installed');
    assert.equal(first.kind === 'installed' && first.alreadyInstalled, false);
    assert.match(
      first.kind === 'installed' ? (first.chatId ?? '') : '',
      /^19:.*@unq\.gbl\.spaces$/,
    );
    const second = await directory.installForUser(user);
    assert.equal(second.kind === 'installed' && second.alreadyInstalled, true);
    assert.equal(
      second.kind === 'installed' && second.chatId,
      first.kind === 'installed' && first.chatId,
    );
    const posts = sandbox.requests.filter(
      (r) => r.method === 'POST' && /installedApps$/.test(r.path),
    );
    assert.deepEqual(
      posts.map((p) => p.status),
      [201, 409],
    );
  });

  it('tells a user who cannot get the app from a Graph outage', async () => {
    const unknown = await directory.installForUser('9f9f9f9f-0000-4000-8000-000000000000');
    assert.deepEqual(unknown, { kind: 'unavailable', reason: 'user-not-found-or-no-teams' });
    sandbox.faults.add({ method: 'POST', pathPattern: /installedApps/, status: 503, times: 1 });
    const outage = await directory.installForUser(DEMO_USERS.admin.id);
    assert.equal(outage.kind, 'retry');
    sandbox.faults.add({
      method: 'POST',
      pathPattern: /installedApps/,
      status: 429,
      retryAfterSeconds: 7,
      times: 1,
    });
    const throttled = await directory.installForUser(DEMO_USERS.admin.id);
    assert.deepEqual(throttled.kind === 'retry' && throttled.retryAfterMs, 7_000);
  });

  it('finds the catalog id of the app from its manifest id', async () => {
    const graph = new GraphTransport(
      createGraphClient({ baseUrl: sandbox.url, credential: new SandboxCredential() }),
      sandbox.url,
    );
    assert.equal(await resolveCatalogAppId(graph, MANIFEST_ID), CATALOG_APP);
    assert.equal(
      await resolveCatalogAppId(graph, '11111111-0000-0000-0000-000000000000'),
      undefined,
    );
  });
});
