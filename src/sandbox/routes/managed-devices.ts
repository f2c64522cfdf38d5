import { notFound } from '../graph-error';
import { entityResponse, listResponse, type CollectionSpec } from '../odata/collection';
import type { FilterOp } from '../odata/filter-ast';
import { PERMISSIONS } from '../../graph/permissions';
import type { FixtureManagedDevice } from '../fixture-schema';
import type { Route, RouteContext } from '../route';
import { findUser } from './directory-objects';

/**
 * Intune managed devices, their per-policy compliance states, and the syncDevice action. A
 * sync is answered at once: the sandbox device checks in immediately, so lastSyncDateTime
 * moves and the action reads "done"; compliance itself does not change.
 */

const eq: readonly FilterOp[] = ['eq'];

const spec: CollectionSpec<FixtureManagedDevice> = {
  context: 'deviceManagement/managedDevices',
  filter: {
    resource: 'managedDevice',
    properties: {
      id: eq,
      userId: eq,
      userPrincipalName: eq,
      deviceName: ['eq', 'startswith'],
      operatingSystem: eq,
      complianceState: eq,
      azureADDeviceId: eq,
      managementAgent: eq,
    },
  },
  defaultPageSize: 1000,
  maxPageSize: 1000,
  orderable: ['deviceName', 'lastSyncDateTime'],
  project: (d) => {
    const { deviceCompliancePolicyStates: _states, ...rest } = d;
    return rest;
  },
};

function findManagedDevice(ctx: RouteContext): FixtureManagedDevice {
  const device = ctx.state.managedDevices.find(
    (d) => d.id.toLowerCase() === ctx.params.id.toLowerCase(),
  );
  if (!device) throw notFound(ctx.params.id);
  return device;
}

function syncDevice(ctx: RouteContext) {
  const device = findManagedDevice(ctx);
  const now = ctx.now().toISOString();
  device.lastSyncDateTime = now;
  device.deviceActionResults = [
    ...device.deviceActionResults.filter((a) => a.actionName !== 'syncDevice'),
    { actionName: 'syncDevice', actionState: 'done', startDateTime: now, lastUpdatedDateTime: now },
  ];
  return { status: 204 };
}

export const managedDeviceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/users/{id}/managedDevices',
    permissions: PERMISSIONS.managedDeviceRead,
    handle: (ctx) => {
      const user = findUser(ctx.state, ctx.params.id);
      const devices = ctx.state.managedDevices.filter((d) => d.userId === user.id);
      return listResponse(ctx.req, devices, {
        ...spec,
        context: `users('${user.id}')/managedDevices`,
      });
    },
  },
  {
    method: 'GET',
    path: '/deviceManagement/managedDevices',
    permissions: PERMISSIONS.managedDeviceRead,
    handle: (ctx) => listResponse(ctx.req, ctx.state.managedDevices, spec),
  },
  {
    method: 'GET',
    path: '/deviceManagement/managedDevices/{id}',
    permissions: PERMISSIONS.managedDeviceRead,
    handle: (ctx) => entityResponse(ctx.req, findManagedDevice(ctx), spec),
  },
  {
    method: 'GET',
    path: '/deviceManagement/managedDevices/{id}/deviceCompliancePolicyStates',
    permissions: PERMISSIONS.compliancePolicyStateRead,
    handle: (ctx) =>
      listResponse(ctx.req, findManagedDevice(ctx).deviceCompliancePolicyStates, {
        context: `deviceManagement/managedDevices('${ctx.params.id}')/deviceCompliancePolicyStates`,
        filter: { resource: 'deviceCompliancePolicyState', properties: { state: eq, id: eq } },
        defaultPageSize: 100,
        maxPageSize: 1000,
        project: (s) => ({ ...s }),
      }),
  },
  {
    method: 'POST',
    path: '/deviceManagement/managedDevices/{id}/syncDevice',
    permissions: PERMISSIONS.managedDeviceSync,
    handle: syncDevice,
  },
];
