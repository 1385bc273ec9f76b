// The platform's live charts: asks /platform/now at the page's refresh interval and turns each pair of samples
// into rates (orders per second) and means (saga step latency); the consumer lag is drawn as it stands.
(function () {
  const live = document.getElementById('live');
  if (!live) return;
  const every = parseInt(live.dataset.refresh, 10) || 2000;
  const d = { t: [], placed: [], paid: [], refused: [], step: [], lag: [] };
  let last = null;
  const plots = {};

  function draw(id, series, data) {
    const box = document.getElementById(id);
    if (!plots[id]) plots[id] = new uPlot({ width: 620, height: 180, series: [{}].concat(series) }, data, box);
    else plots[id].setData(data);
    box.dataset.samples = String(data[0].length);
  }

  function rate(now, name) {
    const dt = now.at - last.at;
    return dt > 0 ? Math.max(0, (now[name] - last[name]) / dt) : 0;
  }

  function sample() {
    fetch('/platform/now', { credentials: 'same-origin' })
      .then(r => r.json())
      .then(now => {
        if (last && now.at) {
          d.t.push(now.at);
          d.placed.push(rate(now, 'placed'));
          d.paid.push(rate(now, 'paid'));
          d.refused.push(rate(now, 'refused'));
          const n = now.step_count - last.step_count;
          d.step.push(n > 0 ? 1000 * (now.step_seconds_sum - last.step_seconds_sum) / n : null);
          d.lag.push(now.consumer_lag);
          if (d.t.length > 300) Object.values(d).forEach(a => a.shift());
          draw('chart-orders', [{ label: 'placed', stroke: '#1565c0' }, { label: 'paid', stroke: '#2e7d32' },
            { label: 'refused', stroke: '#c62828' }], [d.t, d.placed, d.paid, d.refused]);
          draw('chart-steps', [{ label: 'ms', stroke: '#6a1b9a' }], [d.t, d.step]);
          draw('chart-lag', [{ label: 'records', stroke: '#ef6c00' }], [d.t, d.lag]);
        }
        if (now.at) last = now;
      })
      .catch(() => {})
      .finally(() => setTimeout(sample, every));
  }
  sample();
})();
