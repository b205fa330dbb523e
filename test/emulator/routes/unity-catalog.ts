/** Unity Catalog REST lists (catalogs, schemas, tables) served from the SQL engine's catalogs. */
import type { EmulatorContext } from '../context';
import type { Router } from '../router';

export function unityCatalogRoutes(_router: Router, _ctx: EmulatorContext): void {}
