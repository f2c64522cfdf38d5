import type { AuthenticationMethodKind, AuthenticationMethodRecord } from '../ports';
import type { Evidence } from '../types';

/** Registered sign-in methods in words, shared by the second-step answers. */

export const METHOD_NAMES: Record<AuthenticationMethodKind, string> = {
  password: 'Password',
  phone: 'Phone (text or call)',
  microsoftAuthenticator: 'Microsoft Authenticator',
  fido2: 'Security key or passkey',
  windowsHelloForBusiness: 'Windows Hello for Business',
  temporaryAccessPass: 'Temporary Access Pass',
  softwareOath: 'Authenticator app code (OATH)',
  email: 'Email (password reset only)',
  platformCredential: 'Platform credential (Mac)',
  other: 'Other method',
};

/** A registered method as one line of evidence: its name, and its label or phone ending. */
export function methodLine(m: AuthenticationMethodRecord): Evidence {
  const extra = [m.label, m.phoneEnding ? `ending ${m.phoneEnding}` : null]
    .filter((x): x is string => x !== null && x !== '')
    .join(', ');
  return { label: METHOD_NAMES[m.kind], value: extra === '' ? 'registered' : extra };
}
