/**
 * The highlighter's HTML, pinned byte for byte (a change to how blocks are tokenised or themed must not
 * change a page), and compared with Shiki's own two-theme rendering, which tokenises once per theme.
 */
import { createHighlighter, createJavaScriptRegexEngine } from 'shiki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../../src/config/schema.js';
import { type CodeHighlighter, createCodeHighlighter, MAX_HIGHLIGHTED_LINE } from '../../src/markdown/highlighter.js';
import { renderPost } from '../../src/markdown/render-post.js';
import { createMarkdownSet } from '../../src/markdown/renderer.js';
import type { Post } from '../../src/types.js';
import { testPost } from '../helpers/markdown.js';

const PINNED: Array<{
  language: string;
  code: string;
  options?: { highlightLines?: number[]; lineNumbers?: boolean };
  html: string;
}> = [
  {
    language: 'python',
    code: 'def mean(xs: list[float]) -> float:\n    """Average."""\n    return sum(xs) / len(xs)  # not empty',
    html: '<pre class="shiki shiki-themes github-light github-dark" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0"><code><span class="line"><span style="color:#D73A49;--shiki-dark:#F97583">def</span><span style="color:#6F42C1;--shiki-dark:#B392F0"> mean</span><span style="color:#24292E;--shiki-dark:#E1E4E8">(xs: list[</span><span style="color:#005CC5;--shiki-dark:#79B8FF">float</span><span style="color:#24292E;--shiki-dark:#E1E4E8">]) -> </span><span style="color:#005CC5;--shiki-dark:#79B8FF">float</span><span style="color:#24292E;--shiki-dark:#E1E4E8">:</span></span>\n<span class="line"><span style="color:#032F62;--shiki-dark:#9ECBFF">    """Average."""</span></span>\n<span class="line"><span style="color:#D73A49;--shiki-dark:#F97583">    return</span><span style="color:#005CC5;--shiki-dark:#79B8FF"> sum</span><span style="color:#24292E;--shiki-dark:#E1E4E8">(xs) </span><span style="color:#D73A49;--shiki-dark:#F97583">/</span><span style="color:#005CC5;--shiki-dark:#79B8FF"> len</span><span style="color:#24292E;--shiki-dark:#E1E4E8">(xs)  </span><span style="color:#6A737D;--shiki-dark:#6A737D"># not empty</span></span></code></pre>',
  },
  {
    language: 'python',
    code: 'for i in range(3):\n    print(f"{i}")',
    options: { highlightLines: [2] },
    html: '<pre class="shiki shiki-themes github-light github-dark has-highlighted" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0"><code><span class="line"><span style="color:#D73A49;--shiki-dark:#F97583">for</span><span style="color:#24292E;--shiki-dark:#E1E4E8"> i </span><span style="color:#D73A49;--shiki-dark:#F97583">in</span><span style="color:#005CC5;--shiki-dark:#79B8FF"> range</span><span style="color:#24292E;--shiki-dark:#E1E4E8">(</span><span style="color:#005CC5;--shiki-dark:#79B8FF">3</span><span style="color:#24292E;--shiki-dark:#E1E4E8">):</span></span>\n<span class="line highlighted"><span style="color:#005CC5;--shiki-dark:#79B8FF">    print</span><span style="color:#24292E;--shiki-dark:#E1E4E8">(</span><span style="color:#D73A49;--shiki-dark:#F97583">f</span><span style="color:#032F62;--shiki-dark:#9ECBFF">"</span><span style="color:#005CC5;--shiki-dark:#79B8FF">{</span><span style="color:#24292E;--shiki-dark:#E1E4E8">i</span><span style="color:#005CC5;--shiki-dark:#79B8FF">}</span><span style="color:#032F62;--shiki-dark:#9ECBFF">"</span><span style="color:#24292E;--shiki-dark:#E1E4E8">)</span></span></code></pre>',
  },
  {
    language: 'rust',
    code: 'fn main() {\n    let v: Vec<u8> = (0..=3).collect();\n    println!("{v:?}");\n}',
    options: { highlightLines: [1, 3], lineNumbers: true },
    html: '<pre class="shiki shiki-themes github-light github-dark line-numbers has-highlighted" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0"><code><span class="line highlighted"><span style="color:#D73A49;--shiki-dark:#F97583">fn</span><span style="color:#6F42C1;--shiki-dark:#B392F0"> main</span><span style="color:#24292E;--shiki-dark:#E1E4E8">() {</span></span>\n<span class="line"><span style="color:#D73A49;--shiki-dark:#F97583">    let</span><span style="color:#24292E;--shiki-dark:#E1E4E8"> v</span><span style="color:#D73A49;--shiki-dark:#F97583">:</span><span style="color:#6F42C1;--shiki-dark:#B392F0"> Vec</span><span style="color:#24292E;--shiki-dark:#E1E4E8">&#x3C;</span><span style="color:#6F42C1;--shiki-dark:#B392F0">u8</span><span style="color:#24292E;--shiki-dark:#E1E4E8">> </span><span style="color:#D73A49;--shiki-dark:#F97583">=</span><span style="color:#24292E;--shiki-dark:#E1E4E8"> (</span><span style="color:#005CC5;--shiki-dark:#79B8FF">0</span><span style="color:#D73A49;--shiki-dark:#F97583">..=</span><span style="color:#005CC5;--shiki-dark:#79B8FF">3</span><span style="color:#24292E;--shiki-dark:#E1E4E8">)</span><span style="color:#D73A49;--shiki-dark:#F97583">.</span><span style="color:#6F42C1;--shiki-dark:#B392F0">collect</span><span style="color:#24292E;--shiki-dark:#E1E4E8">();</span></span>\n<span class="line highlighted"><span style="color:#6F42C1;--shiki-dark:#B392F0">    println!</span><span style="color:#24292E;--shiki-dark:#E1E4E8">(</span><span style="color:#032F62;--shiki-dark:#9ECBFF">"{v:?}"</span><span style="color:#24292E;--shiki-dark:#E1E4E8">);</span></span>\n<span class="line"><span style="color:#24292E;--shiki-dark:#E1E4E8">}</span></span></code></pre>',
  },
  {
    language: 'ts',
    code: "const a = <T,>(x: T): T => x; // id\nexport type U = keyof typeof a | 'b' | `c`;",
    html: '<pre class="shiki shiki-themes github-light github-dark" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0"><code><span class="line"><span style="color:#D73A49;--shiki-dark:#F97583">const</span><span style="color:#6F42C1;--shiki-dark:#B392F0"> a</span><span style="color:#D73A49;--shiki-dark:#F97583"> =</span><span style="color:#24292E;--shiki-dark:#E1E4E8"> &#x3C;</span><span style="color:#6F42C1;--shiki-dark:#B392F0">T</span><span style="color:#24292E;--shiki-dark:#E1E4E8">,>(</span><span style="color:#E36209;--shiki-dark:#FFAB70">x</span><span style="color:#D73A49;--shiki-dark:#F97583">:</span><span style="color:#6F42C1;--shiki-dark:#B392F0"> T</span><span style="color:#24292E;--shiki-dark:#E1E4E8">)</span><span style="color:#D73A49;--shiki-dark:#F97583">:</span><span style="color:#6F42C1;--shiki-dark:#B392F0"> T</span><span style="color:#D73A49;--shiki-dark:#F97583"> =></span><span style="color:#24292E;--shiki-dark:#E1E4E8"> x; </span><span style="color:#6A737D;--shiki-dark:#6A737D">// id</span></span>\n<span class="line"><span style="color:#D73A49;--shiki-dark:#F97583">export</span><span style="color:#D73A49;--shiki-dark:#F97583"> type</span><span style="color:#6F42C1;--shiki-dark:#B392F0"> U</span><span style="color:#D73A49;--shiki-dark:#F97583"> =</span><span style="color:#D73A49;--shiki-dark:#F97583"> keyof</span><span style="color:#D73A49;--shiki-dark:#F97583"> typeof</span><span style="color:#24292E;--shiki-dark:#E1E4E8"> a </span><span style="color:#D73A49;--shiki-dark:#F97583">|</span><span style="color:#032F62;--shiki-dark:#9ECBFF"> \'b\'</span><span style="color:#D73A49;--shiki-dark:#F97583"> |</span><span style="color:#032F62;--shiki-dark:#9ECBFF"> `c`</span><span style="color:#24292E;--shiki-dark:#E1E4E8">;</span></span></code></pre>',
  },
  {
    language: 'bash',
    code: 'set -euo pipefail\nfor f in *.csv; do echo "$f" | wc -l; done',
    html: '<pre class="shiki shiki-themes github-light github-dark" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0"><code><span class="line"><span style="color:#005CC5;--shiki-dark:#79B8FF">set</span><span style="color:#005CC5;--shiki-dark:#79B8FF"> -euo</span><span style="color:#032F62;--shiki-dark:#9ECBFF"> pipefail</span></span>\n<span class="line"><span style="color:#D73A49;--shiki-dark:#F97583">for</span><span style="color:#24292E;--shiki-dark:#E1E4E8"> f </span><span style="color:#D73A49;--shiki-dark:#F97583">in</span><span style="color:#032F62;--shiki-dark:#9ECBFF"> *.csv</span><span style="color:#24292E;--shiki-dark:#E1E4E8">; </span><span style="color:#D73A49;--shiki-dark:#F97583">do</span><span style="color:#005CC5;--shiki-dark:#79B8FF"> echo</span><span style="color:#032F62;--shiki-dark:#9ECBFF"> "</span><span style="color:#24292E;--shiki-dark:#E1E4E8">$f</span><span style="color:#032F62;--shiki-dark:#9ECBFF">"</span><span style="color:#D73A49;--shiki-dark:#F97583"> |</span><span style="color:#6F42C1;--shiki-dark:#B392F0"> wc</span><span style="color:#005CC5;--shiki-dark:#79B8FF"> -l</span><span style="color:#24292E;--shiki-dark:#E1E4E8">; </span><span style="color:#D73A49;--shiki-dark:#F97583">done</span></span></code></pre>',
  },
  {
    language: 'bash',
    code: 'echo one # [!code --]\necho two # [!code ++]',
    options: { lineNumbers: true },
    html: '<pre class="shiki shiki-themes github-light github-dark has-diff line-numbers" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0"><code><span class="line diff remove"><span style="color:#005CC5;--shiki-dark:#79B8FF">echo</span><span style="color:#032F62;--shiki-dark:#9ECBFF"> one</span></span>\n<span class="line diff add"><span style="color:#005CC5;--shiki-dark:#79B8FF">echo</span><span style="color:#032F62;--shiki-dark:#9ECBFF"> two</span></span></code></pre>',
  },
];

