/** SQL alerts v2 (/api/2.0/alerts) and notification destinations. */
import { randomUUID } from 'node:crypto';
import { badRequest, notFound, required } from '../api-error';
import type { EmulatorContext } from '../context';
import type { Router } from '../router';

type Obj = Record<string, unknown>;

export class AlertStore {
  readonly alerts = new Map<string, Obj>();
  readonly destinations = new Map<string, Obj>();
  /** Creations ever made (tests assert "updated, never recreated"). */
  alertsCreated = 0;
  destinationsCreated = 0;
}

const OPERATORS = ['EQUAL', 'NOT_EQUAL', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL', 'LESS_THAN', 'LESS_THAN_OR_EQUAL', 'IS_NULL', 'IS_NOT_NULL'];
const CONFIGS: Record<string, string> = { slack: 'SLACK', email: 'EMAIL', generic_webhook: 'WEBHOOK', microsoft_teams: 'MICROSOFT_TEAMS', pagerduty: 'PAGERDUTY' };

function validateAlert(a: Obj, ctx: EmulatorContext): void {
  required<string>(a, 'display_name');
  required<string>(a, 'query_text');
  ctx.warehouses.require(required<string>(a, 'warehouse_id'));
  const evaluation = required<Obj>(a, 'evaluation');
  const source = required<Obj>(evaluation, 'source');
  required<string>(source, 'name');
  const op = required<string>(evaluation, 'comparison_operator');
  if (!OPERATORS.includes(op)) throw badRequest(`Invalid comparison_operator: ${op}`);
  const schedule = required<Obj>(a, 'schedule');
  required<string>(schedule, 'quartz_cron_schedule');
  required<string>(schedule, 'timezone_id');
  for (const s of ((evaluation.notification as Obj | undefined)?.subscriptions as Obj[] | undefined) ?? [])
    if (s.destination_id !== undefined && !ctx.alerts.destinations.has(String(s.destination_id))) throw notFound(`Notification destination ${String(s.destination_id)} does not exist.`);
}

/** Responses never echo secrets: a config answers with *_set flags. */
function destinationJson(d: Obj): Obj {
  const config = d.config as Record<string, Obj>;
  const [kind, body] = Object.entries(config)[0]!;
  const shown: Obj = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'addresses') shown.addresses = v;
    else shown[`${k}_set`] = v !== undefined && v !== '';
  }
  return { id: d.id, display_name: d.display_name, destination_type: CONFIGS[kind], config: { [kind]: shown } };
}

export function alertRoutes(router: Router, ctx: EmulatorContext): void {
  const store = ctx.alerts;
  const getAlert = (id: string) => {
    const a = store.alerts.get(id);
    if (!a || a.lifecycle_state === 'DELETED') throw notFound(`Alert ${id} does not exist.`);
    return a;
  };
  router.add('POST', '/api/2.0/alerts', (req) => {
    validateAlert(req.body, ctx);
    const now = new Date().toISOString();
    const alert: Obj = {
      ...req.body,
      id: randomUUID(),
      owner_user_name: ctx.user.userName,
      lifecycle_state: 'ACTIVE',
      create_time: now,
      update_time: now,
      effective_parent_path: req.body.parent_path ?? `/Workspace/Users/${ctx.user.userName}`,
      evaluation: { ...(req.body.evaluation as Obj), state: 'UNKNOWN' },
    };
    store.alerts.set(String(alert.id), alert);
    store.alertsCreated++;
    return alert;
  });
  router.add('GET', '/api/2.0/alerts', () => {
    const alerts = [...store.alerts.values()].filter((a) => a.lifecycle_state === 'ACTIVE');
    return alerts.length ? { alerts } : {};
  });
  router.add('GET', /^\/api\/2\.0\/alerts\/([^/]+)$/, (req) => getAlert(req.params[0]!));
  router.add('PATCH', /^\/api\/2\.0\/alerts\/([^/]+)$/, (req) => {
    const alert = getAlert(req.params[0]!);
    const mask = req.query.get('update_mask') ?? (req.body.update_mask as string | undefined);
    if (!mask) throw badRequest('Missing required field: update_mask');
    const next: Obj = { ...alert };
    const fields = mask === '*' ? Object.keys(req.body).filter((k) => k !== 'update_mask') : mask.split(',').map((f) => f.trim());
    for (const f of fields) {
      const top = f.split('.')[0]!;
      if (!['display_name', 'query_text', 'warehouse_id', 'evaluation', 'schedule', 'custom_summary', 'custom_description', 'run_as', 'parameters'].includes(top)) throw badRequest(`Field ${f} cannot be updated.`);
      next[top] = (req.body as Obj)[top];
    }
    validateAlert(next, ctx);
    next.update_time = new Date().toISOString();
    store.alerts.set(String(alert.id), next);
    return next;
  });
  router.add('DELETE', /^\/api\/2\.0\/alerts\/([^/]+)$/, (req) => {
    getAlert(req.params[0]!).lifecycle_state = 'DELETED';
    return {};
  });

  const getDestination = (id: string) => {
    const d = store.destinations.get(id);
    if (!d) throw notFound(`Notification destination ${id} does not exist.`);
    return d;
  };
  const checkConfig = (config: unknown) => {
    if (!config || typeof config !== 'object') throw badRequest('Missing required field: config');
    const kinds = Object.keys(config).filter((k) => k in CONFIGS);
    if (kinds.length !== 1 || Object.keys(config).length !== 1) throw badRequest('config must set exactly one of slack, email, generic_webhook, microsoft_teams, pagerduty.');
    const body = (config as Record<string, Obj>)[kinds[0]!]!;
    if (kinds[0] === 'email' && (!Array.isArray(body.addresses) || body.addresses.length === 0)) throw badRequest('Missing required field: config.email.addresses');
    if ((kinds[0] === 'slack' || kinds[0] === 'generic_webhook') && !body.url && !body.oauth_token) throw badRequest(`Missing required field: config.${kinds[0]}.url`);
  };
  router.add('POST', '/api/2.0/notification-destinations', (req) => {
    const display = required<string>(req.body, 'display_name');
    checkConfig(req.body.config);
    const d: Obj = { id: randomUUID(), display_name: display, config: req.body.config };
    store.destinations.set(String(d.id), d);
    store.destinationsCreated++;
    return destinationJson(d);
  });
  router.add('GET', '/api/2.0/notification-destinations', () => {
    const results = [...store.destinations.values()].map((d) => {
      const { id, display_name, destination_type } = destinationJson(d);
      return { id, display_name, destination_type };
    });
    return results.length ? { results } : {};
  });
  router.add('GET', /^\/api\/2\.0\/notification-destinations\/([^/]+)$/, (req) => destinationJson(getDestination(req.params[0]!)));
  router.add('PATCH', /^\/api\/2\.0\/notification-destinations\/([^/]+)$/, (req) => {
    const d = getDestination(req.params[0]!);
    if (req.body.config !== undefined) {
      checkConfig(req.body.config);
      d.config = req.body.config;
    }
    if (req.body.display_name !== undefined) d.display_name = req.body.display_name;
    return destinationJson(d);
  });
  router.add('DELETE', /^\/api\/2\.0\/notification-destinations\/([^/]+)$/, (req) => {
    getDestination(req.params[0]!);
    store.destinations.delete(req.params[0]!);
    return {};
  });
}
