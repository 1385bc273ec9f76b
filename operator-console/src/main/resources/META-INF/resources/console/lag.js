// Lag of every projection over time, while the page is open: asks /projections/state at the page's refresh
// interval and draws one uPlot chart per projection. Each chart's data-samples counts the points drawn.
(function () {
  const charts = document.getElementById('charts');
  if (!charts) return;
  const every = parseInt(charts.dataset.refresh, 10) || 2000;
  const series = {};
  const plots = {};

  function plot(key, box) {
    const data = series[key];
    if (!plots[key]) {
      plots[key] = new uPlot({
        width: 620, height: 180,
        series: [{}, { label: 'events behind', stroke: '#1565c0', width: 2 }],
        axes: [{}, { label: 'events' }],
      }, [data.t, data.lag], box);
    } else {
      plots[key].setData([data.t, data.lag]);
    }
    box.dataset.samples = String(data.t.length);
  }

  function sample() {
    fetch('/projections/state', { credentials: 'same-origin' })
      .then(r => r.json())
      .then(state => {
        (state.projections || []).forEach(p => {
          const s = series[p.key] || (series[p.key] = { t: [], lag: [] });
          s.t.push(state.at);
          s.lag.push(p.lag_events || 0);
          if (s.t.length > 300) { s.t.shift(); s.lag.shift(); }
          // A rebuild's and an audit's progress, live, as the console words them.
          const row = document.querySelector('tr.projection[data-key="' + CSS.escape(p.key) + '"]');
          if (row) {
            row.querySelector('td.building').textContent = p.building;
            row.querySelector('td.audit').textContent = p.audit;
          }
          const box = charts.querySelector('[data-chart="' + CSS.escape(p.key) + '"]');
          if (box) plot(p.key, box);
        });
      })
      .catch(() => {})
      .finally(() => setTimeout(sample, every));
  }
  sample();
})();
