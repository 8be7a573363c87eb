// inkstone: interactive charts, for sites and posts that ask for them (widgets.interactive). Each such
// figure holds the chart drawn at build time (what a reader without JavaScript, a feed reader or a
// printer gets) and its source as JSON. Here the chart's library, served by the site itself next to
// this script, draws a live chart in its place, in the reader's colour scheme, which the reader can
// hover and zoom. A chart that fails to draw keeps its static drawing.
(() => {
  const here = document.currentScript ? document.currentScript.src : '';
  const libraries = {
    chartjs: ['chart.js/chart.umd.min.js'],
    echarts: ['echarts/echarts.min.js'],
    plotly: ['plotly.js-dist-min/plotly.min.js'],
    vega_lite: ['vega/vega.min.js', 'vega-lite/vega-lite.min.js'],
    geojson: ['leaflet/leaflet.css', 'leaflet/leaflet.js'],
  };
  const loaded = new Map();
  const load = (file) => {
    if (!loaded.has(file)) {
      loaded.set(
        file,
        new Promise((resolve, reject) => {
          const url = new URL(`../widgets/${file}`, here).href;
          const element = file.endsWith('.css') ? document.createElement('link') : document.createElement('script');
          if (file.endsWith('.css')) {
            element.rel = 'stylesheet';
            element.href = url;
          } else element.src = url;
          element.onload = resolve;
          element.onerror = () => reject(new Error(`cannot load ${file}`));
          document.head.append(element);
        }),
      );
    }
    return loaded.get(file);
  };
  // The reader's choice on the page (theme-toggle.js), else the system's scheme.
  const chosen = document.documentElement.dataset.theme;
  const dark = chosen ? chosen === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
  const text = dark ? '#d0d4da' : '#3b4148';
  const lines = dark ? '#4a5058' : 'rgba(0, 0, 0, 0.12)';

  const draw = {
    chartjs(box, spec, size) {
      const canvas = document.createElement('canvas');
      box.append(canvas);
      window.Chart.defaults.color = text;
      window.Chart.defaults.scale.grid.color = lines;
      window.Chart.defaults.scale.border.color = lines;
      const options = spec.options || {};
      box.style.aspectRatio = `${size.width} / ${size.height}`;
      new window.Chart(canvas, { ...spec, options: { ...options, maintainAspectRatio: false } });
    },
    echarts(box, spec, size) {
      box.style.aspectRatio = `${size.width} / ${size.height}`;
      const chart = window.echarts.init(box, dark ? 'dark' : undefined, { renderer: 'svg' });
      chart.setOption({ backgroundColor: 'transparent', ...spec });
      new ResizeObserver(() => chart.resize()).observe(box);
    },
    plotly(box, spec, size) {
      box.style.aspectRatio = `${size.width} / ${size.height}`;
      const layout = spec.layout || {};
      const axis = (name) => ({ gridcolor: lines, zerolinecolor: lines, linecolor: lines, ...(layout[name] || {}) });
      return window.Plotly.newPlot(
        box,
        spec.data || [],
        {
          paper_bgcolor: 'rgba(0,0,0,0)',
          plot_bgcolor: 'rgba(0,0,0,0)',
          ...layout,
          font: { color: text, ...(layout.font || {}) },
          xaxis: axis('xaxis'),
          yaxis: axis('yaxis'),
          autosize: true,
          width: undefined,
          height: undefined,
        },
        { responsive: true, displaylogo: false },
      );
    },
    vega_lite(box, spec) {
      const config = dark
        ? {
            background: null,
            axis: { domainColor: text, gridColor: lines, tickColor: text, labelColor: text, titleColor: text },
            legend: { labelColor: text, titleColor: text },
            title: { color: text },
            view: { stroke: lines },
          }
        : { background: null };
      const compiled = window.vegaLite.compile(spec, { config }).spec;
      // The data stays what the page was built with: nothing is fetched.
      const loader = window.vega.loader();
      loader.load = () => Promise.reject(new Error('data is not fetched'));
      return new window.vega.View(window.vega.parse(compiled), {
        renderer: 'svg',
        container: box,
        hover: true,
        loader,
      }).runAsync();
    },
  };

  // A map on the tiles the site configured (widgets.map_tiles), each feature's name in its popup.
  draw.geojson = (box, spec, size, source) => {
    box.style.aspectRatio = `${size.width} / ${size.height}`;
    const L = window.L;
    const map = L.map(box, { scrollWheelZoom: false });
    L.tileLayer(source.dataset.tiles, { attribution: source.dataset.attribution || '' }).addTo(map);
    const layer = L.geoJSON(spec, {
      style: { color: dark ? '#6cb6ff' : '#0b5cad', weight: 2 },
      onEachFeature: (feature, shape) => {
        const name = feature.properties?.name;
        if (name !== undefined) shape.bindPopup(document.createTextNode(String(name)));
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [16, 16], maxZoom: 14 });
  };

  for (const source of document.querySelectorAll('figure.diagram > script.widget-source')) {
    const figure = source.parentElement;
    const kind = source.dataset.widget;
    if (!draw[kind]) continue;
    const still = figure.querySelector('svg');
    const size = still
      ? { width: Number(still.getAttribute('width')) || 720, height: Number(still.getAttribute('height')) || 400 }
      : { width: 720, height: 400 };
    let spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch {
      continue;
    }
    libraries[kind]
      .reduce((chain, file) => chain.then(() => load(file)), Promise.resolve())
      .then(() => {
        const box = document.createElement('div');
        box.className = 'widget-live';
        box.setAttribute('role', 'img');
        box.setAttribute('aria-label', still?.getAttribute('aria-label') || 'chart');
        box.style.maxWidth = `${size.width}px`;
        figure.append(box);
        return Promise.resolve(draw[kind](box, spec, size, source)).then(
          () => figure.classList.add('widget-drawn'),
          (error) => {
            box.remove();
            throw error;
          },
        );
      })
      .catch((error) => console.warn(`inkstone: this ${kind} chart stays static:`, error));
  }
})();
