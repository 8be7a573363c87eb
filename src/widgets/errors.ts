/** A widget's source that its library refused: the message, and where in the source (1-based, from the line after the fence). */
export class WidgetError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'WidgetError';
  }
}

/** A WidgetError for anything a library threw, keeping the first line of its message. */
export function asWidgetError(error: unknown): WidgetError {
  if (error instanceof WidgetError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new WidgetError(text.split('\n')[0]!.trim() || 'the library failed without a message', undefined, undefined);
}

/** A widget that took longer than the time limit: never cached, since that depends on the machine. */
export class WidgetTimeout extends Error {
  constructor() {
    super('the widget took longer than the time limit');
    this.name = 'WidgetTimeout';
  }
}