/** Blocks whose grammars embed others, inject, or have long and odd lines, for the comparison with Shiki. */
const VARIED: Array<[string, string]> = [
  [
    'python',
    'import numpy as np\n\n@dataclass\nclass P:\n    x: int = 0\n    def f(self, *a, **k) -> "P":\n        return rf"\\d{self.x}" if a else None',
  ],
  [
    'rust',
    "#[derive(Debug)]\nstruct S<'a> { s: &'a str }\nimpl<'a> S<'a> {\n    fn n(&self) -> usize { self.s.len() } // len\n}\nmacro_rules! m { ($x:expr) => { $x * 2 }; }",
  ],
  [
    'typescript',
    'enum E { A = 1 }\nabstract class C<T extends object> implements I {\n  #p?: T;\n  @dec() m(): asserts this is D { return; }\n}\nconst re = /a(?<n>b)+/giu;',
  ],
  ['bash', `cat <<EOF > out.txt\n$HOME $\{PATH:-x} $(date)\nEOF\n[[ -f a ]] && echo "ok" || exit 1`],
  [
    'markdown',
    '# Title\n\nSome *emphasis* and `code`.\n\n```python\ndef f():\n    return 1\n```\n\n```js\nconsole.log("x")\n```\n\n> quote with [link](http://x.y)',
  ],
  [
    'html',
    '<!doctype html>\n<style>\n  body { color: #333; margin: 0 auto }\n</style>\n<script>\n  const x = 1 < 2 && "a";\n</script>\n<p class="a">Hello &amp; <b>bye</b></p>',
  ],
  ['php', '<?php\n$a = [1, 2];\necho "x {$a[0]}";\n?>\n<div><?= htmlspecialchars($a) ?></div>'],
  ['diff', '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-old\n+new\n context'],
  ['sql', "WITH t AS (SELECT 1 AS a)\nSELECT a, 'it''s' FROM t -- c\nWHERE a IN (1, 2);"],
  [
    'c',
    `#define N 10\nint main(void) {\n  char *s = "${'x'.repeat(MAX_HIGHLIGHTED_LINE + 5)}";\n  return s[0] == 'x' ? 0 : 1;\n}`,
  ],
  ['yaml', 'a: &anchor\n  b: [1, "two", three]\n  c: |\n    literal\n<<: *anchor'],
  ['javascript', 'if (a < b && c > d) {\r\n\tconsole.log("é 😀 &amp; \u0007");\r\n\r\n   \r\n}  '],
];

