import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { SCENARIO_TEAMS_APP } from '../../src/sandbox/scenario-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { call, rec, sdkClient, values } from './helpers';

describe('sandbox Teams app install', () => {
  let sandbox: SandboxTenant;
  before(async () => {
    sandbox = await startSandboxTenant();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const bind = (id: string) => ({
    'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${id}`,
  });

  it('resolves the catalog id from the manifest id', async () => {
    const apps = values(
      (
        await call(
          sandbox,
          `/v1.0/appCatalogs/teamsApps?$filter=${encodeURIComponent(`externalId eq '${SCENARIO_TEAMS_APP.externalId}'`)}`,
        )
      ).body,
    );
    assert.deepEqual(
      apps.map((a) => a.id),
      [SCENARIO_TEAMS_APP.catalogId],
    );
  });

  it('installs for a user, finds the installation and its 1:1 chat, then answers 409', async () => {
    const client = sdkClient(sandbox);
    const path = `/users/${DEMO_USERS.member.id}/teamwork/installedApps`;
    await client.api(path).post(bind(SCENARIO_TEAMS_APP.catalogId));
    const installed = values(
      await client
        .api(path)
        .expand('teamsApp')
        .filter(`teamsApp/id eq '${SCENARIO_TEAMS_APP.catalogId}'`)
        .get(),
    );
    assert.equal(installed.length, 1);
    assert.equal(rec(installed[0].teamsApp).externalId, SCENARIO_TEAMS_APP.externalId);
    const chat = rec(await client.api(`${path}/${String(installed[0].id)}/chat`).get());
    assert.match(String(chat.id), /^19:.+@unq\.gbl\.spaces$/);
    const again = await call(sandbox, `/v1.0${path}`, {
      method: 'POST',
      body: bind(SCENARIO_TEAMS_APP.catalogId),
    });
    assert.equal(again.status, 409);
  });

  it('answers 409 for the helpdesk agent, who already has the bot', async () => {
    const res = await call(
      sandbox,
      `/v1.0/users/${DEMO_USERS.helpdesk.id}/teamwork/installedApps`,
      {
        method: 'POST',
        body: bind(SCENARIO_TEAMS_APP.catalogId),
      },
    );
    assert.equal(res.status, 409);
  });

  it('lets the self-install permission install only the bot itself', async () => {
    const other =
      sandbox.state.teamsApps.find((a) => a.id !== SCENARIO_TEAMS_APP.catalogId)?.id ?? '';
    const res = await call(sandbox, `/v1.0/users/${DEMO_USERS.member.id}/teamwork/installedApps`, {
      method: 'POST',
      body: bind(other),
    });
    assert.equal(res.status, 403);
    const unknown = await call(
      sandbox,
      `/v1.0/users/${DEMO_USERS.member.id}/teamwork/installedApps`,
      {
        method: 'POST',
        body: bind('99999999-9999-4999-8999-999999999999'),
      },
    );
    assert.equal(unknown.status, 404);
  });
});
