import type { Request, Response } from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { TurnAdmission } from './admission';
import { safeLogValue } from './log-value';
import { SdkConsoleHold, refusalReason } from './sdk-console';
import { writeLog } from '../log';

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * Runs one POST /api/messages through the SDK (which authenticates it) and writes the answer.
 * The SDK's own answer to a refused token is sometimes a 500 carrying its internal error text
 * (a bad signature or an unknown issuer surfaces as a library exception); a caller whose turn
 * never started learns only "401", with no body. A turn that started and failed answers 500
 * with a generic body. A tenant outside the allow-list gets a bare 403.
 */
export async function processAtEdge(
  adapter: TeamsAdapter,
  req: Request,
  res: Response,
  handleTurn: (context: TurnContext) => Promise<void>,
  admission?: TurnAdmission,
): Promise<void> {
  const recorded: Recorded = { status: 200, headers: {} };
  const shim = {
    status(code: number) {
      recorded.status = code;
      return shim;
    },
    header(name: string, value: string) {
      recorded.headers[name] = value;
      return shim;
    },
    send(body: unknown) {
      recorded.body = body;
      return shim;
    },
    end() {
      return shim;
    },
  };
  let started = false;
  let tenantRefused = false;
  const hold = new SdkConsoleHold();
  let failure: unknown;
  try {
    await hold.sdk(() =>
      adapter.process(req, shim as unknown as Response, (context) =>
        hold.turn(async () => {
          started = true;
          if (!admission) return handleTurn(context);
          const outcome = await admission.run(context, () => handleTurn(context));
          if (outcome === 'tenant-refused') tenantRefused = true;
        }),
      ),
    );
  } catch (error) {
    recorded.status = started ? 500 : 401;
    failure = error;
  }
  if (started) hold.release();
  if (started && failure !== undefined) {
    writeLog({
      source: 'edge',
      level: 'error',
      event: 'edge.request-failed',
      message: safeLogValue(refusalReason(failure)),
    });
  } else if (!started && recorded.status >= 400) {
    // The SDK's own lines about it (a stack, the keys it knows) were held back: this is the one
    // record, with the reason in words and no token material.
    writeLog({
      source: 'edge',
      level: 'warn',
      event: 'edge.request-refused',
      status: recorded.status,
      reason: safeLogValue(refusalReason(failure ?? recorded.body ?? 'refused')),
      sdkLinesHeld: hold.held,
    });
  }
  recorded.body = failure === undefined ? recorded.body : undefined;
  for (const [name, value] of Object.entries(recorded.headers)) res.header(name, value);
  if (tenantRefused) {
    res.send(403);
    return;
  }
  if (!started && recorded.status >= 400) {
    // 400 (no activity) stays 400; anything else before the turn is an authentication refusal.
    res.send(recorded.status === 400 || recorded.status === 405 ? recorded.status : 401);
    return;
  }
  if (recorded.status >= 500) {
    res.send(recorded.status, { error: 'the message could not be processed' });
    return;
  }
  if (recorded.body === undefined) res.send(recorded.status);
  else res.send(recorded.status, recorded.body);
}
