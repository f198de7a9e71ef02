/*
 * The chain map (产业链图谱) as an ECharts tree, left (upstream) to right (downstream), from the
 * JSON island #chain-data (key "tree"). Each node carries its colour (强/弱/缺/风险) and the URL
 * of its firms; a click loads them into #node-firms with HTMX. No inline scripts (CSP).
 */
(function () {
  "use strict";
  var el = document.getElementById("chain-tree");
  if (!el || !window.echarts) { return; }
  var data = JSON.parse(document.getElementById(el.dataset.source).textContent).tree;
  var chart = window.echarts.init(el, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    tooltip: {
      trigger: "item",
      formatter: function (p) {
        var d = p.data || {};
        return d.strength ? d.name + "<br>" + d.stream + " · " + d.strength : d.name;
      }
    },
    series: [{
      type: "tree",
      data: [data],
      orient: "LR",
      top: "4%", bottom: "4%", left: "10%", right: "22%",
      symbol: "circle",
      symbolSize: 16,
      initialTreeDepth: -1,
      expandAndCollapse: false,
      roam: false,
      label: { position: "top", fontSize: 13, color: "#1d2733" },
      leaves: { label: { position: "right", verticalAlign: "middle", align: "left" } },
      lineStyle: { color: "#a9b6c8", width: 1.5, curveness: 0.4 },
      itemStyle: { color: "#0a4aa6", borderWidth: 0 }
    }]
  });
  chart.on("click", function (p) {
    var url = p.data && p.data.url;
    if (url && window.htmx) {
      window.htmx.ajax("GET", url, { target: "#node-firms", swap: "innerHTML" });
    }
  });
  window.addEventListener("resize", function () { chart.resize(); });
}());
