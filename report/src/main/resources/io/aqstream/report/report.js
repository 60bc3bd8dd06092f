// Draws the report from the JSON the Java side computed (DuckDB): this file only maps numbers to ECharts options.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('aq-report-data').textContent);
  var columns = data.columns;
  var WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

  function label(c) { return c.unit ? c.name + ' (' + c.unit + ')' : c.name; }
  function round(v, digits) { return v === null ? null : Number(v.toFixed(digits)); }
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) { e.textContent = text; } return e; }
  function chartIn(parent, id) { var d = el('div'); d.className = 'chart'; d.id = id; parent.appendChild(d); return d; }
  function draw(node, option) {
    option.animation = false; // the page is read, and screenshotted, as soon as it loads
    // ECharts draws series of more than a few thousand items in steps after load (progressive rendering): a big
    // data set's heatmap was still half drawn when printed or screenshotted. Everything at once instead.
    option.series.forEach(function (s) { s.progressive = 0; });
    echarts.init(node, null, { renderer: 'canvas' }).setOption(option);
  }
  function row(table, cells, header) {
    var tr = el('tr');
    cells.forEach(function (c) { tr.appendChild(el(header ? 'th' : 'td', c)); });
    table.appendChild(tr);
  }

  // Overview
  var o = data.overview;
  var filter = [];
  if (data.filter.station) { filter.push('station ' + data.filter.station); }
  if (data.filter.from) { filter.push('from ' + data.filter.from); }
  if (data.filter.to) { filter.push('before ' + data.filter.to); }
  document.getElementById('title').textContent = 'aq-stream report: ' + data.topic;
  var ov = document.getElementById('overview');
  row(ov, ['rows', o.rows.toLocaleString('en')]);
  row(ov, ['stations', o.stations.length + ' (' + o.stations.map(function (s) { return s.station; }).slice(0, 12).join(', ')
      + (o.stations.length > 12 ? ', ...' : '') + ')']);
  row(ov, ['time range (local)', o.first + ' .. ' + o.last]);
  row(ov, ['files', data.files + (data.files === 1 ? ' Parquet file' : ' Parquet files') + ' in ' + data.folder]);
  row(ov, ['filter', filter.length ? filter.join(', ') : 'none']);
  row(ov, ['measurements', columns.map(label).join(', ')]);
  row(ov, ['data set', data.credit]);

  // Missing share per column and month
  draw(document.getElementById('chart-missing'), {
    tooltip: { formatter: function (p) {
      return columns[p.value[1]].name + ', ' + data.missing.months[p.value[0]] + ': ' + (100 * p.value[2]).toFixed(1)
          + '% missing of ' + data.missing.rows[p.value[0]] + ' rows';
    } },
    grid: { left: 120, right: 30, top: 10, bottom: 90 },
    xAxis: { type: 'category', data: data.missing.months, axisLabel: { rotate: 45 } },
    yAxis: { type: 'category', data: columns.map(function (c) { return c.name; }), inverse: true },
    visualMap: { min: 0, max: 1, orient: 'horizontal', left: 'center', bottom: 0, calculable: true,
      formatter: function (v) { return Math.round(100 * v) + '%'; } },
    series: [{ type: 'heatmap', data: data.missing.share, label: { show: data.missing.months.length <= 24,
      formatter: function (p) { return Math.round(100 * p.value[2]); } } }]
  });

  // Daily means, one chart per measurement, a line per station
  var stations = Object.keys(data.daily.stations);
  var BUCKETS = { day: 'Daily', week: 'Weekly', month: 'Monthly', year: 'Yearly' };
  document.getElementById('daily-title').textContent = BUCKETS[data.daily.bucket] + ' means'
      + (data.daily.bucket === 'day' ? '' : ' (too many days to draw each; ' + data.daily.bucket + 's start on the date shown)');
  var daily = document.getElementById('daily');
  columns.forEach(function (c, i) {
    draw(chartIn(daily, 'chart-daily-' + i), {
      title: { text: label(c), textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' },
      legend: { show: stations.length > 1, type: 'scroll', bottom: 0 },
      grid: { left: 60, right: 20, top: 35, bottom: stations.length > 1 ? 55 : 30 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true },
      series: stations.map(function (s) {
        var st = data.daily.stations[s];
        return { name: s, type: 'line', showSymbol: false, connectNulls: false,
          data: st.days.map(function (d, k) { return [d, round(st.means[c.name][k], 3)]; }) };
      })
    });
  });

  // Hour of day (line) and day of week (bars), one chart per measurement
  var cycle = document.getElementById('cycle');
  columns.forEach(function (c, i) {
    draw(chartIn(cycle, 'chart-cycle-' + i), {
      title: { text: label(c), textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' },
      grid: [{ left: 55, width: '52%', top: 35, bottom: 30 }, { right: 10, width: '28%', top: 35, bottom: 30 }],
      xAxis: [{ type: 'category', gridIndex: 0, data: Array.from({ length: 24 }, function (_, h) { return String(h); }),
        name: 'hour', nameLocation: 'middle', nameGap: 20 },
        { type: 'category', gridIndex: 1, data: WEEKDAYS }],
      yAxis: [{ type: 'value', gridIndex: 0, scale: true }, { type: 'value', gridIndex: 1, scale: true }],
      series: [
        { name: 'by hour', type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: data.hour[c.name].map(function (v) { return round(v, 3); }) },
        { name: 'by weekday', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: data.weekday[c.name].map(function (v) { return round(v, 3); }) }
      ]
    });
  });

  // Correlation matrix
  var cells = [];
  data.correlation.forEach(function (r, i) { r.forEach(function (v, j) { cells.push([j, i, round(v, 2)]); }); });
  var names = columns.map(function (c) { return c.name; });
  draw(document.getElementById('chart-correlation'), {
    tooltip: { formatter: function (p) { return names[p.value[1]] + ' / ' + names[p.value[0]] + ': ' + p.value[2]; } },
    grid: { left: 120, right: 30, top: 10, bottom: 120 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 45 } },
    yAxis: { type: 'category', data: names, inverse: true },
    visualMap: { min: -1, max: 1, orient: 'horizontal', left: 'center', bottom: 0, calculable: true,
      inRange: { color: ['#2166ac', '#f7f7f7', '#b2182b'] } },
    series: [{ type: 'heatmap', data: cells, label: { show: true, fontSize: 10 } }]
  });

  // Highest hours
  var worst = document.getElementById('worst');
  columns.forEach(function (c) {
    var box = el('div');
    box.appendChild(el('h3', label(c)));
    var t = el('table');
    row(t, ['time (local)', 'station', 'value'], true);
    data.worst[c.name].forEach(function (w) { row(t, [w.time, w.station, String(w.value)]); });
    box.appendChild(t);
    worst.appendChild(box);
  });
})();
