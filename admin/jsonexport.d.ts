// jsonexport comes with react-admin (ra-core's default exporter uses it) and ships no types.
declare module 'jsonexport/dist/index.js' {
  interface JsonExportOptions {
    /** Column order, by key. */
    headers?: string[];
    /** The header text of each column of `headers`, in the same order. */
    rename?: string[];
    /** The separator between cells. */
    rowDelimiter?: string;
    endOfLine?: string;
  }
  export default function jsonExport(json: object[], options: JsonExportOptions, callback: (error: Error | null, csv: string) => void): void;
}
