/** How a long build says how far it has got: the CLI draws it as a line on a terminal (cli/progress-line.ts). */

/** The stages that report progress, in the order they run. */
export type ProgressStage = 'posts' | 'diagrams' | 'images' | 'cards' | 'pages' | 'writing';

/** Called as a stage goes: `done` of `total` items (posts rendered, diagrams drawn, images made ready, cards drawn, pages rendered, files written). */
export type ProgressReport = (stage: ProgressStage, done: number, total: number) => void;

/** A report that says nothing: the default of every stage. */
export const noProgress: ProgressReport = () => undefined;
