/**
 * The emulator's SQL warehouse: one in-memory DuckDB instance holding the workspace's catalogs (each catalog an
 * attached database), and sessions (one connection each) that run translated Databricks SQL with Spark's session
 * semantics — variables, USE, typed `:name` parameters — and report results with Spark type names.
 */
import { type DuckDBConnection, DuckDBInstance, type DuckDBType, DuckDBTypeId, type Json } from '@duckdb/node-api';
import { toSqlError, SqlError } from './sql-error';
import { installSparkMacros, registerSparkFunctions } from './spark-functions';
import { sparkTypeName } from './spark-types';
import { splitStatements } from './split-statements';
import { sparkName } from './token-tree';
import { informationSchemaView, META_DDL, PRIMARY_KEYS } from './information-schema';
import { type BoundParameter, defaultCatalogName, duckIdent, duckString, type Plan, type PrimaryKey, translateStatement } from './translate';

export interface ResultColumn {
  name: string;
  /** Spark's type text (`bigint`, `decimal(10,2)`, `array<string>`). */
  sparkType: string;
}

export interface StatementOutput {
  columns: ResultColumn[];
  /** Every cell as Databricks' JSON_ARRAY format gives it: a string, or null. */
  rows: Array<Array<string | null>>;
}

export interface CatalogInfo {
  name: string;
  /** The attached DuckDB database. */
  duckName: string;
  comment?: string;
  createdAt: number;
}

export interface TableMeta {
  primaryKey?: PrimaryKey;
  comment?: string;
  createdAt: number;
}

const EMPTY: StatementOutput = { columns: [], rows: [] };

export class SqlEngine {
  readonly catalogs = new Map<string, CatalogInfo>();
  /** Declared primary keys and comments by `catalog.schema.table` (lower case, Databricks names). */
  readonly tables = new Map<string, TableMeta>();
  private admin!: DuckDBConnection;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly userName: string,
  ) {}

  static async create(userName: string): Promise<SqlEngine> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const engine = new SqlEngine(instance, userName);
    engine.admin = await instance.connect();
    registerSparkFunctions(engine.admin);
    // Spark sorts NULLs first in ascending order (DuckDB: last) and reads timestamps in UTC here.
    await engine.admin.run(`SET GLOBAL default_null_order = 'nulls_first_on_asc_last_on_desc'`);
    await engine.admin.run(`SET GLOBAL TimeZone = 'UTC'`);
    for (const ddl of META_DDL) await engine.admin.run(ddl);
    return engine;
  }

  catalogDuckName(name: string): string {
    return this.catalogs.get(name.toLowerCase())?.duckName ?? defaultCatalogName(name);
  }

  /** Creates an empty catalog with its `default` schema (CREATE CATALOG does the same). */
  async createCatalog(name: string, options: { ifNotExists?: boolean; comment?: string } = {}): Promise<void> {
    if (this.catalogs.has(name.toLowerCase())) {
      if (options.ifNotExists) return;
      throw new SqlError('CATALOG_ALREADY_EXISTS', `Cannot create catalog \`${name}\` because it already exists.`, '42P04');
    }
    const duckName = defaultCatalogName(name);
    await this.admin.run(`ATTACH ':memory:' AS ${duckIdent(duckName)}`);
    await this.admin.run(`CREATE SCHEMA IF NOT EXISTS ${duckIdent(duckName)}."default"`);
    this.catalogs.set(name.toLowerCase(), { name, duckName, comment: options.comment, createdAt: Date.now() });
  }

  /** Attaches a DuckDB database file as a catalog (read-only unless asked: tests seed from fixtures). */
  async attachDuckDbFile(name: string, path: string, options: { readOnly?: boolean } = {}): Promise<void> {
    const duckName = defaultCatalogName(name);
    await this.admin.run(`ATTACH ${duckString(path)} AS ${duckIdent(duckName)}${options.readOnly === false ? '' : ' (READ_ONLY)'}`);
    this.catalogs.set(name.toLowerCase(), { name, duckName, createdAt: Date.now() });
  }

  async dropCatalog(name: string, ifExists: boolean): Promise<void> {
    const info = this.catalogs.get(name.toLowerCase());
    if (!info) {
      if (ifExists) return;
      throw new SqlError('NO_SUCH_CATALOG_EXCEPTION', `The catalog '${name}' was not found.`, '42704');
    }
    await this.admin.run(`DETACH ${duckIdent(info.duckName)}`);
    this.catalogs.delete(name.toLowerCase());
  }

  async openSession(options: { catalog?: string; schema?: string } = {}): Promise<SqlSession> {
    const connection = await this.instance.connect();
    await installSparkMacros(connection);
    const session = new SqlSession(this, connection);
    const catalog = options.catalog ?? (this.catalogs.has('main') ? 'main' : [...this.catalogs.values()][0]?.name);
    if (catalog) await session.use(options.schema ? [catalog, options.schema] : [catalog], options.schema ? 'schema' : 'catalog');
    return session;
  }

  /** Runs Databricks SQL in a throw-away session (seeding data from tests). */
  async sql(statements: string): Promise<StatementOutput> {
    const session = await this.openSession();
    try {
      let last = EMPTY;
      for (const s of splitStatements(statements)) last = await session.execute(s);
      return last;
    } finally {
      session.close();
    }
  }

  /** Raw DuckDB access for the catalog views (Unity Catalog lists, information_schema). */
  async duckQuery(sql: string): Promise<Record<string, Json>[]> {
    const reader = await this.admin.runAndReadAll(sql);
    return reader.getRowObjectsJson();
  }

  close(): void {
    this.admin.closeSync();
    this.instance.closeSync();
  }
}

