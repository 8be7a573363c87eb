/**
 * The live-reload client, injected into every HTML page the dev server sends (never into the site
 * itself). It listens to the server's event stream and reloads the page when its own file changed,
 * swaps stylesheets in place when only CSS changed, and shows or hides the error overlay.
 */
import { escapeHtml } from '../core/html.js';
import { OVERLAY_ID } from './overlay.js';

/** The URL path of the live-reload event stream. */
export const EVENTS_PATH = '/__inkstone/events';

/** What the injected script needs to know about the page it is in. */
export interface ClientPage {
  /** The output path of the file served (`404.html` for a missing page). */
  served: string;
  /** The output path that was asked for (differs from `served` on a 404: the page reloads when it appears). */
  wanted: string;
  /** The served site's generation when the page was sent. */
  generation: number;
}

/** The client, as the source of a classic script. It reads its settings from its own `data-` attributes. */
const CLIENT_SOURCE = `(function () {
  var script = document.currentScript;
  var served = script.getAttribute('data-served');
  var wanted = script.getAttribute('data-wanted');
  var generation = Number(script.getAttribute('data-generation'));
  var root = document.documentElement;
  function overlay(html) {
    var element = document.getElementById(${JSON.stringify(OVERLAY_ID)});
    if (html === null) { if (element) element.remove(); return; }
    if (!element) {
      element = document.createElement('div');
      element.id = ${JSON.stringify(OVERLAY_ID)};
      element.style.cssText = 'position:fixed;inset:0;z-index:2147483647';
      root.appendChild(element);
    }
    element.innerHTML = html;
  }
  function swapStylesheets(paths) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin || paths.indexOf(url.pathname) < 0) continue;
      var fresh = link.cloneNode();
      url.searchParams.set('inkstone', String(Date.now()));
      fresh.href = url.pathname + url.search;
      fresh.addEventListener('load', function (old) { return function () { old.remove(); }; }(link));
      link.after(fresh);
    }
  }
  var source = new EventSource(${JSON.stringify(EVENTS_PATH)});
  source.onmessage = function (event) {
    var message = JSON.parse(event.data);
    if (message.type === 'hello') {
      if (message.generation !== generation) { location.reload(); return; }
      root.setAttribute('data-inkstone-live', 'connected');
    } else if (message.type === 'errors') {
      overlay(message.html);
    } else if (message.type === 'ok') {
      overlay(null);
    } else if (message.type === 'update') {
      if (message.all || message.pages.indexOf(served) >= 0 || message.pages.indexOf(wanted) >= 0) { location.reload(); return; }
      generation = message.generation;
      if (message.css.length > 0) swapStylesheets(message.css);
    }
  };
  source.onerror = function () { root.setAttribute('data-inkstone-live', 'reconnecting'); };
})();`;

/** The `<script>` element for `page`. */
export function clientScript(page: ClientPage): string {
  const attrs = `data-served="${escapeHtml(page.served)}" data-wanted="${escapeHtml(page.wanted)}" data-generation="${page.generation}"`;
  return `<script data-inkstone-dev ${attrs}>${CLIENT_SOURCE}</script>`;
}

/** `html` with the client script before its last `</body>` (or at its end). */
export function injectClient(html: string, page: ClientPage): string {
  const script = clientScript(page);
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at === -1 ? `${html}${script}` : `${html.slice(0, at)}${script}${html.slice(at)}`;
}
