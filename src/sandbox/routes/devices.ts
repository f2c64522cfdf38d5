import { notFound } from '../graph-error';
import { entityResponse, listResponse, type CollectionSpec } from '../odata/collection';
import { PERMISSIONS } from '../../graph/permissions';
import type { FixtureDevice } from '../fixture-schema';
import type { Route, RouteContext } from '../route';
import { DEVICE_FILTER } from './directory-filters';
import { directoryObjectList } from './directory-lists';
import { findUser, projectDevice, type DirectoryObject } from './directory-objects';

/**
 * Entra ID device objects. `deviceId` is what the sign-in log shows in deviceDetail.deviceId;
 * `id` is the directory object id. trustType: Workplace (registered), AzureAd (joined),
 * ServerAd (hybrid joined).
 */

const spec: CollectionSpec<FixtureDevice> = {
  context: 'devices',
  filter: DEVICE_FILTER,
  defaultPageSize: 100,
  maxPageSize: 999,
  orderable: ['displayName'],
  advancedQueries: true,
  project: projectDevice,
};

function findDevice(ctx: RouteContext, match: (d: FixtureDevice) => boolean, key: string) {
  const device = ctx.state.devices.find(match);
  if (!device) throw notFound(key);
  return device;
}

const asObjects = (devices: FixtureDevice[]): DirectoryObject[] =>
  devices.map((entity) => ({ type: 'device', entity }));

function owners(ctx: RouteContext, ids: readonly string[]): DirectoryObject[] {
  return ctx.state.users
    .filter((u) => ids.includes(u.id))
    .map((entity) => ({ type: 'user', entity }));
}

export const deviceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/devices',
    permissions: PERMISSIONS.deviceRead,
    handle: (ctx) => listResponse(ctx.req, ctx.state.devices, spec),
  },
  {
    method: 'GET',
    path: '/devices/{id}',
    permissions: PERMISSIONS.deviceRead,
    handle: (ctx) =>
      entityResponse(
        ctx.req,
        findDevice(ctx, (d) => d.id.toLowerCase() === ctx.params.id.toLowerCase(), ctx.params.id),
        spec,
      ),
  },
  {
    method: 'GET',
    path: "/devices(deviceId='{deviceId}')",
    permissions: PERMISSIONS.deviceRead,
    handle: (ctx) =>
      entityResponse(
        ctx.req,
        findDevice(
          ctx,
          (d) => d.deviceId.toLowerCase() === ctx.params.deviceId.toLowerCase(),
          ctx.params.deviceId,
        ),
        spec,
      ),
  },
  {
    method: 'GET',
    path: '/devices/{id}/registeredOwners',
    permissions: PERMISSIONS.deviceRead,
    handle: (ctx) => {
      const device = findDevice(ctx, (d) => d.id === ctx.params.id, ctx.params.id);
      return directoryObjectList(ctx, owners(ctx, device.registeredOwners));
    },
  },
  {
    method: 'GET',
    path: '/devices/{id}/registeredUsers',
    permissions: PERMISSIONS.deviceRead,
    handle: (ctx) => {
      const device = findDevice(ctx, (d) => d.id === ctx.params.id, ctx.params.id);
      return directoryObjectList(ctx, owners(ctx, device.registeredUsers));
    },
  },
  {
    method: 'GET',
    path: '/users/{id}/ownedDevices',
    permissions: PERMISSIONS.deviceRead,
    handle: (ctx) => {
      const user = findUser(ctx.state, ctx.params.id);
      const devices = ctx.state.devices.filter((d) => d.registeredOwners.includes(user.id));
      return directoryObjectList(ctx, asObjects(devices));
    },
  },
  {
    method: 'GET',
    path: '/users/{id}/registeredDevices',
    permissions: PERMISSIONS.deviceRead,
    handle: (ctx) => {
      const user = findUser(ctx.state, ctx.params.id);
      const devices = ctx.state.devices.filter((d) => d.registeredUsers.includes(user.id));
      return directoryObjectList(ctx, asObjects(devices));
    },
  },
];
