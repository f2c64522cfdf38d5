import type { FilterOp } from '../odata/filter-ast';
import type { FilterRules } from '../odata/filter-rules';

/**
 * `$filter` support of directory collections. Graph treats `ne`, `not` and `endswith` on
 * directory objects as advanced queries (ConsistencyLevel: eventual plus $count=true).
 */
const ADVANCED: readonly FilterOp[] = ['ne', 'not', 'endswith'];
const text: readonly FilterOp[] = ['eq', 'ne', 'not', 'in', 'startswith', 'endswith'];
const key: readonly FilterOp[] = ['eq', 'in'];
const flag: readonly FilterOp[] = ['eq', 'ne', 'not'];
const instant: readonly FilterOp[] = ['eq', 'ne', 'not', 'ge', 'le', 'gt', 'lt'];

export const USER_FILTER: FilterRules = {
  resource: 'user',
  errorCode: 'Request_UnsupportedQuery',
  advancedOnly: ADVANCED,
  properties: {
    id: key,
    userPrincipalName: text,
    displayName: text,
    mail: text,
    givenName: text,
    surname: text,
    jobTitle: text,
    userType: ['eq', 'ne', 'not', 'in'],
    accountEnabled: flag,
    onPremisesSyncEnabled: flag,
    createdDateTime: instant,
  },
};

export const GROUP_FILTER: FilterRules = {
  resource: 'group',
  errorCode: 'Request_UnsupportedQuery',
  advancedOnly: ADVANCED,
  properties: {
    id: key,
    displayName: text,
    mail: text,
    securityEnabled: flag,
    mailEnabled: flag,
    onPremisesSyncEnabled: flag,
    isAssignableToRole: flag,
    groupTypes: ['any', 'eq'],
    createdDateTime: instant,
  },
};

export const DIRECTORY_OBJECT_FILTER: FilterRules = {
  resource: 'directoryObject',
  errorCode: 'Request_UnsupportedQuery',
  advancedOnly: ADVANCED,
  properties: {
    id: key,
    displayName: text,
    userPrincipalName: text,
    mail: text,
    userType: ['eq', 'ne', 'not', 'in'],
    accountEnabled: flag,
  },
};

export const DEVICE_FILTER: FilterRules = {
  resource: 'device',
  errorCode: 'Request_UnsupportedQuery',
  advancedOnly: ADVANCED,
  properties: {
    id: key,
    deviceId: key,
    displayName: text,
    operatingSystem: text,
    operatingSystemVersion: text,
    trustType: ['eq', 'ne', 'not', 'in'],
    accountEnabled: flag,
    isCompliant: flag,
    isManaged: flag,
    approximateLastSignInDateTime: instant,
    profileType: ['eq', 'ne', 'not', 'in'],
  },
};
