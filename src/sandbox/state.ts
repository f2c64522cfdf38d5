import type { TenantFixture } from './fixture-schema';

/**
 * The live tenant: a private copy of a fixture that requests read and change. Tests may seed or
 * inspect it directly; `reset()` replaces it with a fresh copy.
 */
export type TenantState = TenantFixture;

const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function shift(value: string, offsetMs: number): string {
  const shifted = new Date(Date.parse(value) + offsetMs).toISOString();
  return value.includes('.') ? shifted : shifted.replace(/\.\d{3}Z$/, 'Z');
}

/** Far-future sentinels (e.g. "no grace period") stay as they are. */
function shiftDates(value: unknown, offsetMs: number): unknown {
  if (typeof value === 'string') {
    return UTC_DATE_TIME.test(value) && !value.startsWith('9999') ? shift(value, offsetMs) : value;
  }
  if (Array.isArray(value)) return value.map((item) => shiftDates(item, offsetMs));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, shiftDates(item, offsetMs)]),
    );
  }
  return value;
}

/**
 * Copies the fixture and moves every timestamp by (now - referenceDateTime), so a scenario
 * written as "30 minutes ago" stays 30 minutes ago whenever the sandbox starts.
 */
export function createTenantState(fixture: TenantFixture, now: Date): TenantState {
  const offsetMs =
    Math.floor((now.getTime() - Date.parse(fixture.referenceDateTime)) / 1000) * 1000;
  const state = shiftDates(structuredClone(fixture), offsetMs) as TenantState;
  for (const signIn of state.signIns) {
    signIn.signInEventTypes ??= [signIn.isInteractive ? 'interactiveUser' : 'nonInteractiveUser'];
  }
  return state;
}
