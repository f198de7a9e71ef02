/*
 * Tables that read like a statistician's: click-to-sort and a 万元/亿元 switch (no inline JS).
 *
 * <table data-sortable>: a click on a <th data-sort-key> sorts the rows of <tbody data-sort-body>
 *   by each cell's data-sort (numbers; the name column by its code), largest first on the first
 *   click, flipped on the next; rows without a figure stay last. The 全市 total row lives in its
 *   own <tbody> and never moves.
 * [data-unit-switch] buttons (data-unit="wan"|"yi") swap every money cell's text between its
 *   data-wan and data-yi renderings (both rounded by the server) and every [data-money-unit].
 *   The choice is remembered in this browser.
 */
(function () {
  "use strict";
  var UNIT_KEY = "gongxin.moneyUnit";
  var UNIT_NAMES = { wan: "万元", yi: "亿元" };

  function cellValue(row, index) {
    var cell = row.children[index];
    var raw = cell ? cell.getAttribute("data-sort") : null;
    if (raw == null || raw === "") { return null; }
    var n = Number(raw);
    return isNaN(n) ? raw : n;
  }

  function sortBy(table, th) {
    var body = table.querySelector("tbody[data-sort-body]");
    if (!body) { return; }
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var descending = th.getAttribute("aria-sort") !== "descending";
    if (th.getAttribute("data-sort-key") === "name" && !th.hasAttribute("aria-sort")) { descending = false; }
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      if (x === null || y === null) { return (x === null) - (y === null); }
      var order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("th[data-sort-key]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  function initSort(scope) {
    scope.querySelectorAll("table[data-sortable]").forEach(function (table) {
      if (table.hasAttribute("data-sort-ready")) { return; }
      table.setAttribute("data-sort-ready", "");
      table.querySelectorAll("th[data-sort-key]").forEach(function (th) {
        th.classList.add("sortable");
        th.tabIndex = 0;
        th.title = "点击排序";
        th.addEventListener("click", function () { sortBy(table, th); });
        th.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, th); }
        });
      });
    });
  }

  function storedUnit() {
    try { return localStorage.getItem(UNIT_KEY) === "yi" ? "yi" : "wan"; } catch (e) { return "wan"; }
  }

  function applyUnit(unit, scope) {
    (scope || document).querySelectorAll("[data-wan]").forEach(function (cell) {
      cell.textContent = cell.getAttribute(unit === "yi" ? "data-yi" : "data-wan");
    });
    document.querySelectorAll("[data-money-unit]").forEach(function (el) { el.textContent = UNIT_NAMES[unit]; });
    document.querySelectorAll("[data-unit-switch] button[data-unit]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-unit") === unit ? "true" : "false");
    });
    document.documentElement.setAttribute("data-unit-choice", unit);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-unit-switch] button[data-unit]") : null;
    if (!button) { return; }
    var unit = button.getAttribute("data-unit");
    try { localStorage.setItem(UNIT_KEY, unit); } catch (e) { /* private mode: this page only */ }
    applyUnit(unit);
  });

  function init(scope) {
    initSort(scope);
    applyUnit(storedUnit(), scope);
  }

  init(document);
  document.body.addEventListener("htmx:afterSwap", function (e) { init(e.target); });
})();
