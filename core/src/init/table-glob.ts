/** `--tables 'ord*'`: shell-style wildcards (`*` any run, `?` one character) over table names, ignoring case. */
export function globMatcher(glob: string): (name: string) => boolean {
  const pattern = [...glob].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  const regex = new RegExp(`^${pattern}$`, 'is');
  return (name) => regex.test(name);
}
