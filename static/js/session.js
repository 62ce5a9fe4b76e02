// Logging out clears the incident drafts this browser keeps (static/js/quick_log.js), so the
// next person on a shared phone or counter computer does not find them.
(function () {
  "use strict";
  var PREFIX = "incident-draft:";

  function clearDrafts() {
    try {
      var store = window.localStorage;
      for (var i = store.length - 1; i >= 0; i--) {
        var key = store.key(i);
        if (key && key.indexOf(PREFIX) === 0) {
          store.removeItem(key);
        }
      }
    } catch (error) {
      // Storage disabled or full: there is nothing this page can clear.
    }
  }

  document.addEventListener("submit", function (event) {
    // The navigation's button, and allauth's own "Sign out" page.
    if (event.target.matches("[data-clears-drafts], form[action$='/accounts/logout/']")) {
      clearDrafts();
    }
  });
})();
