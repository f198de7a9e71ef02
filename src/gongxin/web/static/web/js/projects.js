/*
 * The battle map (挂图作战): the city's regions from the local GeoJSON, every project with
 * coordinates as a point coloured by its lag level; a click opens the project. Data come from
 * the JSON island #battle-data (no inline scripts).
 */
(function () {
  "use strict";
  var el = document.getElementById("battle-map");
  var island = document.getElementById("battle-data");
  if (!el || !island || !window.echarts) { return; }
  var data = JSON.parse(island.textContent);
  var chart = echarts.init(el, null, { renderer: "canvas" });
  var size = parseFloat(getComputedStyle(document.documentElement).fontSize) || 14;

  function series(level) {
    return {
      name: data.levels[level], type: "scatter", coordinateSystem: "geo",
      symbolSize: data.points.length > 2000 ? size * 0.35 : size * 0.95, cursor: "pointer",
      large: data.points.length > 2000,
      itemStyle: { color: data.colours[level], borderColor: "#ffffff", borderWidth: 1 },
      data: data.points.filter(function (p) { return p[4] === level; }).map(function (p) {
        return { value: [p[0], p[1]], code: p[2], name: p[3], completion: window.gongxinNumber(p[5], 1), stage: p[6],
                 url: data.url.replace("CODE", encodeURIComponent(p[2])) };
      }),
    };
  }

  fetch(data.map.url, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (geo) {
      echarts.registerMap(data.map.name, geo);
      chart.setOption({
        animation: false,
        legend: { top: 0, right: 8, textStyle: { fontSize: size * 0.85 } },
        tooltip: { trigger: "item", formatter: function (p) {
          var d = p.data || {};
          return d.code ? d.code + " " + d.name + "<br>完成率 " + d.completion + "% · " + d.stage : p.name;
        } },
        geo: {
          map: data.map.name, roam: true, aspectScale: 0.82, layoutCenter: ["50%", "52%"], layoutSize: "95%",
          label: { show: true, fontSize: size * 0.7, color: "#475569" },
          itemStyle: { areaColor: "#e8f0fc", borderColor: "#7da2d6" },
          emphasis: { itemStyle: { areaColor: "#d3e3fa" }, label: { show: true } },
        },
        series: ["red", "yellow", "green"].map(series),
      });
      el.setAttribute("data-chart-ready", "");
    })
    .catch(function () { el.textContent = "地图边界加载失败"; });

  chart.on("click", function (p) {
    if (p.data && p.data.url) { window.location.href = p.data.url; }
  });
  if (window.ResizeObserver) { new ResizeObserver(function () { chart.resize(); }).observe(el); }
})();
