/** SQL alerts v2 and notification destinations. */
import type { EmulatorContext } from '../context';
import type { Router } from '../router';

export class AlertStore {
  readonly alerts = new Map<string, Record<string, unknown>>();
  readonly destinations = new Map<string, Record<string, unknown>>();
}

export function alertRoutes(_router: Router, _ctx: EmulatorContext): void {}
