import { GraphError, notFound } from '../graph-error';
import type { FixtureInstallation, FixtureTeamsApp, FixtureUser } from '../fixture-schema';
import { entityResponse, listResponse, type CollectionSpec } from '../odata/collection';
import { PERMISSIONS } from '../../graph/permissions';
import type { Route, RouteContext } from '../route';
import { objectBody } from './body';
import { findUser } from './directory-objects';

/**
 * The Teams app catalog and personal-scope installations, so proactive messaging can install
 * the bot for a user and find the 1:1 chat id. Installing an app that is already installed
 * answers 409. With only the ...SelfForUser permission an app may install itself alone.
 */

function definition(app: FixtureTeamsApp) {
  return {
    id: `${app.id}-definition`,
    teamsAppId: app.id,
    displayName: app.displayName,
    version: '1.0.0',
  };
}

const catalogSpec: CollectionSpec<FixtureTeamsApp> = {
  context: 'appCatalogs/teamsApps',
  filter: {
    resource: 'teamsApp',
    properties: { id: ['eq'], externalId: ['eq'], displayName: ['eq'], distributionMethod: ['eq'] },
  },
  defaultPageSize: 100,
  maxPageSize: 999,
  project: (a) => ({ ...a }),
  expand: { appDefinitions: (a) => [definition(a)] },
};

function catalogApp(ctx: RouteContext, id: string): FixtureTeamsApp {
  const app = ctx.state.teamsApps.find((a) => a.id.toLowerCase() === id.toLowerCase());
  if (!app) throw notFound(id);
  return app;
}

function installationSpec(ctx: RouteContext): CollectionSpec<FixtureInstallation> {
  const app = (i: FixtureInstallation) => ctx.state.teamsApps.find((a) => a.id === i.teamsAppId);
  return {
    context: 'users/teamwork/installedApps',
    filter: {
      resource: 'userScopeTeamsAppInstallation',
      properties: {
        id: ['eq'],
        'teamsApp/id': ['eq'],
        'teamsApp/externalId': ['eq'],
        'teamsApp/displayName': ['eq'],
      },
    },
    defaultPageSize: 100,
    maxPageSize: 999,
    view: (i) => ({ id: i.id, teamsApp: app(i) }),
    project: (i) => ({ id: i.id }),
    expand: {
      teamsApp: (i) => app(i) ?? null,
      teamsAppDefinition: (i) => {
        const found = app(i);
        return found ? definition(found) : null;
      },
    },
  };
}

function findInstallation(ctx: RouteContext, user: FixtureUser): FixtureInstallation {
  const installation = user.teamwork.installedApps.find((i) => i.id === ctx.params.installationId);
  if (!installation) throw notFound(ctx.params.installationId);
  return installation;
}

function install(ctx: RouteContext) {
  const user = findUser(ctx.state, ctx.params.id);
  const bind = objectBody(ctx.req.body)['teamsApp@odata.bind'];
  const appId = typeof bind === 'string' ? /teamsApps\/([^/?]+)/i.exec(bind)?.[1] : undefined;
  if (!appId) {
    throw new GraphError(
      400,
      'BadRequest',
      "Expected 'teamsApp@odata.bind' naming appCatalogs/teamsApps/{id}.",
    );
  }
  const app = catalogApp(ctx, appId);
  const self = app.externalId === ctx.state.app.appId;
  if (!self && !ctx.can('TeamsAppInstallation.ReadWriteForUser.All')) {
    throw new GraphError(
      403,
      'Forbidden',
      'The app may install only itself; installing another app requires application permission TeamsAppInstallation.ReadWriteForUser.All.',
    );
  }
  if (user.teamwork.installedApps.some((i) => i.teamsAppId === app.id)) {
    throw new GraphError(409, 'Conflict', `The app ${app.id} is already installed for this user.`);
  }
  user.teamwork.installedApps.push({
    id: Buffer.from(`${user.id}##${app.id}`).toString('base64url'),
    teamsAppId: app.id,
    chatId: `19:${user.id}_${app.id}@unq.gbl.spaces`,
  });
  return { status: 201 };
}

function uninstall(ctx: RouteContext) {
  const user = findUser(ctx.state, ctx.params.id);
  const installation = findInstallation(ctx, user);
  user.teamwork.installedApps = user.teamwork.installedApps.filter((i) => i !== installation);
  return { status: 204 };
}

export const teamsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/appCatalogs/teamsApps',
    permissions: PERMISSIONS.appCatalogRead,
    handle: (ctx) => listResponse(ctx.req, ctx.state.teamsApps, catalogSpec),
  },
  {
    method: 'GET',
    path: '/appCatalogs/teamsApps/{appId}',
    permissions: PERMISSIONS.appCatalogRead,
    handle: (ctx) => entityResponse(ctx.req, catalogApp(ctx, ctx.params.appId), catalogSpec),
  },
  {
    method: 'GET',
    path: '/users/{id}/teamwork/installedApps',
    permissions: PERMISSIONS.installedAppsRead,
    handle: (ctx) =>
      listResponse(
        ctx.req,
        findUser(ctx.state, ctx.params.id).teamwork.installedApps,
        installationSpec(ctx),
      ),
  },
  {
    method: 'POST',
    path: '/users/{id}/teamwork/installedApps',
    permissions: PERMISSIONS.installedAppsWrite,
    handle: install,
  },
  {
    method: 'GET',
    path: '/users/{id}/teamwork/installedApps/{installationId}',
    permissions: PERMISSIONS.installedAppsRead,
    handle: (ctx) =>
      entityResponse(
        ctx.req,
        findInstallation(ctx, findUser(ctx.state, ctx.params.id)),
        installationSpec(ctx),
      ),
  },
  {
    method: 'DELETE',
    path: '/users/{id}/teamwork/installedApps/{installationId}',
    permissions: PERMISSIONS.installedAppsWrite,
    handle: uninstall,
  },
  {
    method: 'GET',
    path: '/users/{id}/teamwork/installedApps/{installationId}/chat',
    permissions: PERMISSIONS.installedAppsRead,
    handle: (ctx) => {
      const installation = findInstallation(ctx, findUser(ctx.state, ctx.params.id));
      return entityResponse(ctx.req, installation, {
        context: 'chats',
        project: (i) => ({ id: i.chatId, topic: null, chatType: 'oneOnOne' }),
      });
    },
  },
];
