// inkstone: the colour scheme button. The reader's choice (system, light or dark) is kept in
// localStorage and applied as <html data-theme>, which the theme's CSS, code, and the light and dark
// drawings of diagrams follow; without a choice (or without JavaScript) the system's setting applies.
// The choice is applied before the first paint by a line in the page's <head>; this script only
// shows the button and changes the choice. Removing the attribute means "follow the system".
(() => {
  const KEY = 'inkstone-theme';
  const ORDER = ['system', 'light', 'dark'];
  const NAMES = { system: 'System', light: 'Light', dark: 'Dark' };
  const ICONS = { system: '◐', light: '☀', dark: '☾' };
  const root = document.documentElement;
  const current = () =>
    root.dataset.theme === 'light' || root.dataset.theme === 'dark' ? root.dataset.theme : 'system';
  const store = (choice) => {
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      // Storage refused (private mode, blocked cookies): the choice holds for this page only.
    }
  };
  const show = (button, choice) => {
    button.querySelector('.theme-toggle-icon').textContent = ICONS[choice];
    button.querySelector('.theme-toggle-name').textContent = NAMES[choice];
    button.setAttribute('aria-label', `Colour scheme: ${NAMES[choice]}`);
  };
  for (const button of document.querySelectorAll('[data-theme-toggle]')) {
    show(button, current());
    button.hidden = false;
    button.addEventListener('click', () => {
      const next = ORDER[(ORDER.indexOf(current()) + 1) % ORDER.length];
      if (next === 'system') delete root.dataset.theme;
      else root.dataset.theme = next;
      store(next);
      for (const other of document.querySelectorAll('[data-theme-toggle]')) show(other, next);
      document.dispatchEvent(new CustomEvent('inkstone:theme', { detail: { theme: next } }));
    });
  }
})();
