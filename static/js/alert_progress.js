// An alert going out: asks for its counts every two seconds and writes them in place, until
// every message has been handed over; then loads the page once more for the final list of
// who was not reached. Without this script the page has a "Refresh" link.
(function () {
  "use strict";
  var section = document.getElementById("alert-progress");
  if (!section || section.getAttribute("data-status") !== "sending") {
    return;
  }
  var url = section.getAttribute("data-url");
  var INTERVAL = 2000;
  var timer = null;

  function setText(element, value) {
    if (element && element.textContent !== String(value)) {
      element.textContent = String(value);
    }
  }

  function apply(data) {
    (data.channels || []).forEach(function (channel) {
      var row = section.querySelector('tr[data-channel="' + channel.channel + '"]');
      if (!row) {
        return;
      }
      ["queued", "sending", "sent", "failed"].forEach(function (name) {
        setText(row.querySelector('[data-field="' + name + '"]'), channel[name]);
      });
    });
    ["recipients", "acknowledged", "not_reached"].forEach(function (name) {
      setText(section.querySelector('[data-total="' + name + '"]'), data[name]);
    });
    var finish = section.querySelector('[data-total="expected_finish_at"]');
    if (finish && data.expected_finish_at) {
      var when = new Date(data.expected_finish_at);
      finish.setAttribute("datetime", data.expected_finish_at);
      setText(finish, when.toLocaleTimeString());
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        apply(data);
        if (data.finished) {
          window.location.reload();
          return;
        }
        timer = window.setTimeout(poll, INTERVAL);
      })
      .catch(function () {
        // A dropped connection: try again a little later, the counts only lag behind.
        timer = window.setTimeout(poll, INTERVAL * 3);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      window.clearTimeout(timer);
    } else {
      window.clearTimeout(timer);
      poll();
    }
  });
  timer = window.setTimeout(poll, INTERVAL);
})();
