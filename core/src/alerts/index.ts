/** `datapact setup-alert`: a Databricks SQL alert over alert_history (re-exported by the core barrel). */
export * from './alert-destination';
export * from './alert-schedule';
export * from './alert-definition';
export * from './ensure-alert';
export { setupAlert } from './setup-alert';
