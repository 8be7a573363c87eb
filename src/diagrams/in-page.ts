/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The code that runs inside the headless page: renders one diagram with the mermaid bundle and makes
 * its SVG safe to inline. It is serialised by Playwright, so it must not use anything from outside
 * its own body.
 */

/** One diagram to render. `id` becomes the SVG's id and the prefix of all ids inside it. */
export interface MermaidJob {
  id: string;
  source: string;
}

/** An SVG, or mermaid's error with the diagram line it names (1-based) when it names one. */
export type MermaidResult = { ok: true; svg: string } | { ok: false; message: string; line: number | undefined };

/** Which colour scheme a rendering is for, and the mermaid theme to use. */
export interface MermaidVariant {
  scheme: 'light' | 'dark';
  theme: string;
}

/** What the page function receives. */
export interface PageInput {
  job: MermaidJob;
  variant: MermaidVariant;
  font: string;
  /** mermaid's `maxTextSize` and `maxEdges`, set explicitly so that our messages can name them. */
  limits: { maxTextSize: number; maxEdges: number };
  /** The rule that hides the drawing in the other colour scheme (see core/color-scheme.ts). */
  hideRule: string;
}

/** Runs inside the page: must be self-contained (it is serialised by Playwright). */
export async function renderInPage({ job, variant, font, limits, hideRule }: PageInput): Promise<MermaidResult> {
  type Mermaid = {
    initialize(config: Record<string, unknown>): void;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
  const mermaid = (window as unknown as { mermaid: Mermaid }).mermaid;
  // securityLevel is in mermaid's default `secure` list, so a %%{init}%% directive cannot change it.
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: variant.theme,
    fontFamily: font,
    themeVariables: { fontFamily: font },
    suppressErrorRendering: true,
    maxTextSize: limits.maxTextSize,
    maxEdges: limits.maxEdges,
  });
  const dangerousElements = new Set([
    'script',
    'iframe',
    'object',
    'embed',
    'frame',
    'frameset',
    'link',
    'meta',
    'base',
  ]);
  const linkAttributes = new Set(['href', 'xlink:href', 'src', 'action', 'formaction']);

  const finish = (svgText: string, rootId: string): string => {
    const template = document.createElement('template');
    template.innerHTML = svgText;
    const root = template.content.querySelector('svg');
    if (!root) throw new Error('mermaid returned no SVG');
    for (const element of [...root.querySelectorAll('*')]) {
      if (dangerousElements.has(element.localName)) {
        element.remove();
        continue;
      }
      for (const attribute of [...element.attributes]) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value.trim().toLowerCase();
        if (name.startsWith('on') || (linkAttributes.has(name) && /^(javascript|vbscript|data):/.test(value))) {
          element.removeAttribute(attribute.name);
        }
      }
    }
    // Prefix every id with the root id, keeping them unique, and follow every reference.
    const renamed = new Map<string, string>();
    const used = new Set<string>([rootId]);
    for (const element of root.querySelectorAll('[id]')) {
      const old = element.id;
      let next = old.startsWith(rootId) ? old : `${rootId}-${old.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      for (let n = 2; used.has(next); n++) next = `${next.replace(/~\d+$/, '')}~${n}`;
      used.add(next);
      if (!renamed.has(old)) renamed.set(old, next);
      element.id = next;
    }
    const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const changed = [...renamed].filter(([old, next]) => old !== next);
    if (changed.length > 0) {
      for (const element of [root, ...root.querySelectorAll('*')]) {
        for (const attribute of [...element.attributes]) {
          let value = attribute.value;
          if (!value.includes('#') && !/^aria-(labelledby|describedby)$/.test(attribute.name)) continue;
          for (const [old, next] of changed) {
            value = value.split(`url(#${old})`).join(`url(#${next})`);
            if (value === `#${old}`) value = `#${next}`;
            if (/^aria-(labelledby|describedby)$/.test(attribute.name)) {
              value = value
                .split(/\s+/)
                .map((token: string) => (token === old ? next : token))
                .join(' ');
            }
          }
          if (value !== attribute.value) element.setAttribute(attribute.name, value);
        }
      }
      for (const style of root.querySelectorAll('style')) {
        let css = style.textContent ?? '';
        for (const [old, next] of changed)
          css = css.replace(new RegExp(`#${escapeRe(old)}(?![\\w-])`, 'g'), `#${next}`);
        style.textContent = css;
      }
    }
    if (!root.getAttribute('aria-labelledby') && !root.getAttribute('aria-label')) {
      const kind = (root.getAttribute('aria-roledescription') ?? 'diagram')
        .replace(/-v\d+$/, '')
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase();
      root.setAttribute('aria-label', `${kind} diagram`);
    }
    // mermaid lets a diagram shrink to any width, which makes a wide one unreadable on a phone: it
    // may shrink to 40rem at most, and the figure scrolls sideways below that.
    const natural = /^([\d.]+)px$/.exec(root.style.maxWidth)?.[1];
    if (natural) root.style.minWidth = `min(${natural}px, 40rem)`;
    // Shown only in its own colour scheme: no script, no flash.
    const hide = document.createElement('style');
    hide.textContent = hideRule;
    root.insertBefore(hide, root.firstChild);
    return root.outerHTML;
  };

  try {
    const { svg } = await mermaid.render(job.id, job.source);
    return { ok: true, svg: finish(svg, job.id) };
  } catch (error) {
    const text = String((error as Error)?.message ?? error);
    const lines = text
      .split('\n')
      .filter((l) => l.trim() !== '' && !/^[-.]*\^?$/.test(l.trim()) && !l.startsWith('...'));
    const lineMatch = /on line (\d+)/.exec(text);
    return {
      ok: false,
      message: lines.length > 1 ? `${lines[0]} ${lines[lines.length - 1]}` : (lines[0] ?? text),
      line: lineMatch ? Number(lineMatch[1]) : undefined,
    };
  } finally {
    document.body.replaceChildren();
  }
}
