/*
 * The platform's one rounding rule in the browser (gongxin/wording.py): snap binary noise to
 * 9 decimal places, then round half up (四舍五入) on that decimal; never "-0.0".
 *   gongxinNumber(7.749999999999996, 1) === "7.8"; gongxinNumber(-0.04, 1) === "0.0"
 */
(function () {
  "use strict";
  window.gongxinNumber = function (value, decimals) {
    if (value == null || value === "" || !isFinite(Number(value))) { return "—"; }
    var d = decimals == null ? 1 : decimals;
    var v = Number(value);
    var snapped = Math.abs(v).toFixed(9).split(".");  // the exact decimal, to 9 places
    var whole = BigInt(snapped[0] + snapped[1].slice(0, d));
    if (snapped[1].charCodeAt(d) - 48 >= 5) { whole += BigInt(1); }
    var digits = whole.toString();
    while (digits.length <= d) { digits = "0" + digits; }
    var text = d > 0 ? digits.slice(0, digits.length - d) + "." + digits.slice(-d) : digits;
    return v < 0 && whole !== BigInt(0) ? "-" + text : text;
  };
})();
