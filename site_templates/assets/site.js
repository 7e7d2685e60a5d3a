/* ledgersite: banners, footer and client search. No network, no inline script (the CSP forbids it). */
(function () {
  "use strict";
  var DAY_MS = 24 * 60 * 60 * 1000;

  function setText(selector, text) {
    var nodes = document.querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = text;
  }

  function age(ms) {
    var hours = Math.floor(ms / 3600000);
    if (hours < 48) return hours + " hours ago";
    return Math.floor(hours / 24) + " days ago";
  }

  function showStatus() {
    var status = window.LEDGERSITE_STATUS;
    if (!status) return;
    if (status.read_at_text) setText('[data-status="read-at"]', "on " + status.read_at_text);
    if (status.errors) {
      var dots = document.querySelectorAll('[data-status="errors"]');
      for (var i = 0; i < dots.length; i++) {
        dots[i].textContent = String(status.errors);
        dots[i].title = status.errors + " to fix";
        dots[i].hidden = false;
      }
    }
    if (status.ok === false) {
      var when = status.failed_at_text ? " (" + status.failed_at_text + ")" : "";
      setText('[data-status="failure"]', "Reason" + when + ": " + (status.error || "unknown") + ".");
      document.getElementById("banner-failed").hidden = false;
    }
    var built = Date.parse(status.built_at || "");
    if (!isNaN(built) && Date.now() - built > DAY_MS) {
      setText('[data-status="age"]', age(Date.now() - built));
      document.getElementById("banner-stale").hidden = false;
    }
  }

  function normalise(text) {
    return text.toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function setUpSearch() {
    var list = document.getElementById("client-list");
    var data = window.LEDGERSITE_CLIENTS;
    if (!list || !data) return;
    var form = document.getElementById("client-filters");
    var query = document.getElementById("q");
    var associate = document.getElementById("associate");
    var tag = document.getElementById("tag");
    var shown = document.getElementById("shown");
    var none = document.getElementById("no-match");
    var items = list.children;
    var haystacks = data.map(function (entry) { return normalise(entry.s); });

    function apply() {
      var words = normalise(query.value).split(/\s+/).filter(Boolean);
      var a = associate.value, t = tag.value, count = 0;
      for (var i = 0; i < items.length; i++) {
        var entry = data[i], hay = haystacks[i];
        var match = (!a || entry.a === a) && (!t || entry.t.indexOf(t) !== -1) &&
          words.every(function (w) { return hay.indexOf(w) !== -1; });
        items[i].hidden = !match;
        if (match) count++;
      }
      shown.textContent = String(count);
      none.hidden = count !== 0;
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    query.addEventListener("input", apply);
    associate.addEventListener("change", apply);
    tag.addEventListener("change", apply);
    apply();
  }

  // After every deferred script has run, so the search data (clients-data.js) is there.
  document.addEventListener("DOMContentLoaded", function () {
    showStatus();
    setUpSearch();
  });
})();
