/** The part of citation-js's API inkstone uses (the packages ship no types). */
declare module '@citation-js/core' {
  /** A CSL-JSON item, as citation-js gives it. */
  export interface CslItem {
    id: string;
    type?: string;
    title?: string;
    author?: Array<{ family?: string; given?: string; literal?: string }>;
    editor?: Array<{ family?: string; given?: string; literal?: string }>;
    issued?: { 'date-parts'?: Array<Array<number | string>>; literal?: string };
    [field: string]: unknown;
  }
  export class Cite {
    static async(data: unknown, options?: { forceType?: string }): Promise<Cite>;
    constructor(data: unknown);
    data: CslItem[];
    format(type: 'bibliography' | 'citation' | 'bibtex', options?: Record<string, unknown>): string;
  }
  export const logger: { setLevel?(level: string): void; level: unknown };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
