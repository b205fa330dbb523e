// Types of generate-demo-data.mjs, which the editor's "Open the Demo" bundles as well as `npm run demo` runs it.
export declare const DEMO_DATA_VERSION: string;
/** Builds demo-data/legacy.duckdb and lakehouse.duckdb in `folder` unless current; true when it built them. */
export declare function ensureDemoData(folder: string): Promise<boolean>;
