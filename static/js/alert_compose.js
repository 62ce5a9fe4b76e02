// The composer's text-message counter: as the sender types, how many characters the text
// has, in which encoding it travels (GSM-7 or UCS-2) and how many messages each phone gets.
// The same rules as alerts/sms_segments.py. Without this script the server shows the count
// each time the form is saved.
(function () {
  "use strict";
  var BASIC =
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var EXTENDED = "\f^{}\\[~]|€";
  var LIMITS = { "GSM-7": [160, 153], "UCS-2": [70, 67] };

  function count(text) {
    var chars = Array.from(text);
    var gsm = chars.every(function (c) {
      return BASIC.indexOf(c) >= 0 || EXTENDED.indexOf(c) >= 0;
    });
    var encoding = gsm ? "GSM-7" : "UCS-2";
    var costs = chars.map(function (c) {
      if (gsm) {
        return EXTENDED.indexOf(c) >= 0 ? 2 : 1;
      }
      return c.codePointAt(0) > 0xffff ? 2 : 1;
    });
    var units = costs.reduce(function (a, b) { return a + b; }, 0);
    var single = LIMITS[encoding][0];
    var part = LIMITS[encoding][1];
    var segments = units === 0 ? 0 : 1;
    if (units > single) {
      var used = 0;
      costs.forEach(function (cost) {
        if (used + cost > part) {
          segments += 1;
          used = 0;
        }
        used += cost;
      });
    }
    return { encoding: encoding, units: units, limit: single, segments: segments };
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function watch(field) {
    var output = document.getElementById(field.getAttribute("data-sms-counter"));
    if (!output) {
      return;
    }
    var summary = output.querySelector("[data-sms-summary]");
    var warning = output.querySelector("[data-sms-warning]");
    // The network's name and severity before the text, the links after: what phones get.
    var before = output.getAttribute("data-before") || "";
    var after = output.getAttribute("data-after") || "";
    function update() {
      var result = count(before + field.value + after);
      summary.textContent = fill(output.getAttribute("data-format"), result);
      warning.textContent = fill(output.getAttribute("data-warning"), result);
      warning.hidden = result.segments <= 1;
      output.classList.toggle("sms-count-warning", result.segments > 1);
    }
    field.addEventListener("input", update);
    update();
  }

  document.querySelectorAll("textarea[data-sms-counter]").forEach(watch);
})();
