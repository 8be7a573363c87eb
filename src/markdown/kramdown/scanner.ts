/**
 * A string scanner in the manner of Ruby's StringScanner, which kramdown's parsers are written
 * against: match at the current position, advance, look at the groups of the last match.
 * Like Ruby's (whose `fixed_anchor` is off), `^` also matches at the position itself, even in the
 * middle of a line: patterns run on the text from the position on (an O(1) slice in V8).
 * Patterns are compiled once with the sticky flag so they only match at the position.
 */

/** A pattern for the scanner: a RegExp whose `^` means "start of a line" (Ruby's meaning). */
export type Pattern = RegExp;

/**
 * The scanner's compiled forms of patterns, by source and flags. Compiling a regular expression costs
 * more than running it on a paragraph, and the parsers build some patterns as they go (a stop pattern
 * per emphasis), so one cache lives as long as its markdown-it and is shared by every post.
 */
export class PatternCache {
  private readonly compiled = new Map<string, { sticky: RegExp; search: RegExp }>();
  private readonly byObject = new WeakMap<RegExp, { sticky: RegExp; search: RegExp }>();

  /** The sticky (match at the position) and global (search ahead) forms of `re`. */
  variants(re: RegExp): { sticky: RegExp; search: RegExp } {
    // By identity first: most patterns are constants, and hashing a long source on every call costs.
    let found = this.byObject.get(re);
    if (found) return found;
    const key = `${re.flags}/${re.source}`;
    found = this.compiled.get(key);
    if (!found) {
      const flags = [...new Set(`${re.flags.replace(/[gy]/g, '')}mu`)].join('');
      found = { sticky: new RegExp(re.source, `${flags}y`), search: new RegExp(re.source, `${flags}g`) };
      this.compiled.set(key, found);
    }
    this.byObject.set(re, found);
    return found;
  }

  /** `make()` once per `key`: for patterns built from parts. */
  pattern(key: string, make: () => RegExp): RegExp {
    const found = this.compiled.get(`built/${key}`);
    if (found) return found.sticky;
    const made = make();
    this.compiled.set(`built/${key}`, { sticky: made, search: made });
    return made;
  }
}

/** Scans `text` from `pos`; `firstLine` is the 0-based body line of the text's first line. */
export class Scanner {
  pos = 0;
  /** Groups of the last successful match (index 0 is the whole match). */
  groups: Array<string | undefined> = [];
  named: Record<string, string | undefined> = {};
  matched = '';
  private lineStarts: number[] | undefined;

  constructor(
    readonly text: string,
    readonly firstLine = 0,
    readonly cache = new PatternCache(),
  ) {}

  eos(): boolean {
    return this.pos >= this.text.length;
  }

  /** Matches at the position without advancing. */
  check(re: Pattern): string | undefined {
    return this.run(this.cache.variants(re).sticky)?.[0];
  }

  /** True when `re` matches at the position (groups are not kept). */
  matches(re: Pattern): boolean {
    const sticky = this.cache.variants(re).sticky;
    sticky.lastIndex = 0;
    return sticky.test(this.text.slice(this.pos));
  }

  /** Matches at the position and advances past the match. */
  scan(re: Pattern): string | undefined {
    const found = this.check(re);
    if (found !== undefined) this.pos += found.length;
    return found;
  }

  /** Advances to the end of the next match of `re` anywhere ahead; returns the text passed over, match included. */
  scanUntil(re: Pattern): string | undefined {
    const m = this.run(this.cache.variants(re).search);
    if (!m) return undefined;
    const start = this.pos;
    this.pos += m.index + m[0].length;
    return this.text.slice(start, this.pos);
  }

  /** Runs `compiled` on the text from the position and keeps the groups of a match. */
  private run(compiled: RegExp): RegExpExecArray | null {
    compiled.lastIndex = 0;
    const m = compiled.exec(this.text.slice(this.pos));
    if (m) {
      this.groups = [...m];
      this.named = { ...(m.groups ?? {}) };
      this.matched = m[0];
    }
    return m;
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  terminate(): void {
    this.pos = this.text.length;
  }

  getch(): string {
    const ch = String.fromCodePoint(this.text.codePointAt(this.pos) ?? 0);
    this.pos += ch.length;
    return this.text.slice(this.pos - ch.length, this.pos);
  }

  /** 0-based body line of the position. */
  line(at = this.pos): number {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return this.firstLine + lo;
  }
}
