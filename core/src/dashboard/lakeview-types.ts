/**
 * The subset of Lakeview's `serialized_dashboard` JSON that DataPact writes (shapes from official exports; see
 * docs: databricks-rest-api §8.2). Grid: 6 columns wide, rows grow downward.
 */

export interface LakeviewDataset {
  /** Referenced by widget queries. */
  name: string;
  displayName: string;
  /** The query split in lines, each keeping its trailing newline (Lakeview concatenates them verbatim). */
  queryLines: string[];
}

export interface WidgetField {
  /** What encodings reference. */
  name: string;
  /** A Lakeview expression over the dataset's columns, e.g. `` `failed` ``. */
  expression: string;
}

export interface WidgetQuery {
  name: string;
  query: { datasetName: string; fields: WidgetField[]; disaggregated: boolean };
}

export interface Encoding {
  fieldName: string;
  displayName?: string;
  scale?: { type: 'quantitative' | 'categorical' | 'temporal' };
}

export interface TableColumn extends Encoding {
  title: string;
  type: 'string' | 'integer' | 'float' | 'datetime';
  displayAs: 'string' | 'number' | 'datetime';
  visible: true;
  order: number;
}

export interface WidgetSpec {
  version: number;
  widgetType: 'counter' | 'bar' | 'line' | 'table';
  encodings: Record<string, unknown>;
  frame: { showTitle: boolean; title: string; showDescription?: boolean; description?: string };
  itemsPerPage?: number;
  condensed?: boolean;
  withRowNumber?: boolean;
}

export interface Widget {
  name: string;
  queries?: WidgetQuery[];
  spec?: WidgetSpec;
  multilineTextboxSpec?: { lines: string[] };
}

export interface LayoutItem {
  widget: Widget;
  position: { x: number; y: number; width: number; height: number };
}

export interface LakeviewPage {
  name: string;
  displayName: string;
  pageType: 'PAGE_TYPE_CANVAS';
  layout: LayoutItem[];
}

export interface LakeviewDashboard {
  datasets: LakeviewDataset[];
  pages: LakeviewPage[];
}

/** Grid width of a Lakeview page. */
export const GRID_COLUMNS = 6;
