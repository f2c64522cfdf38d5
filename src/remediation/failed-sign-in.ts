import type { SignInConditionFacts } from '../conditional-access';

/**
 * The failed sign-in a fix is meant to cure, as diagnosis found it in the log: what the
 * closed-loop check watches for (the next sign-in to the same app) and what an exclusion preview
 * evaluates. Facts of the log only; nothing here is a secret.
 */
export type FailedSignIn = SignInConditionFacts & {
  /** The sign-in event id (the error page's "Request ID"). */
  id: string;
  at: string;
  appName: string;
  errorCode: number;
  /** Enforced policies the log names: applied (success or failure) or not. */
  policyResults: Array<{ id: string; applied: boolean }>;
};