const THEME_PAIRS = [
  { light: 'github-light-default', dark: 'github-dark-default' },
  { light: 'github-light-high-contrast', dark: 'catppuccin-mocha' },
];

describe('the highlighter', () => {
  let highlighter: CodeHighlighter;
  beforeAll(async () => {
    highlighter = await createCodeHighlighter({ light: 'github-light', dark: 'github-dark' });
    await highlighter.loadLanguages(PINNED.map((p) => p.language));
  });
  afterAll(() => highlighter.dispose());

  it('gives the pinned HTML for python, rust, ts and bash, with and without emphasised lines', () => {
    for (const pin of PINNED) expect(highlighter.highlight(pin.code, pin.language, pin.options)).toBe(pin.html);
  });

  it('tokenises once and gives what Shiki gives with two passes, for both site themes', async () => {
    const languages = VARIED.map(([language]) => language);
    const shiki = await createHighlighter({
      themes: THEME_PAIRS.flatMap((pair) => [pair.light, pair.dark]),
      langs: languages,
      engine: createJavaScriptRegexEngine(),
    });
    try {
      for (const themes of THEME_PAIRS) {
        const ours = await createCodeHighlighter(themes);
        try {
          await ours.loadLanguages(languages);
          for (const [language, code] of VARIED) {
            const expected = shiki.codeToHtml(code, {
              lang: language,
              themes,
              defaultColor: 'light',
              tokenizeMaxLineLength: MAX_HIGHLIGHTED_LINE,
              tokenizeTimeLimit: 0,
            });
            expect(ours.highlight(code, language), `${language} in ${themes.light}`).toBe(expected);
          }
        } finally {
          ours.dispose();
        }
      }
    } finally {
      shiki.dispose();
    }
  });

  it('knows languages before Shiki starts, and asks for loadLanguages before highlighting', async () => {
    const lazy = await createCodeHighlighter({ light: 'github-light', dark: 'github-dark' });
    try {
      expect(lazy.isKnown('python')).toBe(true);
      expect(lazy.isKnown('sh')).toBe(true);
      expect(lazy.isKnown('klingon')).toBe(false);
      expect(() => lazy.highlight('x', 'text')).toThrow(/loadLanguages/);
      await lazy.loadLanguages([]);
      expect(lazy.highlight('x', 'text')).toContain('<span>x</span>');
    } finally {
      lazy.dispose();
    }
  });
});

describe('starting the highlighter', () => {
  const post = (body: string): Post => testPost(body);

  it('is left alone by posts without code, diagrams included, and started by any code block', async () => {
    const loads: string[][] = [];
    const stub: CodeHighlighter = {
      isKnown: (language) => language === 'python',
      loadLanguages: async (languages) => void loads.push([...languages]),
      highlight: (code) => `<pre>${code}</pre>`,
      dispose: () => undefined,
    };
    const markdown = createMarkdownSet(siteConfigSchema.parse({}), { highlighter: stub });
    await renderPost(post('Prose with `inline code`.\n\n```mermaid\ngraph LR\n  A --> B\n```\n'), markdown, stub);
    expect(loads).toEqual([]);
    await renderPost(post('    indented\n'), markdown, stub);
    await renderPost(post('```\nno language\n```\n'), markdown, stub);
    await renderPost(post('```python\nx = 1\n```\n'), markdown, stub);
    expect(loads).toEqual([[], [], ['python']]);
  });
});
