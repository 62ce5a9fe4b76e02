// Incident drafts: what someone types into the quick log (or the full form for a new incident)
// is kept on this device until the server has it, through a dropped connection or a closed
// tab. The server makes one incident per client_token, so sending a draft again is always safe.
// Without this script the forms work the same way, minus the draft.
(function () {
  "use strict";
  var PREFIX = "incident-draft:";
  var INCIDENT_PATH = /\/incidents\/\d+\/$/;

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // private mode or storage turned off: no drafts, the form still works
    }
  }

  function read(key) {
    var store = storage();
    if (!store) {
      return null;
    }
    try {
      var draft = JSON.parse(store.getItem(key) || "null");
      return draft && draft.fields ? draft : null;
    } catch (error) {
      return null;
    }
  }

  function write(key, draft) {
    var store = storage();
    if (!store) {
      return;
    }
    try {
      store.setItem(key, JSON.stringify(draft));
    } catch (error) {
      // Storage full: the form still sends normally.
    }
  }

  function forget(key) {
    var store = storage();
    if (store) {
      store.removeItem(key);
    }
  }

  // The logbook only says that a draft waits; its form page sends it. A draft whose send
  // began is not announced: most likely it arrived, and its form page checks.
  Array.prototype.forEach.call(document.querySelectorAll("[data-draft-notice]"), function (notice) {
    var waiting = read(PREFIX + notice.getAttribute("data-draft-notice"));
    notice.hidden = !waiting || waiting.state === "submitted";
  });

  var form = document.querySelector("form[data-draft-key]");
  if (!form) {
    return;
  }
  var key = PREFIX + form.getAttribute("data-draft-key");
  var status = document.getElementById("draft-status");
  var submit = form.querySelector("button[type=submit]");
  var sending = false;
  var probe = document.currentScript ? document.currentScript.src : null;

  function say(name) {
    if (status) {
      status.textContent = (name && status.getAttribute("data-" + name)) || "";
      status.setAttribute("data-state", name || "");
    }
  }

  // Everything a person typed or chose, plus client_token (it makes a resend the same
  // incident). Not the CSRF token (the page's own is used when sending), not the formsets'
  // row counts, not files.
  function kept(element) {
    if (!element.name || element.disabled || element.name === "csrfmiddlewaretoken") {
      return false;
    }
    var type = element.type;
    if (type === "hidden") {
      return element.name === "client_token";
    }
    return type !== "file" && type !== "submit" && type !== "button" && type !== "password";
  }

  function collect() {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!kept(element)) {
        return;
      }
      if (element.type === "radio") {
        if (element.checked) {
          fields[element.name] = element.value;
        }
      } else if (element.type === "checkbox") {
        fields[element.name] = element.checked;
      } else {
        fields[element.name] = element.value;
      }
    });
    return fields;
  }

  function restore(fields) {
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!kept(element) || !Object.prototype.hasOwnProperty.call(fields, element.name)) {
        return;
      }
      var value = fields[element.name];
      if (element.type === "radio") {
        element.checked = element.value === value;
      } else if (element.type === "checkbox") {
        element.checked = value === true;
      } else {
        element.value = value;
      }
    });
  }

  function save(state) {
    write(key, { fields: collect(), state: state, savedAt: Date.now() });
  }

  // "When": the time field only matters for "Earlier".
  var timeField = form.querySelector("input[name=started_at]");
  var whenChoices = form.querySelectorAll("input[type=radio][name=when]");
  function showTime() {
    if (!timeField || !whenChoices.length) {
      return;
    }
    var earlier = form.querySelector("input[name=when][value=earlier]:checked") !== null;
    var wrapper = timeField.closest(".field") || timeField;
    wrapper.hidden = !earlier;
    timeField.required = earlier;
    // Optional to the server only because "Just now" needs no time.
    var optional = wrapper.querySelector(".optional");
    if (optional) {
      optional.hidden = earlier;
    }
  }

  function release() {
    sending = false;
    if (submit) {
      submit.disabled = false;
    }
  }

  function failed(response) {
    // A proxy's error page is a dropped connection too.
    return response.status >= 500;
  }

  function landed(response) {
    return response.redirected && INCIDENT_PATH.test(new URL(response.url).pathname);
  }

  // Send what the form holds, with the page's own CSRF token, and go to the incident.
  function send() {
    if (sending || !window.fetch) {
      return;
    }
    sending = true;
    if (submit) {
      submit.disabled = true;
    }
    say("sending");
    window
      .fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        if (failed(response)) {
          throw new Error(String(response.status));
        }
        if (landed(response)) {
          forget(key);
          say("sent");
          window.location.assign(response.url);
          return;
        }
        // Refused (a field to fix) or signed out: the server's own page says why.
        save("editing");
        HTMLFormElement.prototype.submit.call(form);
      })
      .catch(function () {
        save("pending");
        say("offline");
        release();
      });
  }

  function newToken() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    var hex = Array.prototype.map.call(bytes, function (byte) {
      return (byte + 0x100).toString(16).slice(1);
    });
    return [0, 4, 6, 8, 10]
      .map(function (start, index, starts) {
        return hex.slice(start, starts[index + 1] || 16).join("");
      })
      .join("-");
  }

  // An empty form for the next incident: with the sent token it would be the sent incident.
  function startAfresh(sentToken) {
    var token = form.querySelector("input[name=client_token]");
    form.reset();
    if (token && token.value === sentToken) {
      token.value = newToken();
    }
    showTime();
  }

  // A draft whose send began on an earlier visit: if the server has it, forget it and keep the
  // fresh form; if not, put it back in the form, to go as soon as there is a connection.
  function confirmSent(waiting) {
    // The page's own hidden fields (the CSRF token, the formsets' row counts), then the draft.
    var body = new FormData();
    Array.prototype.forEach.call(form.querySelectorAll("input[type=hidden]"), function (hidden) {
      if (hidden.name && !kept(hidden)) {
        body.append(hidden.name, hidden.value);
      }
    });
    Object.keys(waiting.fields).forEach(function (name) {
      var value = waiting.fields[name];
      if (value === true) {
        body.append(name, "on");
      } else if (value !== false) {
        body.append(name, value);
      }
    });
    function putBack(state, message) {
      if (!touched) {
        restore(waiting.fields);
        showTime();
        save(state);
        say(message);
        if (discard) {
          discard.hidden = false;
        }
      }
    }
    window
      .fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (failed(response)) {
          throw new Error(String(response.status));
        }
        if (landed(response)) {
          if (!touched) {
            forget(key);
            startAfresh(waiting.fields.client_token);
          }
          say("confirmed");
        } else {
          putBack("editing", "restored");
        }
      })
      .catch(function () {
        putBack("pending", "offline");
      });
  }

  var touched = false;
  var draft = read(key);
  var refused = form.querySelector(".field-invalid, .form-errors") !== null;
  if (refused) {
    // The server refused what was sent: the page shows it, to fix and send again.
    if (draft) {
      save("editing");
    }
  } else if (draft && draft.state === "submitted" && window.fetch) {
    confirmSent(draft);
  } else if (draft) {
    restore(draft.fields);
    if (draft.state === "pending" && navigator.onLine) {
      send();
    } else {
      say(draft.state === "pending" ? "offline" : "restored");
    }
  }
  showTime();

  form.addEventListener("input", function () {
    touched = true;
    if (!sending) {
      save("editing");
      say("");
    }
  });
  form.addEventListener("change", function (event) {
    if (event.target && event.target.name === "when") {
      showTime();
      if (timeField && !timeField.closest("[hidden]") && !timeField.value) {
        timeField.focus();
      }
    }
  });

  function keepForLater() {
    if (!form.checkValidity()) {
      form.reportValidity();
      return;
    }
    save("pending");
    say("offline");
  }

  // A phone on a weak signal says it is online and then fails to send: ask the server for
  // this small file first, so the draft stays in the page rather than on an error screen.
  function reachable() {
    if (!window.fetch || !probe) {
      return Promise.resolve(true);
    }
    var controller = window.AbortController ? new window.AbortController() : null;
    var timer = window.setTimeout(function () {
      if (controller) {
        controller.abort();
      }
    }, 8000);
    return window
      .fetch(probe, { method: "HEAD", cache: "no-store", signal: controller && controller.signal })
      .then(
        function () {
          return true;
        },
        function () {
          return false;
        }
      )
      .finally(function () {
        window.clearTimeout(timer);
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sending) {
      return; // pressed twice
    }
    if (!navigator.onLine) {
      keepForLater();
      return;
    }
    sending = true;
    if (submit) {
      submit.disabled = true;
    }
    reachable().then(function (up) {
      if (!up) {
        release();
        keepForLater();
        return;
      }
      // The browser sends the form itself, so the server's messages and errors show as they do
      // without this script. Should the connection drop on the way, the draft is still here,
      // marked sent: the next visit sends it again and the token keeps it one incident.
      save("submitted");
      HTMLFormElement.prototype.submit.call(form);
    });
  });

  function sendWaiting() {
    var waiting = read(key);
    if (waiting && waiting.state === "pending" && navigator.onLine) {
      send();
    }
  }
  window.addEventListener("online", sendWaiting);
  // A connection that only seems to be up (a weak signal) never says it is back: try again.
  window.setInterval(sendWaiting, 30000);

  // Back from the incident (or from the browser's page for a failed send), the page may come
  // from the cache as it was left: the button disabled, the sent draft in the form.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      release();
      var waiting = read(key);
      if (waiting && waiting.state === "submitted" && window.fetch) {
        touched = false;
        confirmSent(waiting);
      }
    }
  });

  var discard = document.querySelector("[data-draft-discard]");
  if (discard) {
    discard.hidden = !draft || refused || draft.state === "submitted";
    discard.addEventListener("click", function () {
      forget(key);
      window.location.reload();
    });
  }
})();
