// "Start a network": the web address follows the network's name until someone edits it, and
// each address is checked as it is typed. Without this script the form works the same way:
// the server makes the address from the name and checks it when the form is sent.
(function () {
  "use strict";
  var form = document.querySelector("form[data-slug-check]");
  if (!form || !window.fetch) {
    return;
  }
  var url = form.getAttribute("data-slug-check");
  var name = form.querySelector("#id_network_name");
  var slug = form.querySelector("#id_slug");
  var status = document.getElementById("slug-status");
  if (!name || !slug || !status) {
    return;
  }
  // An address already there (kept by a refused form) is the person's own unless it is the
  // one the name gives: the first answer tells.
  var edited = slug.value.trim() !== "";
  var made = "";
  var timer = null;
  var latest = 0;

  function show(message, state) {
    status.textContent = message;
    status.setAttribute("data-state", state);
  }

  function check() {
    var params = new URLSearchParams();
    params.set("name", name.value);
    if (edited) {
      params.set("slug", slug.value);
    }
    if (!(edited ? slug.value : name.value).trim()) {
      if (!edited) {
        slug.value = "";
      }
      show("", "");
      return;
    }
    var ticket = ++latest;
    fetch(url + "?" + params.toString(), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (answer) {
        if (ticket !== latest) {
          return; // a later keystroke asked again
        }
        if (!answer.ok) {
          show(answer.data.message || "", "");
          return;
        }
        made = answer.data.suggested;
        if (edited && slug.value === made) {
          edited = false;
        }
        if (!edited) {
          slug.value = answer.data.slug;
        }
        show(answer.data.message, answer.data.available ? "ok" : "error");
        slug.setAttribute("aria-invalid", answer.data.available ? "false" : "true");
      })
      .catch(function () {
        // Offline or refused: the form checks the address when it is sent.
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 350);
  }

  slug.setAttribute("aria-describedby", "id_slug_helptext slug-status");
  name.addEventListener("input", function () {
    if (!edited) {
      later();
    }
  });
  slug.addEventListener("input", function () {
    // Emptied, the address follows the name again.
    edited = slug.value.trim() !== "" && slug.value !== made;
    later();
  });
  if (name.value.trim() || slug.value.trim()) {
    check();
  }
})();
