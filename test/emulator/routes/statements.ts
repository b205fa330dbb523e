/** Statement Execution API 2.0: execute, get, get chunk, cancel. */
import type { EmulatorContext } from '../context';
import type { Router } from '../router';

export function statementRoutes(router: Router, ctx: EmulatorContext): void {
  router.add('POST', '/api/2.0/sql/statements', (req) => ctx.statements.execute(req.body));
  router.add('POST', '/api/2.0/sql/statements/', (req) => ctx.statements.execute(req.body));
  router.add('GET', /^\/api\/2\.0\/sql\/statements\/([^/]+)$/, (req) => ctx.statements.response(ctx.statements.get(req.params[0]!)));
  router.add('GET', /^\/api\/2\.0\/sql\/statements\/([^/]+)\/result\/chunks\/(\d+)$/, (req) =>
    ctx.statements.chunk(ctx.statements.get(req.params[0]!), Number(req.params[1])),
  );
  router.add('POST', /^\/api\/2\.0\/sql\/statements\/([^/]+)\/cancel$/, (req) => {
    ctx.statements.cancel(req.params[0]!);
    return {};
  });
}
