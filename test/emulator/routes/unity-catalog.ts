/**
 * Unity Catalog REST lists (catalogs, schemas, tables with columns and declared primary keys), read from the SQL
 * engine's catalogs, paged with max_results / page_token as the service does (a page may be short).
 */
import { badRequest, notFound } from '../api-error';
import type { EmulatorContext } from '../context';
import { sparkTypeEnum, sparkTypeName } from '../sql/spark-types';
import { duckString } from '../sql/translate';
import { queryBool, type Router } from '../router';

function paged<T>(items: T[], query: URLSearchParams): { page: T[]; next?: string } {
  const max = query.get('max_results');
  const size = max === null ? items.length : Number(max) === 0 ? 50 : Number(max);
  if (!Number.isInteger(size) || size < 0) throw badRequest(`Invalid max_results: ${max}`);
  const token = query.get('page_token');
  const offset = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw badRequest(`Invalid page_token: ${token}`);
  const page = items.slice(offset, offset + Math.max(size, 1));
  return { page, next: offset + page.length < items.length ? Buffer.from(String(offset + page.length)).toString('base64url') : undefined };
}

export function unityCatalogRoutes(router: Router, ctx: EmulatorContext): void {
  const base = '/api/2.1/unity-catalog';
  const owner = () => ctx.user.userName;
  const catalogOf = (name: string) => {
    const info = ctx.sql.catalogs.get(name.toLowerCase());
    if (!info) throw notFound(`Catalog '${name}' does not exist.`, 'CATALOG_DOES_NOT_EXIST');
    return info;
  };
  const catalogJson = (name: string) => {
    const info = catalogOf(name);
    return { name: info.name, full_name: info.name, catalog_type: 'MANAGED_CATALOG', owner: owner(), comment: info.comment, created_at: info.createdAt, updated_at: info.createdAt, isolation_mode: 'OPEN', browse_only: false };
  };
  const schemasOf = async (catalog: string) => {
    const info = catalogOf(catalog);
    const rows = await ctx.sql.duckQuery(`SELECT schema_name FROM duckdb_schemas() WHERE database_name = ${duckString(info.duckName)} ORDER BY schema_name`);
    const tables = await ctx.sql.duckQuery(`SELECT DISTINCT schema_name FROM duckdb_tables() WHERE database_name = ${duckString(info.duckName)}`);
    const withTables = new Set(tables.map((t) => String(t.schema_name)));
    // DuckDB's own `main` schema exists in every database; shown only when it holds tables
    return rows.map((r) => String(r.schema_name)).filter((s) => s !== 'main' || withTables.has('main'));
  };
  const schemaJson = (catalog: string, schema: string) => ({
    name: schema,
    catalog_name: catalogOf(catalog).name,
    full_name: `${catalogOf(catalog).name}.${schema}`,
    owner: owner(),
    schema_id: Buffer.from(`${catalog}.${schema}`).toString('hex').slice(0, 32),
    created_at: catalogOf(catalog).createdAt,
    browse_only: false,
  });
  const tablesOf = async (catalog: string, schema: string, withColumns: boolean) => {
    const info = catalogOf(catalog);
    if (!(await schemasOf(catalog)).some((s) => s.toLowerCase() === schema.toLowerCase())) throw notFound(`Schema '${info.name}.${schema}' does not exist.`, 'SCHEMA_DOES_NOT_EXIST');
    const where = `database_name = ${duckString(info.duckName)} AND lower(schema_name) = lower(${duckString(schema)})`;
    const tables = await ctx.sql.duckQuery(`SELECT schema_name, table_name, 'MANAGED' AS kind FROM duckdb_tables() WHERE ${where} UNION ALL SELECT schema_name, view_name, 'VIEW' FROM duckdb_views() WHERE ${where} AND NOT internal ORDER BY 2`);
    const columns = withColumns
      ? await ctx.sql.duckQuery(`SELECT table_name, column_name, data_type, column_index, is_nullable FROM duckdb_columns() WHERE ${where} ORDER BY table_name, column_index`)
      : [];
    return tables.map((t) => {
      const name = String(t.table_name);
      const full = `${info.name}.${String(t.schema_name)}.${name}`;
      const meta = ctx.sql.tables.get(full.toLowerCase());
      return {
        name,
        catalog_name: info.name,
        schema_name: String(t.schema_name),
        full_name: full,
        table_type: t.kind,
        data_source_format: t.kind === 'VIEW' ? undefined : 'DELTA',
        owner: owner(),
        comment: meta?.comment,
        table_id: Buffer.from(full).toString('hex').slice(0, 32),
        created_at: meta?.createdAt ?? info.createdAt,
        ...(withColumns
          ? {
              columns: columns
                .filter((c) => c.table_name === name)
                .map((c) => {
                  const spark = sparkTypeName(String(c.data_type));
                  const decimal = /^decimal\((\d+),(\d+)\)$/.exec(spark);
                  return {
                    name: String(c.column_name),
                    type_text: spark,
                    type_name: sparkTypeEnum(spark),
                    type_json: JSON.stringify({ name: c.column_name, type: spark, nullable: c.is_nullable !== false, metadata: {} }),
                    ...(decimal ? { type_precision: Number(decimal[1]), type_scale: Number(decimal[2]) } : { type_precision: 0, type_scale: 0 }),
                    position: Number(c.column_index) - 1,
                    nullable: c.is_nullable !== false,
                  };
                }),
            }
          : {}),
        _primaryKey: meta?.primaryKey,
      };
    });
  };
  const strip = <T extends { _primaryKey?: unknown }>(t: T) => {
    const { _primaryKey, ...rest } = t;
    return rest;
  };

  router.add('GET', `${base}/catalogs`, (req) => {
    const { page, next } = paged([...ctx.sql.catalogs.values()].map((c) => catalogJson(c.name)), req.query);
    return { catalogs: page, ...(next ? { next_page_token: next } : {}) };
  });
  router.add('GET', new RegExp(`^${base.replace(/\./g, '\\.')}/catalogs/([^/]+)$`), (req) => catalogJson(req.params[0]!));
  router.add('GET', `${base}/schemas`, async (req) => {
    const catalog = req.query.get('catalog_name');
    if (!catalog) throw badRequest('Missing required field: catalog_name');
    const { page, next } = paged((await schemasOf(catalog)).map((s) => schemaJson(catalog, s)), req.query);
    return { schemas: page, ...(next ? { next_page_token: next } : {}) };
  });
  router.add('GET', new RegExp(`^${base.replace(/\./g, '\\.')}/schemas/([^/]+)$`), async (req) => {
    const [catalog, schema] = req.params[0]!.split('.');
    if (!catalog || !schema) throw badRequest(`Invalid schema name: ${req.params[0]}`);
    const found = (await schemasOf(catalog)).find((s) => s.toLowerCase() === schema.toLowerCase());
    if (!found) throw notFound(`Schema '${req.params[0]}' does not exist.`, 'SCHEMA_DOES_NOT_EXIST');
    return schemaJson(catalog, found);
  });
  router.add('GET', `${base}/tables`, async (req) => {
    const catalog = req.query.get('catalog_name');
    const schema = req.query.get('schema_name');
    if (!catalog) throw badRequest('Missing required field: catalog_name');
    if (!schema) throw badRequest('Missing required field: schema_name');
    const tables = (await tablesOf(catalog, schema, !queryBool(req.query, 'omit_columns'))).map(strip);
    const { page, next } = paged(tables, req.query);
    return { tables: page, ...(next ? { next_page_token: next } : {}) };
  });
  const tableRoute = async (fullName: string) => {
    const parts = fullName.split('.');
    if (parts.length !== 3) throw badRequest(`Invalid table name: ${fullName}`);
    const found = (await tablesOf(parts[0]!, parts[1]!, true)).find((t) => t.name.toLowerCase() === parts[2]!.toLowerCase());
    if (!found) throw notFound(`Table '${fullName}' does not exist.`, 'TABLE_DOES_NOT_EXIST');
    return found;
  };
  router.add('GET', new RegExp(`^${base.replace(/\./g, '\\.')}/tables/([^/]+)$`), async (req) => {
    const t = await tableRoute(req.params[0]!);
    const pk = t._primaryKey as { name: string; columns: string[] } | undefined;
    return { ...strip(t), ...(pk ? { table_constraints: [{ primary_key_constraint: { name: pk.name, child_columns: pk.columns } }] } : {}) };
  });
  router.add('GET', new RegExp(`^${base.replace(/\./g, '\\.')}/tables/([^/]+)/exists$`), async (req) => {
    try {
      await tableRoute(req.params[0]!);
      return { table_exists: true };
    } catch {
      return { table_exists: false };
    }
  });
}
