// inkstone: the search box. The header's button, or "/" anywhere outside a text field, opens the
// dialog (layouts/partials/search.njk); the Pagefind library and index of the site (in the folder
// the dialog's data-bundle names) load on first use, so a reader who never searches downloads
// nothing. Results show the post's title, date, tags and an excerpt with the matched words marked;
// Enter opens the first result, the arrow keys move between results, and Esc closes (the dialog gives
// the focus back to where it was).
(() => {
  const dialog = document.querySelector('[data-search]');
  if (!dialog || typeof dialog.showModal !== 'function') return;
  const form = dialog.querySelector('form');
  const input = dialog.querySelector('input[type=search]');
  const status = dialog.querySelector('[role=status]');
  const list = dialog.querySelector('.search-results');
  const bundle = dialog.dataset.bundle;
  // A large site's index comes in shards (see src/search/shards.ts): the others are merged into this one.
  const shards = (dialog.dataset.shards ?? '').split(' ').filter(Boolean);
  const base = dialog.dataset.base ?? '/';
  const language = document.documentElement.lang || undefined;
  let engine;
  let latest = 0;

  // The library, loaded once; a failure (no index yet, offline) is tried again on the next search.
  const load = () => {
    engine ??= import(`${bundle}pagefind.js`).then(async (pagefind) => {
      await pagefind.options({ excerptLength: 28, baseUrl: base });
      await pagefind.init();
      for (const shard of shards) await pagefind.mergeIndex(shard, { baseUrl: base });
      return pagefind;
    });
    engine.catch(() => {
      engine = undefined;
    });
    return engine;
  };

  const open = () => {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load().catch(() => undefined);
  };

  // Pagefind's excerpts are escaped text with <mark> around matches: rebuilt from text nodes and marks
  // only, so nothing else of an excerpt can become markup.
  const excerpt = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    const out = document.createDocumentFragment();
    for (const node of template.content.childNodes) {
      if (node.nodeName === 'MARK') {
        const mark = document.createElement('mark');
        mark.textContent = node.textContent;
        out.append(mark);
      } else out.append(node.textContent);
    }
    return out;
  };

  const element = (tag, className, text) => {
    const el = document.createElement(tag);
    el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  };

  const formatDate = (iso) => {
    const date = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) return '';
    return date.toLocaleDateString(language, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  };

  const result = (data) => {
    const item = element('li', 'search-result');
    const link = element('a', 'search-result-title', data.meta.title || data.url);
    link.href = data.url;
    item.append(link);
    const about = [data.meta.date && formatDate(data.meta.date), data.meta.terms].filter(Boolean).join(' · ');
    if (about) item.append(element('p', 'search-result-meta', about));
    const text = element('p', 'search-result-excerpt');
    text.append(excerpt(data.excerpt));
    item.append(text);
    // Sections of the post where the words are, when they are not just its beginning.
    const sections = (data.sub_results ?? []).filter((s) => s.url.includes('#') && s.title).slice(0, 3);
    if (sections.length > 0) {
      const inner = element('ul', 'search-result-sections');
      for (const section of sections) {
        const li = document.createElement('li');
        const a = element('a', '', section.title);
        a.href = section.url;
        li.append(a);
        inner.append(li);
      }
      item.append(inner);
    }
    return item;
  };

  const search = async (query) => {
    const mine = ++latest;
    if (query.trim() === '') {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    let pagefind;
    try {
      pagefind = await load();
    } catch {
      if (mine === latest) status.textContent = 'Search is not available right now: its index could not be loaded.';
      return;
    }
    const found = await pagefind.debouncedSearch(query, {}, 120);
    if (found === null || mine !== latest) return;
    const shown = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    if (mine !== latest) return;
    list.replaceChildren(...shown.map(result));
    const total = found.results.length;
    status.textContent =
      total === 0
        ? `No posts match “${query}”.`
        : `${total} ${total === 1 ? 'post matches' : 'posts match'} “${query}”${total > shown.length ? `; the first ${shown.length} are shown` : ''}.`;
  };

  const links = () => [...list.querySelectorAll('.search-result-title')];

  for (const button of document.querySelectorAll('[data-search-open]')) {
    button.hidden = false;
    button.addEventListener('click', open);
  }
  dialog.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
  // A click on the backdrop (the dialog itself, outside its panel) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  input.addEventListener('input', () => search(input.value));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const first = links()[0];
    if (first) first.click();
  });
  dialog.addEventListener('keydown', (event) => {
    // In a search field with text, Esc would only clear it: here it closes the box at once.
    if (event.key === 'Escape') {
      event.preventDefault();
      dialog.close();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    if (all.length === 0) return;
    const at = all.indexOf(document.activeElement);
    event.preventDefault();
    if (event.key === 'ArrowDown') all[at < 0 ? 0 : Math.min(at + 1, all.length - 1)].focus();
    else if (at <= 0) input.focus();
    else all[at - 1].focus();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)))
      return;
    event.preventDefault();
    open();
  });
})();
