/** SQL warehouses: list, get, start, stop. */
import type { EmulatorContext } from '../context';
import type { Router } from '../router';

export function warehouseRoutes(router: Router, ctx: EmulatorContext): void {
  router.add('GET', '/api/2.0/sql/warehouses', () => ({ warehouses: [...ctx.warehouses.byId.values()].map((w) => w.info(ctx.url())) }));
  router.add('GET', /^\/api\/2\.0\/sql\/warehouses\/([^/]+)$/, (req) => ctx.warehouses.require(req.params[0]!).info(ctx.url()));
  router.add('POST', /^\/api\/2\.0\/sql\/warehouses\/([^/]+)\/start$/, (req) => {
    ctx.warehouses.require(req.params[0]!).start();
    return {};
  });
  router.add('POST', /^\/api\/2\.0\/sql\/warehouses\/([^/]+)\/stop$/, (req) => {
    ctx.warehouses.require(req.params[0]!).stop();
    return {};
  });
}
