/** The Node-side finishing of widget SVGs and the JSON reader of widget fences. */
import { describe, expect, it } from 'vitest';
import type { WidgetError } from '../../src/widgets/errors.js';
import { parseJsonSource } from '../../src/widgets/json-source.js';
import { finishSvg } from '../../src/widgets/svg.js';

describe('finishSvg', () => {
  it('numbers every id after the figure id, follows url(#), href="#" and the root\'s aria references, and drops roles inside', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" id="lib-root" viewBox="0 0 10 10" aria-labelledby="t other"><defs><clipPath id="c0"><rect width="5" height="5"/></clipPath>' +
      '<linearGradient id="g:1"/></defs><title id="t">Sales</title><g clip-path="url(#c0)" fill="url(\'#g:1\')" role="graphics-symbol" aria-label="bars"><use href="#c0"/><text>A &amp; B</text></g></svg>';
    expect(finishSvg(svg, { id: 'fig', scheme: 'light', label: 'chart' })).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" aria-labelledby="fig-3 other" id="fig" role="img"><style>@media (prefers-color-scheme: dark){:root:not([data-theme=light]) #fig{display:none}}:root[data-theme=dark] #fig{display:none}</style>' +
        '<defs><clipPath id="fig-1"><rect width="5" height="5"/></clipPath><linearGradient id="fig-2"/></defs><title id="fig-3">Sales</title>' +
        '<g clip-path="url(#fig-1)" fill="url(#fig-2)"><use href="#fig-1"/><text>A &amp; B</text></g></svg>',
    );
  });

  it('removes scripts, style sheets, foreign content, event handlers and script or data links', () => {
    const svg =
      '<svg><script>alert(1)</script><style>.a:hover{fill:red}</style><foreignObject><div>x</div></foreignObject>' +
      '<a href="javascript:alert(2)"><rect onclick="alert(3)" onmouseover="x"/></a><a xlink:href=" java\0script:x">y</a>' +
      '<image href="data:text/html,x"/><a href="https://example.org/">ok</a><!-- note --></svg>';
    expect(finishSvg(svg, { id: 'w', scheme: 'both', label: 'map' })).toBe(
      '<svg id="w" role="img" aria-label="map"><a><rect/></a><a>y</a><image/><a href="https://example.org/">ok</a></svg>',
    );
  });

  it('hides the dark drawing outside the dark scheme, keeps a label the SVG has, and refuses a non-SVG', () => {
    expect(finishSvg('<svg aria-label="own"/>', { id: 'x-dark', scheme: 'dark', label: 'chart' })).toBe(
      '<svg aria-label="own" id="x-dark" role="img"><style>@media not (prefers-color-scheme: dark){:root:not([data-theme=dark]) #x-dark{display:none}}:root[data-theme=light] #x-dark{display:none}</style></svg>',
    );
    expect(() => finishSvg('<div>no</div>', { id: 'x', scheme: 'both', label: 'chart' })).toThrow(
      'the library returned no SVG',
    );
  });
});

describe('parseJsonSource', () => {
  const failure = (source: string) => {
    try {
      parseJsonSource(source);
    } catch (error) {
      const e = error as WidgetError;
      return [e.message, e.line, e.column];
    }
    return undefined;
  };

  it('reads JSON as JSON.parse does', () => {
    expect(parseJsonSource('{"a": [1, 2]}')).toEqual({ a: [1, 2] });
  });

  it('locates the first error at its line and column, whether or not V8 gives a position', () => {
    expect(failure('{\n  "a": 1,\n  "b": [1, 2,]\n}')).toEqual(["not valid JSON: Unexpected token ']'", 3, 14]);
    expect(failure('{\n  "a" 1\n}')).toEqual(["not valid JSON: Expected ':' after property name", 2, 7]);
    expect(failure('{"a": "x')).toEqual(['not valid JSON: Unterminated string', 1, 7]);
    expect(failure('')).toEqual(['not valid JSON: Unexpected end of JSON input', 1, 1]);
    expect(failure('{"a": 1}\n// comment')).toEqual([
      'not valid JSON: Unexpected non-whitespace character after JSON',
      2,
      1,
    ]);
  });
});
