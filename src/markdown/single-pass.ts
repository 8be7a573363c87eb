/**
 * Two themes, one tokenisation: the Shiki primitive the highlighter (highlighter.ts) renders through.
 * Reads vscode-textmate 10's grammar internals (typed below); a rename there fails loudly in
 * test/markdown/highlighter.test.ts, which compares every block with Shiki's own output.
 */
import type { Grammar, ShikiPrimitive } from 'shiki';
import type {
  EncodedTokenMetadata as Metadata,
  ITokenizeLineResult,
  ITokenizeLineResult2,
  StateStack,
} from 'shiki/textmate';

/**
 * Deepest scope nesting Shiki highlights. Every token carries the names of all its enclosing scopes,
 * so a block that keeps opening brackets costs the square of its depth (96 lines of 100 `{a:` took 25 s
 * and 1.5 GB); real code stays far below this, and a deeper block is shown plain.
 */
export const MAX_SCOPE_DEPTH = 200;

/** A block nests deeper than MAX_SCOPE_DEPTH: it is shown without highlighting. */
export class TooDeepError extends Error {}

/**
 * Two themes, one tokenisation. Shiki tokenises a block once per theme (`tokenizeLine2` with the
 * theme set), and most of that time goes to the grammar's regular expressions, which do not depend
 * on the theme. This primitive hands Shiki grammars whose `tokenizeLine2` runs the grammar once per
 * line (`tokenizeLine`, which gives each token's scope names) and, for each theme, builds from the
 * scopes the same binary tokens vscode-textmate would have: everything after the tokens (colours,
 * the merging of the two themes, transformers) is Shiki's own code, unchanged.
 *
 * A binary token's metadata is, in vscode-textmate 10, a fold over its scope names: the root's
 * (`AttributedScopeStack.createRootAndLookUpScopeName` over the theme's defaults), then each scope
 * pushed (`_pushAttributed`: `mergeAttributes(parent, grammar.getMetadataForScope(name),
 * themeMatch(path))`), then the balanced-bracket and token-type flags (`LineTokens.produceFromScopes`);
 * consecutive tokens with equal metadata are one binary token. The theme is the one Shiki has just
 * set on the registry (`themeProvider`), so matching is vscode-textmate's own. Results are cached
 * per grammar, theme and scope path.
 */
