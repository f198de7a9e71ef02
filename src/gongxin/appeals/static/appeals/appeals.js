// The statistics page's chart: appeals per month (bars) and the month's solve and on-time rates.
(function () {
  "use strict";
  function draw() {
    var el = document.getElementById("appeal-chart");
    var data = document.getElementById("appeal-chart-data");
    if (!el || !data || !window.echarts) return;
    var d = JSON.parse(data.textContent);
    var chart = window.echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["诉求量", "解决率", "按时办结率"] },
      grid: { left: 50, right: 50, top: 60, bottom: 50 },
      xAxis: { type: "category", data: d.months, axisLabel: { interval: 0, rotate: d.months.length > 8 ? 30 : 0 } },
      yAxis: [
        { type: "value", name: "件" },
        { type: "value", name: "%", min: 0, max: 100 }
      ],
      series: [
        { name: "诉求量", type: "bar", data: d.appeals, itemStyle: { color: "#3b6fb6" } },
        { name: "解决率", type: "line", yAxisIndex: 1, data: d.solve_rate, itemStyle: { color: "#2e9d5b" } },
        { name: "按时办结率", type: "line", yAxisIndex: 1, data: d.on_time_rate, itemStyle: { color: "#e08a1e" } }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
