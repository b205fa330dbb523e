/** Unity Catalog behind the catalog seam (brought by the Databricks plug-in). */
export { UnityCatalogProvider, refreshUnityCatalogCache, DEFAULT_UC_TTL_MS, type UnityCatalogClient, type UnityCatalogOptions } from './unity-catalog-provider';
export { openUnityCatalogProvider, unityCatalogWorkspace } from './open-unity-catalog';
