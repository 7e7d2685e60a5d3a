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

  // A phone number's digits without its country code or national 0, as views.py puts them in
  // the search data (formats.national_digits): "+44 7700 900884" and "07700 900884" meet.
  var COUNTRY_CODE = /^(?:1|7|2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58]|\d{3})/;
  function nationalDigits(text) {
    var digits = text.replace(/\D/g, "");
    var international = /^\s*\+/.test(text) || digits.slice(0, 2) === "00";
    if (digits.slice(0, 2) === "00") digits = digits.slice(2);
    var code = digits.charAt(0) === "0" ? null : COUNTRY_CODE.exec(digits);
    var rest = code ? digits.length - code[0].length : 0;
    if (code && (international || (digits.length >= 11 && rest >= 9 && rest <= 10))) {
      digits = digits.slice(code[0].length);
    }
    return digits.charAt(0) === "0" ? digits.slice(1) : digits;
  }

  function span(className, text) {
    var node = document.createElement("span");
    node.className = className;
    node.textContent = text;
    return node;
  }

  // One row of the Clients list, as clients.html lays it out; text only, never markup.
  function clientRow(entry, root) {
    var link = document.createElement("a");
    link.href = root + entry.u;
    var meta = span("meta small", entry.a);
    entry.t.forEach(function (tag) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(span("tag", tag));
    });
    if (entry.g) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(span("tag tag-soft", entry.g));
    }
    link.appendChild(span("who", entry.n));
    link.appendChild(span("muted small", entry.c));
    link.appendChild(meta);
    var item = document.createElement("li");
    item.appendChild(link);
    return item;
  }

  // Whether this page was reached by going back (or forward) rather than by a new visit or a
  // reload, which start with the whole list. (performance.navigation: Safari before 15.)
  function cameBack() {
    var entries = performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
    if (entries.length) return entries[0].type === "back_forward";
    return Boolean(performance.navigation) && performance.navigation.type === 2;
  }

  // The Clients list: search and filters over every client; the matches listed a page at a
  // time ("Show more"), so a book of 100,000 clients opens as quickly as one of 200.
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
    var more = document.getElementById("list-more");
    var notShown = document.getElementById("not-shown");
    var button = document.getElementById("show-more");
    // A page without the "Show more" line (a store's own older clients.html) lists everyone.
    var page = more && notShown && button ? Number(list.getAttribute("data-page")) || 200 : Infinity;
    var root = list.getAttribute("data-root") || "";
    var haystacks = data.map(function (entry) { return normalise(entry.s); });
    var matches = [], listed = 0;

    function listMore() {
      var until = Math.min(matches.length, listed + page);
      var rows = document.createDocumentFragment();
      for (; listed < until; listed++) rows.appendChild(clientRow(data[matches[listed]], root));
      list.appendChild(rows);
      if (page === Infinity) return;
      var left = matches.length - listed;
      more.hidden = left === 0;
      button.hidden = false;
      notShown.textContent = left.toLocaleString("en") + " more" +
        (matches.length === data.length ? " by last name; search finds anyone." : ".");
    }

    // What is searched and listed is kept with this page's place in the history, so coming
    // back from a profile finds the same list (and the browser its place in it). While typing,
    // only once a pause comes: browsers refuse (or ignore) many history changes in a row.
    var pending = null;
    function remember(later) {
      clearTimeout(pending);
      pending = null;
      if (later) { pending = setTimeout(remember, 400); return; }
      var state = {q: query.value, associate: associate.value, tag: tag.value, listed: listed};
      try { history.replaceState(state, ""); } catch (e) { /* refused: the list starts afresh */ }
    }

    function apply() {
      var words = normalise(query.value).split(/\s+/).filter(Boolean);
      // Typed like a phone number: also found by its digits, however the book writes it.
      var phone = /^[\d\s+().\/-]*\d[\d\s+().\/-]*$/.test(query.value) ?
        nationalDigits(query.value) : "";
      var a = associate.value, t = tag.value;
      matches = [];
      for (var i = 0; i < data.length; i++) {
        var entry = data[i], hay = haystacks[i];
        if ((!a || entry.a === a) && (!t || entry.t.indexOf(t) !== -1) &&
            ((phone && hay.indexOf(phone) !== -1) ||
             words.every(function (w) { return hay.indexOf(w) !== -1; }))) matches.push(i);
      }
      if (shown) shown.textContent = matches.length.toLocaleString("en");
      if (none) none.hidden = matches.length !== 0;
      list.textContent = "";
      listed = 0;
      listMore();
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    query.addEventListener("input", function () { apply(); remember(true); });
    associate.addEventListener("change", function () { apply(); remember(); });
    tag.addEventListener("change", function () { apply(); remember(); });
    // Leaving while a save waits for typing to pause (a tap on a client or a tab): save now.
    window.addEventListener("pagehide", function () { if (pending !== null) remember(); });
    if (button) {
      button.addEventListener("click", function () {
        var first = listed;
        listMore();
        remember();
        // On to the first client just listed, rather than lost when the button goes.
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();
      });
    }
    var saved = cameBack() && history.state && typeof history.state.q === "string" ?
      history.state : null;
    if (saved) {
      query.value = saved.q;
      associate.value = saved.associate || "";
      tag.value = saved.tag || "";
      // A filter the book no longer has (say, an associate who left): none.
      if (associate.selectedIndex < 0) associate.value = "";
      if (tag.selectedIndex < 0) tag.value = "";
    }
    apply();
    while (saved && listed < Math.min(Number(saved.listed) || 0, matches.length)) listMore();
    remember();  // a new visit's list replaces whatever an earlier one left here
  }

  // After every deferred script has run, so the search data (clients-data.js) is there.
  document.addEventListener("DOMContentLoaded", function () {
    showStatus();
    setUpSearch();
  });
})();
