// inkstone: a region of the page that scrolls sideways (a wide formula, a long code line, a wide
// table, a diagram) is reachable with the keyboard while, and only while, it overflows: it joins
// the tab order with a name ("Equation (3)", "Code: rust", "Table", "Diagram") and the arrow keys
// scroll it once focused, as for any focused scroller. A region that fits is left out of the tab
// order, so a post with forty formulas does not cost forty tab stops. Without JavaScript, code
// blocks keep the tabindex they are written with and browsers make other scrollers focusable.
(() => {
  const KINDS = [
    ['.math-display, .math-fallback-display', () => 'Equation'],
    ['pre', (el) => nameOfCode(el)],
    ['table', () => 'Table'],
    ['.diagram', (el) => captionOf(el) ?? 'Diagram'],
    ['.nb-output', () => 'Output'],
    ['[data-scroll-region]', (el) => el.getAttribute('data-scroll-region') || 'Scrolling region'],
  ];
  const MARK = 'data-inkstone-scroll';

  function nameOfCode(pre) {
    const language = pre.closest('[data-language]')?.getAttribute('data-language');
    return language && language !== 'text' ? `Code: ${language}` : 'Code';
  }

  function captionOf(el) {
    const caption = el.querySelector('figcaption');
    const text = caption?.textContent.trim();
    return text ? `Diagram: ${text}` : undefined;
  }

  const overflows = (el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
  const named = (el) => el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');

  // What this script added to a region, so that it can take exactly that away again.
  function enable(el, name) {
    const added = [];
    if (!el.hasAttribute('tabindex')) {
      el.setAttribute('tabindex', '0');
      added.push('tabindex');
    }
    if (!named(el)) {
      // A table names itself; any other element needs a role that can carry a name.
      if (el.tagName !== 'TABLE' && el.tagName !== 'FIGURE' && !el.hasAttribute('role')) {
        el.setAttribute('role', 'group');
        added.push('role');
      }
      el.setAttribute('aria-label', name);
      added.push('aria-label');
    }
    el.setAttribute(MARK, added.join(' '));
  }

  function disable(el) {
    for (const attribute of (el.getAttribute(MARK) ?? '').split(' ')) if (attribute) el.removeAttribute(attribute);
    el.removeAttribute(MARK);
  }

  // One query for every kind, in document order; an element takes the name of the first kind it matches.
  const regions = [...document.querySelectorAll(`main :is(${KINDS.map(([selector]) => selector).join(', ')})`)].map(
    (el) => ({
      el,
      name: KINDS.find(([selector]) => el.matches(selector))[1],
      fixed: el.getAttribute('tabindex') === '0',
    }),
  );

  function update() {
    for (const region of regions) {
      const { el } = region;
      const wide = overflows(el);
      if (region.fixed) {
        // Written focusable (Shiki's code blocks): out of the tab order while it fits, named while it does not.
        el.setAttribute('tabindex', wide ? '0' : '-1');
        if (wide && !named(el)) enable(el, region.name(el));
        else if (!wide && el.hasAttribute(MARK)) disable(el);
      } else if (wide && !el.hasAttribute(MARK)) enable(el, region.name(el));
      else if (!wide && el.hasAttribute(MARK)) disable(el);
    }
  }

  update();
  if ('ResizeObserver' in window) {
    let pending = false;
    const observer = new ResizeObserver(() => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        update();
      });
    });
    for (const { el } of regions) observer.observe(el);
  }
  // Web fonts change widths after the first layout.
  document.fonts?.ready.then(update);
})();
