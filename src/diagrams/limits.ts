/**
 * The bounds on one diagram. The size limits are mermaid's own defaults, set explicitly in the page so
 * that our warnings can name them; the time limit is `diagrams.timeout`.
 */

/** Longest diagram source rendered, in characters (mermaid's `maxTextSize`); a longer one is shown as source. */
export const MAX_DIAGRAM_CHARACTERS = 50_000;

/** Most edges a flowchart may have (mermaid's `maxEdges`); one with more is shown as source. */
export const MAX_DIAGRAM_EDGES = 500;

/** Default of `diagrams.timeout`: the seconds one diagram may take to render, light or dark. */
export const DEFAULT_DIAGRAM_TIMEOUT_S = 10;
