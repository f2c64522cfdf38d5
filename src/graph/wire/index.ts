/**
 * Graph JSON → DirectoryReader records, one file per kind of fact. Every field is read
 * defensively (values.ts): a record with holes is better evidence than no record.
 */
export { nextLink, stringList, values } from './values';
export { caPolicy, domain, riskDetection, riskyUser, signIn, user } from './identity';
export { authenticationMethod, authenticatorPolicy, tapMethod, tapPolicy } from './methods';
export { compliancePolicyState, device, managedDevice } from './devices';
