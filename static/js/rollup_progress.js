// The platform rollup going: asks for its progress every two seconds and moves the bar, then
// loads the page once more for the new figures. Without this script the page has a "Refresh"
// link.
(function () {
  "use strict";
  var section = document.getElementById("rollup-progress");
  if (!section || section.getAttribute("data-status") !== "running") {
    return;
  }
  var url = section.getAttribute("data-url");
  var bar = section.querySelector("progress");
  var count = section.querySelector("[data-field=done]");

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) {
          return;
        }
        if (bar) {
          bar.value = data.percent;
          bar.textContent = data.percent + "%";
        }
        if (count) {
          count.textContent = String(data.done + data.failed);
        }
        if (data.status === "running") {
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 2000);
})();
