/**
 * The SQL identifier a custom SQL test name becomes (DataPact 2.x `make_sql_identifier`): two names that
 * become the same identifier would collide in the generated SQL, so the loader refuses them.
 */
export function makeSqlIdentifier(name: string, prefix = 'custom_sql'): string {
  let id = name.trim().replace(/\s+/g, '_').replace(/\W/g, '_').replace(/_+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();
  if (!id) return prefix;
  if (/^[0-9]/.test(id)) id = `${prefix}_${id}`;
  return id;
}
