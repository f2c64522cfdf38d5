import type {
  CompliancePolicyStateRecord,
  ManagedDeviceRecord,
  RegisteredDeviceRecord,
} from '../../diagnosis/ports';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { obj, str, text, bool, list } from './values';

/** Devices: Intune-managed devices, their compliance, and Entra-registered devices. */

export function managedDevice(raw: unknown): ManagedDeviceRecord {
  const o = obj<Graph.ManagedDevice>(raw);
  const pendingSync = list(o.deviceActionResults).some((a) => {
    const r = obj<Graph.DeviceActionResult>(a);
    return (
      text(r, 'actionName') === 'syncDevice' && text(r, 'actionState').toLowerCase() === 'pending'
    );
  });
  return {
    id: text(o, 'id'),
    deviceName: text(o, 'deviceName'),
    operatingSystem: text(o, 'operatingSystem'),
    osVersion: text(o, 'osVersion'),
    complianceState: text(o, 'complianceState'),
    complianceGracePeriodExpirationDateTime: str(o, 'complianceGracePeriodExpirationDateTime'),
    lastSyncDateTime: str(o, 'lastSyncDateTime'),
    azureADDeviceId: str(o, 'azureADDeviceId'),
    managementAgent: str(o, 'managementAgent'),
    syncPending: pendingSync,
  };
}

export function compliancePolicyState(raw: unknown): CompliancePolicyStateRecord {
  const o = obj<Graph.DeviceCompliancePolicyState>(raw);
  return {
    id: text(o, 'id'),
    displayName: text(o, 'displayName'),
    platformType: text(o, 'platformType'),
    state: text(o, 'state'),
    settingStates: list(o.settingStates).map((s) => {
      const x = obj<Graph.DeviceCompliancePolicySettingState>(s);
      return {
        setting: text(x, 'setting'),
        settingName: text(x, 'settingName'),
        state: text(x, 'state'),
        currentValue: str(x, 'currentValue'),
      };
    }),
  };
}

export function device(raw: unknown): RegisteredDeviceRecord {
  const o = obj<Graph.Device>(raw);
  return {
    id: text(o, 'id'),
    deviceId: text(o, 'deviceId'),
    displayName: text(o, 'displayName'),
    operatingSystem: text(o, 'operatingSystem'),
    operatingSystemVersion: str(o, 'operatingSystemVersion'),
    trustType: str(o, 'trustType'),
    isCompliant: bool(o, 'isCompliant'),
    isManaged: bool(o, 'isManaged'),
    accountEnabled: bool(o, 'accountEnabled') ?? true,
    approximateLastSignInDateTime: str(o, 'approximateLastSignInDateTime'),
  };
}
