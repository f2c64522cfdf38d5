import type { PasteClient } from './types';
import { windowsCodesField } from './windows-codes';

/**
 * Which tool a paste comes from, by the words its own messages use: Azure CLI asks to run
 * `az login`, Azure PowerShell `Connect-AzAccount`, Microsoft Graph PowerShell `Connect-MgGraph`,
 * and an app on MSAL names its exceptions (MsalUiRequiredException). Checked in this order: Azure
 * CLI's own traces name MSAL too, and its message is the one the person acts on.
 */
const CLIENTS: ReadonlyArray<[PasteClient, RegExp]> = [
  [
    'azure-cli',
    /\baz (?:login|logout|account (?:get-access-token|set|show|clear))\b|\bazure[ -.]cli\b/i,
  ],
  [
    'azure-powershell',
    /\bconnect-azaccount\b|\b(?:get|set|new|remove|invoke|update)-az[a-z]+\b|\baz\.accounts\b|\bazure powershell\b/i,
  ],
  [
    'graph-powershell',
    /\bconnect-mggraph\b|\b(?:get|set|new|remove|invoke|update)-mg[a-z]+\b|\bmicrosoft\.graph\.authentication\b/i,
  ],
  [
    'msal',
    /\bmsal(?:\.net|4j|-(?:node|browser|python))?\b|\bmsal[a-z]*exception\b|\binteractionrequiredautherror\b|\bacquire_?token_?silent\b/i,
  ],
];

/** The tool the paste shows, or undefined when its words name none. */
export function readClient(text: string): PasteClient | undefined {
  return CLIENTS.find(([, words]) => words.test(text))?.[0];
}

/** `{ client }` when the paste shows its tool, else nothing: for spreading into a Triage. */
export function clientOf(text: string): { client?: PasteClient } {
  const client = readClient(text);
  return client === undefined ? {} : { client };
}

/**
 * What the paste shows of where it came from, for spreading into a Triage: its tool (`client`)
 * and the Windows codes it carries (`windowsCodes`), each only when present.
 */
export function pasteOrigin(text: string): { client?: PasteClient; windowsCodes?: string[] } {
  return { ...clientOf(text), ...windowsCodesField(text) };
}
