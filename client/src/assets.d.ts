/** Pact files bundled as text by the build (esbuild's text loader for .yml): the demo pact. */
declare module '*.pact.yml' {
  const text: string;
  export default text;
}
