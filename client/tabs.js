// inkstone: tab groups ({% tabs %} in Jekyll posts). The page holds each group as stacked panels with
// their names as headings, which is what a reader without JavaScript gets; here each group becomes a
// tab list (WAI-ARIA's tabs pattern): buttons with role="tab", one panel shown, Left/Right/Home/End
// move between tabs, and the choice is kept in sync across groups of the same name on the page.
(() => {
  const groups = [...document.querySelectorAll('div.tabs')];
  const byName = new Map();

  const select = (group, index, focus) => {
    group.tabs.forEach((tab, i) => {
      const chosen = i === index;
      tab.setAttribute('aria-selected', String(chosen));
      tab.tabIndex = chosen ? 0 : -1;
      group.panels[i].hidden = !chosen;
    });
    if (focus) group.tabs[index].focus();
  };

  // jekyll-tabs keeps groups of one name on the same tab: choosing "js" in one shows "js" in the others.
  const choose = (group, index, focus) => {
    select(group, index, focus);
    const label = group.tabs[index].textContent;
    for (const other of byName.get(group.name) ?? []) {
      if (other === group) continue;
      const match = other.tabs.findIndex((tab) => tab.textContent === label);
      if (match >= 0) select(other, match, false);
    }
  };

  groups.forEach((element, g) => {
    const panels = [...element.children].filter((child) => child.classList.contains('tab-panel'));
    if (panels.length === 0) return;
    const list = document.createElement('div');
    list.className = 'tab-list';
    list.setAttribute('role', 'tablist');
    const name = element.dataset.tabs || '';
    if (name) list.setAttribute('aria-label', name);
    const group = { name, tabs: [], panels };
    panels.forEach((panel, i) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.className = 'tab';
      tab.setAttribute('role', 'tab');
      tab.id = `tabs-${g + 1}-tab-${i + 1}`;
      panel.id = panel.id || `tabs-${g + 1}-panel-${i + 1}`;
      tab.setAttribute('aria-controls', panel.id);
      tab.textContent = panel.dataset.tab || `Tab ${i + 1}`;
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', tab.id);
      panel.tabIndex = 0;
      const title = panel.querySelector(':scope > .tab-title');
      if (title) title.hidden = true;
      tab.addEventListener('click', () => choose(group, i, false));
      tab.addEventListener('keydown', (event) => {
        const last = panels.length - 1;
        const next = { ArrowRight: i === last ? 0 : i + 1, ArrowLeft: i === 0 ? last : i - 1, Home: 0, End: last }[
          event.key
        ];
        if (next === undefined) return;
        event.preventDefault();
        choose(group, next, true);
      });
      group.tabs.push(tab);
      list.append(tab);
    });
    element.prepend(list);
    element.classList.add('tabs-ready');
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name).push(group);
    select(group, 0, false);
  });
})();
