import type { Command } from '../command';
import { auditCommand } from './audit';
import { triageCommand } from './triage';

/** Every `helpdesk` sub-command. A new command is one module and one line here. */
export const COMMANDS: readonly Command[] = [triageCommand, auditCommand];