export class SqlSession {
  /** Declared variables: name → DuckDB type (undefined when declared without a type). */
  private readonly variables = new Map<string, string | undefined>();
  /** The Databricks catalog USE last selected. */
  private currentCatalog: string | undefined;
  private closed = false;

  constructor(
    private readonly engine: SqlEngine,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Executes one statement; `parameters` binds `:name` markers (undefined: markers are unbound). */
  async execute(statement: string, parameters?: ReadonlyMap<string, BoundParameter>): Promise<StatementOutput> {
    try {
      const plan = translateStatement(statement, {
        parameters,
        variables: new Set(this.variables.keys()),
        catalogName: (n) => this.engine.catalogDuckName(n),
        userName: this.engine.userName,
        informationSchema: (catalog, view) => {
          const name = catalog ?? this.currentCatalog;
          if (!name) throw new SqlError('NO_SUCH_CATALOG_EXCEPTION', 'No current catalog: qualify information_schema with a catalog.', '42704');
          return informationSchemaView([...this.engine.catalogs.values()], name, view, this.engine.userName);
        },
      });
      return await this.run(plan, statement);
    } catch (e) {
      throw toSqlError(e);
    }
  }

  interrupt(): void {
    if (!this.closed) this.connection.interrupt();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
  }

  async use(parts: string[], what: 'catalog' | 'schema' | 'any'): Promise<void> {
    let target: string[];
    if (what === 'catalog') {
      if (!this.engine.catalogs.has(parts[0]!.toLowerCase()))
        throw new SqlError('NO_SUCH_CATALOG_EXCEPTION', `The catalog '${parts[0]}' was not found. Please verify the catalog name and then retry the query or command again.`, '42704');
      const db = this.engine.catalogDuckName(parts[0]!);
      // a catalog's default schema; a DuckDB file attached as a catalog may only have DuckDB's `main`
      const hasDefault = (await this.rows(`SELECT 1 FROM duckdb_schemas() WHERE database_name = ${duckString(db)} AND schema_name = 'default'`)).length > 0;
      target = [db, parts[1] ?? (hasDefault ? 'default' : 'main')];
    } else if (parts.length >= 2) target = [this.engine.catalogDuckName(parts[0]!), parts[1]!];
    else {
      const [current] = await this.rows(`SELECT current_database() AS c`);
      target = [String(current!.c), parts[0]!];
    }
    try {
      await this.connection.run(`USE ${target.map(duckIdent).join('.')}`);
      this.currentCatalog = [...this.engine.catalogs.values()].find((c) => c.duckName.toLowerCase() === target[0]!.toLowerCase())?.name ?? target[0];
    } catch {
      throw new SqlError('SCHEMA_NOT_FOUND', `The schema \`${parts.join('`.`')}\` cannot be found. Verify the spelling and correctness of the schema and catalog.`, '42704');
    }
  }

  private async rows(sql: string): Promise<Record<string, Json>[]> {
    return (await this.connection.runAndReadAll(sql)).getRowObjectsJson();
  }

  private castTo(valueSql: string, type: string | undefined): string {
    return type ? `CAST((${valueSql}) AS ${type})` : `(${valueSql})`;
  }

  private async setVariable(name: string, valueSql: string): Promise<void> {
    if (!this.variables.has(name))
      throw new SqlError('UNRESOLVED_VARIABLE', `Cannot resolve variable \`${name}\` on search path \`system\`.\`session\`.`, '42883');
    await this.connection.run(`SET VARIABLE ${duckIdent(name)} = ${this.castTo(valueSql, this.variables.get(name))}`);
  }

  private async run(plan: Plan, statement: string): Promise<StatementOutput> {
    switch (plan.kind) {
      case 'noop':
        return EMPTY;
      case 'declare': {
        if (this.variables.has(plan.name) && !plan.replace)
          throw new SqlError('VARIABLE_ALREADY_EXISTS', `Cannot create the variable \`system\`.\`session\`.\`${plan.name}\` because it already exists.`, '42723');
        this.variables.set(plan.name, plan.type);
        const value = plan.valueSql ?? 'NULL';
        await this.connection.run(`SET VARIABLE ${duckIdent(plan.name)} = ${this.castTo(value, plan.type ?? (plan.valueSql ? undefined : 'VARCHAR'))}`);
        return EMPTY;
      }
      case 'set-exprs':
        for (const a of plan.assigns) await this.setVariable(a.name, a.valueSql);
        return EMPTY;
      case 'set-query': {
        for (const name of plan.names)
          if (!this.variables.has(name)) throw new SqlError('UNRESOLVED_VARIABLE', `Cannot resolve variable \`${name}\` on search path \`system\`.\`session\`.`, '42883');
        await this.connection.run(`CREATE OR REPLACE TEMP TABLE __dp_set_variable AS ${plan.querySql}`);
        const reader = await this.connection.runAndReadAll(`SELECT * FROM __dp_set_variable LIMIT 2`);
        const columns = reader.columnNames();
        if (columns.length !== plan.names.length)
          throw new SqlError('ASSIGNMENT_ARITY_MISMATCH', `The number of columns or variables assigned or aliased: ${plan.names.length} does not match the number of source expressions: ${columns.length}.`, '42802');
        if (reader.currentRowCount > 1) throw new SqlError('ROW_SUBQUERY_TOO_MANY_ROWS', 'More than one row returned by a subquery used as a row.', '21000');
        for (let k = 0; k < plan.names.length; k++)
          await this.setVariable(plan.names[k]!, `SELECT ${duckIdent(columns[k]!)} FROM __dp_set_variable`);
        await this.connection.run(`DROP TABLE __dp_set_variable`);
        return EMPTY;
      }
      case 'drop-variable':
        if (!this.variables.delete(plan.name) && !plan.ifExists)
          throw new SqlError('VARIABLE_NOT_FOUND', `The variable \`system\`.\`session\`.\`${plan.name}\` cannot be found.`, '42883');
        return EMPTY;
      case 'use':
        await this.use(plan.parts, plan.what);
        return EMPTY;
      case 'create-catalog':
        await this.engine.createCatalog(plan.name, { ifNotExists: plan.ifNotExists });
        return EMPTY;
      case 'drop-catalog':
        await this.engine.dropCatalog(plan.name, plan.ifExists);
        return EMPTY;
      case 'add-primary-key':
      case 'create-table': {
        if (plan.kind === 'create-table') await this.connection.run(plan.sql);
        const comment = plan.kind === 'create-table' ? plan.comment : undefined;
        const full = await this.databricksName(plan.table);
        const [db, schema, table] = await this.duckName(plan.table);
        const exists = await this.rows(`SELECT 1 FROM duckdb_tables() WHERE database_name = ${duckString(db)} AND schema_name = ${duckString(schema)} AND lower(table_name) = lower(${duckString(table)})`);
        if (exists.length === 0) throw new SqlError('TABLE_OR_VIEW_NOT_FOUND', `The table or view \`${full}\` cannot be found.`, '42P01');
        if (plan.primaryKey || comment) this.engine.tables.set(full, { ...this.engine.tables.get(full), primaryKey: plan.primaryKey, comment: comment ?? this.engine.tables.get(full)?.comment, createdAt: Date.now() });
        const quoted = [db, schema, table].map(duckIdent).join('.');
        if (comment !== undefined) await this.connection.run(`COMMENT ON TABLE ${quoted} IS ${duckString(comment)}`);
        await this.connection.run(`DELETE FROM ${PRIMARY_KEYS} WHERE database_name = ${duckString(db)} AND schema_name = ${duckString(schema)} AND lower(table_name) = lower(${duckString(table)})`);
        if (plan.primaryKey)
          await this.connection.run(
            `INSERT INTO ${PRIMARY_KEYS} VALUES (${duckString(db)}, ${duckString(schema)}, ${duckString(table)}, ${duckString(plan.primaryKey.name)}, [${plan.primaryKey.columns.map(duckString).join(', ')}])`,
          );
        return EMPTY;
      }
      case 'describe': {
        const [db, schema, table] = await this.duckName(plan.table);
        const found = await this.rows(`SELECT 1 FROM duckdb_tables() WHERE database_name = ${duckString(db)} AND schema_name = ${duckString(schema)} AND lower(table_name) = lower(${duckString(table)}) UNION ALL SELECT 1 FROM duckdb_views() WHERE database_name = ${duckString(db)} AND schema_name = ${duckString(schema)} AND lower(view_name) = lower(${duckString(table)})`);
        if (found.length === 0) throw new SqlError('TABLE_OR_VIEW_NOT_FOUND', `The table or view \`${await this.databricksName(plan.table)}\` cannot be found.`, '42P01');
        return this.query(
          `SELECT column_name AS col_name, dp_spark_type(data_type) AS data_type, comment FROM duckdb_columns() WHERE database_name = ${duckString(db)} AND schema_name = ${duckString(schema)} AND lower(table_name) = lower(${duckString(table)}) ORDER BY column_index`,
          'SELECT',
        );
      }
      case 'script': {
        let out = EMPTY;
        for (const sql of plan.sqls) out = await this.query(sql, statement);
        return out;
      }
      case 'query':
        return this.query(plan.sql, statement);
    }
  }

  /** database, schema, table of a (possibly partial, DuckDB-side) table name. */
  private async duckName(parts: string[]): Promise<[string, string, string]> {
    const [current] = await this.rows(`SELECT current_database() AS c, current_schema() AS s`);
    const full = parts.length >= 3 ? parts.slice(-3) : parts.length === 2 ? [String(current!.c), ...parts] : [String(current!.c), String(current!.s), ...parts];
    return [full[0]!, full[1]!, full[2]!];
  }

  /** catalog.schema.table of a (possibly partial, DuckDB-side) table name, in Databricks' names, lower case. */
  private async databricksName(parts: string[]): Promise<string> {
    const [current] = await this.rows(`SELECT current_database() AS c, current_schema() AS s`);
    const full = parts.length >= 3 ? parts.slice(-3) : parts.length === 2 ? [String(current!.c), ...parts] : [String(current!.c), String(current!.s), ...parts];
    const catalog = [...this.engine.catalogs.values()].find((c) => c.duckName.toLowerCase() === full[0]!.toLowerCase());
    return [catalog?.name ?? full[0]!, full[1]!, full[2]!].join('.').toLowerCase();
  }

  private async query(sql: string, statement: string): Promise<StatementOutput> {
    const reader = await this.connection.runAndReadAll(sql);
    const verb = /^\s*(\w+)/.exec(statement)?.[1]?.toUpperCase();
    if (verb === 'INSERT' || verb === 'UPDATE' || verb === 'DELETE' || verb === 'MERGE') {
      const count = String(reader.getRowsJson()[0]?.[0] ?? '0');
      return verb === 'INSERT'
        ? { columns: [{ name: 'num_affected_rows', sparkType: 'bigint' }, { name: 'num_inserted_rows', sparkType: 'bigint' }], rows: [[count, count]] }
        : { columns: [{ name: 'num_affected_rows', sparkType: 'bigint' }], rows: [[count]] };
    }
    if (verb === 'CREATE' || verb === 'DROP' || verb === 'ALTER' || verb === 'ATTACH') return EMPTY;
    const types = reader.columnTypes();
    const columns = reader.columnNames().map((name, k) => ({ name: sparkName(name), sparkType: sparkTypeOf(types[k]!) }));
    const rows = reader.getRowsJson().map((row) => row.map((cell, k) => cellText(cell, types[k]!)));
    return { columns, rows };
  }
}

function sparkTypeOf(type: DuckDBType): string {
  return type.alias === 'JSON' ? 'variant' : sparkTypeName(type.toString());
}

/** Java's Double.toString, which Spark uses for DOUBLE values. */
export function javaDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(v);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = v.toExponential().split('e');
  return `${mantissa!.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

function isoTimestamp(text: string): string {
  // DuckDB: 2024-01-01 10:00:00.123456 → 2024-01-01T10:00:00.123Z
  const m = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?/.exec(text);
  if (!m) return text;
  const millis = (m[3] ?? '.000').slice(1, 4).padEnd(3, '0');
  return `${m[1]}T${m[2]}.${millis}Z`;
}

/** A top-level cell as Databricks' JSON_ARRAY result gives it. */
function cellText(value: Json, type: DuckDBType): string | null {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return value ? 'true' : 'false';
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT:
      return typeof value === 'number' ? javaDouble(value) : String(value);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_S:
      return isoTimestamp(String(value));
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
      return jsonText(value, type);
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/** A nested value as JSON text (numbers unquoted, timestamps ISO strings). */
function jsonText(value: Json, type: DuckDBType): string {
  if (value === null) return 'null';
  const t = type as DuckDBType & { valueType?: DuckDBType; entryNames?: string[]; entryTypes?: DuckDBType[]; keyType?: DuckDBType };
  switch (type.typeId) {
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return `[${(value as Json[]).map((v) => jsonText(v, t.valueType!)).join(',')}]`;
    case DuckDBTypeId.STRUCT: {
      const obj = value as Record<string, Json>;
      return `{${t.entryNames!.map((name, k) => `${JSON.stringify(name)}:${jsonText(obj[name] ?? null, t.entryTypes![k]!)}`).join(',')}}`;
    }
    case DuckDBTypeId.MAP:
      return `{${(value as Array<{ key: Json; value: Json }>).map((e) => `${JSON.stringify(String(e.key))}:${jsonText(e.value, t.valueType!)}`).join(',')}}`;
    case DuckDBTypeId.BOOLEAN:
      return value ? 'true' : 'false';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.DECIMAL:
      return String(value);
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT:
      return typeof value === 'number' ? javaDouble(value) : JSON.stringify(String(value));
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return JSON.stringify(isoTimestamp(String(value)));
    default:
      if (type.alias === 'JSON') return String(value);
      return JSON.stringify(typeof value === 'string' ? value : String(value));
  }
}