export function singlePassPrimitive(
  primitive: ShikiPrimitive,
  metadata: typeof Metadata,
): { primitive: ShikiPrimitive; forget(): void } {
  /** The theme Shiki set last: the one whose tokens it asks for. */
  let theme = '';
  /** This block's lines, by the state they start in: each is tokenised for the first theme, then reused. */
  let lines = new Map<StateStack | null, Map<string, ITokenizeLineResult>>();
  const views = new WeakMap<Grammar, Grammar>();
  /** Scope path tries: grammar → theme → root scope → node. */
  const tries = new WeakMap<Grammar, Map<string, Map<string, ScopeNode>>>();

  const view = (grammar: Grammar): Grammar => {
    const internals = grammar as unknown as GrammarInternals;
    const rootsFor = (): Map<string, ScopeNode> => {
      let byTheme = tries.get(grammar);
      if (!byTheme) tries.set(grammar, (byTheme = new Map()));
      let roots = byTheme.get(theme);
      if (!roots) byTheme.set(theme, (roots = new Map()));
      return roots;
    };
    const attributesOf = (parent: number, path: ScopeNode): number => {
      const basic = internals.getMetadataForScope(path.scopeName);
      const style = internals.themeProvider.themeMatch(path);
      return metadata.set(
        parent,
        basic.languageId,
        basic.tokenType,
        null,
        style ? style.fontStyle : -1,
        style ? style.foregroundId : 0,
        style ? style.backgroundId : 0,
      );
    };
    const nodeOf = (roots: Map<string, ScopeNode>, scopes: readonly string[]): ScopeNode => {
      let node = roots.get(scopes[0]!);
      if (!node) {
        const defaults = internals._basicScopeAttributesProvider.getDefaultAttributes();
        const style = internals.themeProvider.getDefaults();
        const initial = metadata.set(
          0,
          defaults.languageId,
          defaults.tokenType,
          null,
          style.fontStyle,
          style.foregroundId,
          style.backgroundId,
        );
        node = { parent: null, scopeName: scopes[0]!, attributes: 0, children: new Map() };
        node.attributes = attributesOf(initial, node);
        roots.set(scopes[0]!, node);
      }
      for (let i = 1; i < scopes.length; i++) {
        const name = scopes[i]!;
        let child: ScopeNode | undefined = node.children.get(name);
        if (!child) {
          child = { parent: node, scopeName: name, attributes: 0, children: new Map() };
          child.attributes = attributesOf(node.attributes, child);
          node.children.set(name, child);
        }
        node = child;
      }
      return node;
    };
    const metadataOf = (node: ScopeNode, scopes: string[]): number => {
      if (node.metadata !== undefined) return node.metadata;
      let result = node.attributes;
      const brackets = internals.balancedBracketSelectors;
      let balanced = brackets?.matchesAlways === true;
      if (internals._tokenTypeMatchers.length > 0 || (brackets && !brackets.matchesAlways && !brackets.matchesNever)) {
        for (const type of internals._tokenTypeMatchers)
          if (type.matcher(scopes)) result = metadata.set(result, 0, type.type, null, -1, 0, 0);
        if (brackets) balanced = brackets.match(scopes);
      }
      if (balanced) result = metadata.set(result, 0, 8, true, -1, 0, 0);
      node.metadata = result;
      return result;
    };
    const single = {
      name: grammar.name,
      tokenizeLine: (line: string, state: StateStack | null, timeLimit?: number) =>
        grammar.tokenizeLine(line, state, timeLimit),
      tokenizeLine2(line: string, state: StateStack | null, timeLimit?: number): ITokenizeLineResult2 {
        let byText = lines.get(state);
        if (!byText) lines.set(state, (byText = new Map()));
        let scoped = byText.get(line);
        if (!scoped) {
          // The nesting only grows inside a line: past the bound, the rest of the block would cost its square.
          if (state && (state as unknown as { depth: number }).depth > MAX_SCOPE_DEPTH) throw tooDeep();
          scoped = grammar.tokenizeLine(line, state, timeLimit);
          if (scoped.tokens.some((token) => token.scopes.length > MAX_SCOPE_DEPTH)) throw tooDeep();
          byText.set(line, scoped);
        }
        const roots = rootsFor();
        const binary: number[] = [];
        for (const token of scoped.tokens) {
          const value = metadataOf(nodeOf(roots, token.scopes), token.scopes);
          if (binary.length > 0 && binary[binary.length - 1] === value) continue;
          binary.push(token.startIndex, value);
        }
        return { tokens: Uint32Array.from(binary), ruleStack: scoped.ruleStack, stoppedEarly: scoped.stoppedEarly };
      },
    };
    return single as unknown as Grammar;
  };

  return {
    primitive: {
      ...primitive,
      setTheme(name) {
        const set = primitive.setTheme(name);
        theme = set.theme.name;
        return set;
      },
      getLanguage(name) {
        const grammar = primitive.getLanguage(name);
        let single = views.get(grammar);
        if (!single) views.set(grammar, (single = view(grammar)));
        return single;
      },
    },
    forget() {
      lines = new Map();
    },
  };
}

const tooDeep = () => new TooDeepError(`its code nests more than ${MAX_SCOPE_DEPTH} levels deep`);

/** A scope path (the shape vscode-textmate's `Theme.match` reads: `scopeName` and `parent`) and its metadata for one theme. */
interface ScopeNode {
  parent: ScopeNode | null;
  scopeName: string;
  /** `AttributedScopeStack.tokenAttributes` of this path. */
  attributes: number;
  /** The binary token metadata of a token with exactly this path (the attributes and the flags). */
  metadata?: number;
  children: Map<string, ScopeNode>;
}

interface StyleAttributes {
  fontStyle: number;
  foregroundId: number;
  backgroundId: number;
}

/** What vscode-textmate 10's Grammar has besides its public interface, read by `singlePassPrimitive`. */
interface GrammarInternals {
  readonly themeProvider: {
    getDefaults(): StyleAttributes;
    themeMatch(path: ScopeNode): StyleAttributes | null;
  };
  getMetadataForScope(scope: string): { languageId: number; tokenType: number };
  readonly balancedBracketSelectors: {
    matchesAlways: boolean;
    matchesNever: boolean;
    match(scopes: string[]): boolean;
  } | null;
  readonly _tokenTypeMatchers: ReadonlyArray<{ matcher: (scopes: string[]) => boolean; type: number }>;
  readonly _basicScopeAttributesProvider: { getDefaultAttributes(): { languageId: number; tokenType: number } };
}
