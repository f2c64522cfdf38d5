import type { Clock } from '../ports';
import type { ActionKind } from '../remediation/action-kinds';
import type { BurstDetector, BurstSignal, IncidentNotifier } from './burst';
import { diagnose, type DiagnosisRequest } from './diagnose';
import { withFailedSignIn } from './offer-sign-in';
import type { DirectoryReader } from './ports';
import type { Diagnosis } from './types';

export interface BurstWatch {
  detector: BurstDetector;
  notifier: IncidentNotifier;
  /** A failed channel post must not fail anyone's diagnosis; it is reported here instead. */
  onNotifyError: (error: unknown, signal: BurstSignal) => void;
}

export interface DiagnosisServiceDeps {
  reader: DirectoryReader;
  clock: Clock;
  burst?: BurstWatch;
  /** Fixes switched off (their permission is not consented) are not offered. */
  offersAllowed?: (kind: ActionKind) => boolean;
}

/**
 * The diagnosis use case as the bot calls it: diagnose, then feed every enforced policy failure to
 * the burst detector. The incident post runs beside the answer, never in front of it, and the posts
 * of one incident go out in order (opened before any update).
 */
export class DiagnosisService {
  private readonly posting = new Map<string, Promise<void>>();

  constructor(private readonly deps: DiagnosisServiceDeps) {}

  async diagnose(request: DiagnosisRequest): Promise<Diagnosis> {
    const diagnosis = withFailedSignIn(await diagnose(request, this.deps));
    this.watch(diagnosis);
    const allowed = this.deps.offersAllowed;
    return allowed
      ? { ...diagnosis, offers: diagnosis.offers.filter((o) => allowed(o.kind)) }
      : diagnosis;
  }

  /** Resolves when every incident post started so far has finished (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.posting.size > 0) await Promise.all([...this.posting.values()]);
  }

  private watch(diagnosis: Diagnosis): void {
    const burst = this.deps.burst;
    const { details, subject, signIn } = diagnosis;
    if (burst === undefined || details.view !== 'conditional-access') return;
    if (diagnosis.status !== 'found' || subject === undefined || signIn === undefined) return;
    for (const policy of details.enforced) {
      const signal = burst.detector.observe({
        policyId: policy.id,
        policyName: policy.name,
        userId: subject.id,
        userPrincipalName: subject.userPrincipalName,
        at: new Date(signIn.record.createdDateTime),
      });
      if (signal !== undefined) this.post(burst, signal);
    }
  }

  private post(burst: BurstWatch, signal: BurstSignal): void {
    const id = signal.incident.id;
    const before = this.posting.get(id) ?? Promise.resolve();
    const next: Promise<void> = before
      .then(() => burst.notifier.notify(signal))
      .catch((error: unknown) => burst.onNotifyError(error, signal))
      .finally(() => {
        if (this.posting.get(id) === next) this.posting.delete(id);
      });
    this.posting.set(id, next);
  }
}
