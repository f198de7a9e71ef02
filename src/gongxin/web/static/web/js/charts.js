/*
 * Charts of the platform, drawn with the vendored ECharts from JSON data islands
 * (<script type="application/json" id=…> written by Django's json_script): no inline scripts.
 *
 * <div data-chart="KIND" data-source="ISLAND-ID" data-key="a.b" data-theme="dark|light">
 *   spark  – a small line of the year's months (data: array of numbers)
 *   rank   – horizontal bars, ranked (data: [{name, value, url}]); a click opens the url
 *   lines  – monthly lines (island.months; data: [{name, values}])
 *   combo  – bars of island.bars and lines of island.trend on a second axis
 *   map    – the regions coloured by value (island.map: {name, url}); a click opens the url
 * Every chart follows its container's size (4K walls and office screens alike).
 */
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var charts = [];
  var PALETTE = ["#3aa0ff", "#ffb020", "#36cfc9", "#f5475b", "#9b7bff"];

  function island(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function pick(obj, path) {
    return (path || "").split(".").filter(Boolean).reduce(function (o, k) {
      return o == null ? o : o[k];
    }, obj);
  }

  function rem() {
    return parseFloat(getComputedStyle(document.documentElement).fontSize) || 14;
  }

  function colours(dark) {
    return {
      text: dark ? "#cfe3ff" : "#1d2733",
      muted: dark ? "#8fa8cc" : "#637083",
      grid: dark ? "rgba(143,168,204,0.18)" : "#e6ebf2",
      bar: dark ? ["#1d6fe0", "#38c8ff"] : ["#0a4aa6", "#2f7de1"],
    };
  }

  function fmt(v, d) {
    return window.gongxinNumber(v, d == null ? 1 : d);  // numbers.js: half up, as the server
  }

  function spark(el, data, c) {
    var values = data || [];
    return {
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 2 },
      xAxis: { type: "category", show: false, data: values.map(function (_, i) { return i + 1 + "月"; }) },
      yAxis: { type: "value", show: false, scale: true },
      tooltip: { trigger: "axis", confine: true, valueFormatter: function (v) { return fmt(v); } },
      series: [{
        type: "line", data: values, smooth: true, symbol: "circle", symbolSize: 4, connectNulls: true,
        lineStyle: { width: Math.max(1.5, rem() / 8), color: "#38c8ff" },
        itemStyle: { color: "#38c8ff" },
        areaStyle: { color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
          { offset: 0, color: "rgba(56,200,255,0.45)" }, { offset: 1, color: "rgba(56,200,255,0)" }]) },
      }],
    };
  }

  function rank(el, data, c) {
    var items = (data || []).slice().reverse(); // largest on top
    var size = rem();
    // Every bar is labelled (interval 0), so the chart grows to give each label its line.
    var needed = items.length * size * 1.3 + size * 3;
    if (el.clientHeight < needed) { el.style.height = needed + "px"; }
    return {
      grid: { left: 8, right: size * 3.5, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return fmt(v) + "%"; } },
      xAxis: { type: "value", axisLabel: { color: c.muted, fontSize: size * 0.8 }, splitLine: { lineStyle: { color: c.grid } } },
      yAxis: {
        type: "category", data: items.map(function (i) { return i.name; }),
        axisLabel: { color: c.text, fontSize: size * 0.82, width: size * 11, overflow: "truncate", interval: 0 },
        axisTick: { show: false }, axisLine: { lineStyle: { color: c.grid } },
      },
      series: [{
        type: "bar", barMaxWidth: size * 1.1,
        data: items.map(function (i) {
          return { value: i.value, url: i.url, itemStyle: { color: i.value != null && i.value < 0 ? "#1c9c63" : new echarts.graphic.LinearGradient(0, 0, 1, 0, [
            { offset: 0, color: c.bar[0] }, { offset: 1, color: c.bar[1] }]) } };
        }),
        label: { show: true, position: "right", color: c.text, fontSize: size * 0.78, formatter: function (p) { return fmt(p.value); } },
        cursor: "pointer",
      }],
    };
  }

  function lines(el, data, c, root) {
    var size = rem();
    return {
      color: PALETTE,
      grid: { left: 8, right: 16, top: size * 2.6, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: c.text, fontSize: size * 0.8 } },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v); } },
      xAxis: { type: "category", data: root.months, axisLabel: { color: c.muted, fontSize: size * 0.8 }, axisLine: { lineStyle: { color: c.grid } } },
      yAxis: { type: "value", scale: true, axisLabel: { color: c.muted, fontSize: size * 0.8 }, splitLine: { lineStyle: { color: c.grid } } },
      series: (data || []).map(function (s) {
        return { name: s.name, type: "line", data: s.values, smooth: true, symbolSize: size * 0.45,
                 connectNulls: true, lineStyle: { width: Math.max(2, size / 7) },
                 label: { show: true, fontSize: size * 0.7, color: c.muted, formatter: function (p) { return fmt(p.value); } } };
      }),
    };
  }

  function combo(el, data, c, root) {
    var option = lines(el, root.trend, c, root);
    option.yAxis = [
      { type: "value", name: "万元", nameTextStyle: { color: c.muted }, axisLabel: { color: c.muted }, splitLine: { lineStyle: { color: c.grid } } },
      { type: "value", name: "%", scale: true, nameTextStyle: { color: c.muted }, axisLabel: { color: c.muted }, splitLine: { show: false } },
    ];
    option.series.forEach(function (s) { s.yAxisIndex = 1; s.label.show = false; });
    (root.bars || []).forEach(function (b) {
      option.series.unshift({ name: b.name, type: "bar", data: b.values, barMaxWidth: rem() * 1.6,
                              itemStyle: { color: "rgba(10,74,166,0.75)" } });
    });
    return option;
  }

  // The map: colour classes (island.map.pieces, quantiles cut in Python) with a legend, the
  // zones labelled by their short names, and a county user's own county outlined in gold.
  function mapOption(el, data, c, root) {
    var items = data || [];
    var size = rem();
    var highlight = root.map.highlight;
    var zones = root.map.zones || {};
    var named = {};
    items.forEach(function (i) { named[i.name] = true; });
    Object.keys(zones).forEach(function (name) {  // zones without figures still get their label
      if (!named[name]) { items = items.concat([{ name: name, value: null, short: zones[name], zone: true }]); }
    });
    return {
      tooltip: { trigger: "item", formatter: function (p) {
        return p.name + "<br>" + (root.map.indicator || "") + "：" + fmt(p.value) + "%";
      } },
      visualMap: {
        type: "piecewise", pieces: root.map.pieces || [], left: 8, bottom: 8, orient: "vertical",
        itemWidth: size * 1.1, itemHeight: size * 0.8, itemGap: size * 0.3,
        textStyle: { color: c.text, fontSize: size * 0.78 },  // each class labelled by its values
        outOfRange: { color: "#22406e" },
      },
      series: [{
        type: "map", map: root.map.name, roam: false, selectedMode: false, layoutCenter: ["56%", "50%"], layoutSize: "92%",
        aspectScale: 0.82, nameProperty: "name",
        labelLayout: { moveOverlap: "shiftY" },  // the zones' labels sit inside a district
        label: { show: true, color: "#ffffff", fontSize: size * 0.72, textBorderColor: "rgba(6,20,48,0.85)", textBorderWidth: 2,
                 formatter: function (p) {
                   var short = (p.data && p.data.short) || zones[p.name] || p.name;
                   if (zones[p.name]) { return short; }  // small zones: the name; figure on hover
                   return short + (p.value == null || isNaN(p.value) ? "" : "\n" + fmt(p.value) + "%");
                 } },
        itemStyle: { borderColor: "rgba(220,240,255,0.85)", borderWidth: 1, areaColor: "#22406e" },
        emphasis: { label: { color: "#fff" }, itemStyle: { areaColor: "#ffb020" } },
        data: items.map(function (i) {
          var item = { name: i.name, value: i.value, url: i.url, short: i.short, code: i.code };
          if (i.zone) {  // small schematic zones: a smaller label, outlined in gold
            item.label = { fontSize: size * 0.62 };
            item.itemStyle = { borderColor: "#ffd45c", borderWidth: 1.5 };
          }
          if (highlight && i.code === highlight) {
            item.itemStyle = { borderColor: "#ffd45c", borderWidth: 4, shadowColor: "#ffd45c", shadowBlur: 12 };
            item.label = { fontWeight: "bold", fontSize: size * 0.86 };
          }
          return item;
        }),
        cursor: "pointer",
      }],
    };
  }

  var BUILDERS = { spark: spark, rank: rank, lines: lines, combo: combo, map: mapOption };

  function draw(el) {
    var kind = el.getAttribute("data-chart");
    var root = island(el.getAttribute("data-source"));
    if (!root || !BUILDERS[kind]) { return; }
    var dark = (el.getAttribute("data-theme") || "dark") === "dark";
    var data = pick(root, el.getAttribute("data-key"));
    var chart = echarts.init(el, null, { renderer: "canvas" });
    charts.push(chart);
    var render = function () {
      chart.setOption(BUILDERS[kind](el, data, colours(dark), root), true);
      el.setAttribute("data-chart-ready", "");
    };
    chart.on("click", function (p) {
      if (p.data && p.data.url) { window.location.href = p.data.url + window.location.search; }
    });
    if (kind === "map") {
      fetch(root.map.url, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (geo) { echarts.registerMap(root.map.name, geo); render(); })
        .catch(function () { el.textContent = "地图边界加载失败"; });
    } else {
      render();
    }
    if (window.ResizeObserver) {
      new ResizeObserver(function () { chart.resize(); }).observe(el);
    }
  }

  function init(scope) {
    scope.querySelectorAll("[data-chart]").forEach(function (el) {
      if (!el.hasAttribute("data-chart-init")) { el.setAttribute("data-chart-init", ""); draw(el); }
    });
  }

  init(document);
  document.body.addEventListener("htmx:afterSwap", function (e) { init(e.target); });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
