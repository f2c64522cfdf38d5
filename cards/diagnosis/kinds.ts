import type { DiagnosisView } from '../../src/diagnosis/types';

/**
 * What differs between diagnosis cards of different kinds: the label over the headline, the
 * header's colour and the section headings. Everything else is the one template
 * (diagnosis.json), so a change of layout is made once.
 */
export interface KindParts {
  label: string;
  /** attention for blocks by policy or risk; warning for the rest. */
  style: 'attention' | 'warning';
  causes: string;
  context: string;
  /** Over the sign-in's facts, when the sign-in is the one the paste was about. */
  signIn: string;
}

export const KIND_PARTS: Record<DiagnosisView, KindParts> = {
  'conditional-access': {
    label: 'Conditional Access',
    style: 'attention',
    causes: 'Policies that stopped the sign-in',
    context: 'Also worth knowing',
    signIn: 'The blocked sign-in',
  },
  'device-compliance': {
    label: 'Device compliance',
    style: 'warning',
    causes: 'What fails on the device',
    context: 'More about the devices',
    signIn: 'The sign-in',
  },
  'device-join': {
    label: 'Device registration',
    style: 'warning',
    causes: 'Why the device did not count',
    context: 'Devices on this account',
    signIn: 'The sign-in',
  },
  'user-risk': {
    label: 'Account risk',
    style: 'attention',
    causes: "The account's risk",
    context: 'Behind the risk',
    signIn: 'The sign-in',
  },
  'temporary-access-pass': {
    label: 'Temporary Access Pass',
    style: 'warning',
    causes: 'Why the pass was refused',
    context: 'How passes work here',
    signIn: 'The sign-in',
  },
  'mfa-methods': {
    label: 'Multifactor authentication',
    style: 'warning',
    causes: 'What went wrong',
    context: 'Sign-in methods and prompts',
    signIn: 'The sign-in',
  },
  'user-account': {
    label: 'The account',
    style: 'warning',
    causes: 'What we found',
    context: 'More detail',
    signIn: 'The sign-in',
  },
  'password-policy': {
    label: 'Password rules',
    style: 'warning',
    causes: 'Why the password was refused',
    context: 'More detail',
    signIn: 'The sign-in',
  },
  'sign-in': {
    label: 'Sign-in',
    style: 'warning',
    causes: 'What the error means',
    context: 'More detail',
    signIn: 'The sign-in',
  },
};
