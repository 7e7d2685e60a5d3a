/* ledgersite: open a password-locked page. No network, no eval, no inline script (the CSP
   forbids them). The password is asked once per browser session: the key derived from it (never
   the password itself) is kept in sessionStorage, which the browser forgets when the tab closes. */
(function () {
  "use strict";
  var sealedEl = document.getElementById("ledgersite-sealed");
  if (!sealedEl) return;
  var path = sealedEl.getAttribute("data-path");
  var root = sealedEl.getAttribute("data-root");
  var saltText = sealedEl.getAttribute("data-salt");
  var iterations = parseInt(sealedEl.getAttribute("data-iterations"), 10);
  var storeKey = "ledgersite-key:" + saltText + ":" + iterations;
  var form = document.getElementById("unlock");
  var input = document.getElementById("unlock-password");
  var message = document.getElementById("unlock-message");
  var working = document.getElementById("unlock-working");
  var TYPES = { ics: "text/calendar", csv: "text/csv" };

  function bytes(base64) {
    var text = atob(base64), out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }

  function base64(buffer) {
    var view = new Uint8Array(buffer), text = "";
    for (var i = 0; i < view.length; i++) text += String.fromCharCode(view[i]);
    return btoa(text);
  }

  function say(text) {
    working.hidden = true;
    message.textContent = text;
    message.hidden = !text;
  }

  function remembered() {
    try { return sessionStorage.getItem(storeKey); } catch (e) { return null; }
  }

  function remember(raw) {
    try {
      if (raw) sessionStorage.setItem(storeKey, raw); else sessionStorage.removeItem(storeKey);
    } catch (e) { /* private browsing without storage: the password is asked on every page */ }
  }

  function importKey(raw) {
    return crypto.subtle.importKey("raw", bytes(raw), "AES-GCM", false, ["decrypt"]);
  }

  function derive(password) {
    var encoded = new TextEncoder().encode(password);
    return crypto.subtle.importKey("raw", encoded, "PBKDF2", false, ["deriveBits"])
      .then(function (material) {
        return crypto.subtle.deriveBits(
          { name: "PBKDF2", salt: bytes(saltText), iterations: iterations, hash: "SHA-256" },
          material, 256);
      })
      .then(base64);
  }

  // The site path is the associated data: a file only opens at the place it was sealed for.
  function open(key, where, sealedText) {
    var sealed = bytes(sealedText.trim());
    return crypto.subtle.decrypt(
      { name: "AES-GCM", iv: sealed.slice(0, 12), additionalData: new TextEncoder().encode(where) },
      key, sealed.slice(12));
  }

  function sealedFiles() {
    return window.LEDGERSITE_SEALED || {};
  }

  // Data scripts are one global set to a JSON value: read as JSON, never run.
  function setData(key) {
    var files = sealedFiles(), jobs = [];
    Object.keys(files).forEach(function (where) {
      if (!/\.js$/.test(where)) return;
      jobs.push(open(key, where, files[where]).then(function (plain) {
        var text = new TextDecoder().decode(plain);
        var match = /^window\.([A-Za-z_$][\w$]*) = ([\s\S]*);\s*$/.exec(text);
        if (match) window[match[1]] = JSON.parse(match[2]);
      }));
    });
    return Promise.all(jobs);
  }

  function download(key, where, link) {
    var name = link.getAttribute("download") || where.split("/").pop();
    var type = TYPES[where.split(".").pop()] || "application/octet-stream";
    open(key, where, sealedFiles()[where]).then(function (plain) {
      var url = URL.createObjectURL(new Blob([plain], { type: type + ";charset=utf-8" }));
      var save = document.createElement("a");
      save.href = url;
      save.download = name;
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    });
  }

  // Links to the calendar feed and call sheets point at files that only exist sealed: they are
  // opened here and handed to the browser as a download.
  function catchDownloads(key) {
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href]") : null;
      if (!link) return;
      var href = link.getAttribute("href");
      if (href.indexOf(root) !== 0) return;
      var where = href.slice(root.length);
      if (/\.js$/.test(where) || !sealedFiles()[where]) return;
      event.preventDefault();
      download(key, where, link);
    });
  }

  // Scripts a web server added to the locked page (the live reload of `ledgersite serve`) go on
  // running in the opened page.
  function addedScripts() {
    var found = [];
    document.querySelectorAll("script[src]").forEach(function (script) {
      if (script.hasAttribute("data-lock")) return;
      found.push(Array.prototype.map.call(script.attributes, function (a) {
        return [a.name, a.value];
      }));
    });
    return found;
  }

  function show(key, html) {
    var added = addedScripts();
    return setData(key).then(function () {
      document.open();
      document.write(html);
      document.close();
      catchDownloads(key);
      added.forEach(function (attributes) {
        var script = document.createElement("script");
        attributes.forEach(function (a) { script.setAttribute(a[0], a[1]); });
        (document.head || document.documentElement).appendChild(script);
      });
    });
  }

  function unlock(raw) {
    return importKey(raw).then(function (key) {
      return open(key, path, sealedEl.textContent).then(function (plain) {
        var html = new TextDecoder().decode(plain);
        remember(raw);
        return show(key, html);
      });
    });
  }

  function ask() {
    working.hidden = true;
    form.hidden = false;
    input.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var password = input.value;
    if (!password) return;
    form.hidden = true;
    say("");
    working.hidden = false;
    derive(password).then(unlock).catch(function () {
      input.value = "";
      say("That password did not open the client book. Check it and try again " +
          "(capital letters count), or ask whoever looks after the book.");
      ask();
    });
  });

  if (!window.crypto || !crypto.subtle) {
    say("This browser cannot unlock the client book here. Open the site through its https:// " +
        "address (or from the folder on this device), in an up-to-date browser.");
    return;
  }
  var raw = remembered();
  if (raw) {
    working.hidden = false;
    // A remembered key that no longer opens the page means the password was changed.
    unlock(raw).catch(function () { remember(null); ask(); });
  } else {
    ask();
  }
})();
