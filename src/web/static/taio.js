// SPDX-License-Identifier: MIT
// taio's pages work without this file. With it, times count down live and
// parts marked data-refresh reload themselves, so a promise coming due
// shows up without reloading the page; search fields marked data-typeahead
// list their matches while one types. The server passes everything
// through data-* attributes: the clock (data-now, which TAIO_NOW may set)
// and the translated words (data-t-*).
(function () {
  "use strict";
  var body = document.body;
  var serverNow = Number(body.dataset.now || 0);
  var loadedAt = Date.now();

  function now() {
    return serverNow + Math.floor((Date.now() - loadedAt) / 1000);
  }

  function fill(template, values) {
    var i = 0;
    return template.replace(/%(lld|s)/g, function () { return String(values[i++]); });
  }

  function span(seconds) {
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
      return fill(body.dataset.tMin, [minutes]);
    }
    if (minutes < 48 * 60) {
      return fill(body.dataset.tHmin, [Math.floor(minutes / 60), minutes % 60]);
    }
    var days = Math.floor(minutes / 1440);
    return fill(days === 1 ? body.dataset.tDay : body.dataset.tDays, [days]);
  }

  function tick() {
    var at = now();
    document.querySelectorAll("[data-at]").forEach(function (el) {
      var diff = Number(el.dataset.at) - at;
      var overdue = diff < 0;
      el.textContent = fill(overdue ? body.dataset.tOverdue : body.dataset.tLeft,
                            [span(Math.abs(diff))]);
      el.classList.toggle("overdue", overdue);
    });
  }

  function refresh() {
    document.querySelectorAll("[data-refresh]").forEach(function (el) {
      load(el, el.dataset.refresh, function () {
        // A list carries the server's clock as of when it was made.
        var clock = el.querySelector("[data-now]");
        if (clock) {
          serverNow = Number(clock.dataset.now);
          loadedAt = Date.now();
        }
        tick();
      });
    });
  }

  // Fetch a fragment of this server's HTML into el (its strings are
  // escaped by the server).
  function load(el, url, then) {
    fetch(url, { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.text();
      })
      .then(function (html) {
        el.innerHTML = html;
        if (then) { then(); }
      })
      .catch(function () { /* keep what is shown; try again later */ });
  }

  // Matches as one types (after a short pause), into the element named by
  // data-target; the down arrow moves to the first match.
  function typeahead(input) {
    var target = document.getElementById(input.dataset.target);
    var timer = 0;
    var asked = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q === asked) { return; }
        asked = q;
        load(target, input.dataset.typeahead + "&q=" + encodeURIComponent(q));
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      var first = target.querySelector("a");
      if (e.key === "ArrowDown" && first) {
        e.preventDefault();
        first.focus();
      }
    });
    target.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(target.querySelectorAll("a"));
      var i = links.indexOf(document.activeElement);
      if (i < 0) { return; }
      if (e.key === "ArrowDown" && i + 1 < links.length) {
        e.preventDefault();
        links[i + 1].focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        (i > 0 ? links[i - 1] : input).focus();
      }
    });
  }

  // The lessons of similar past cases, asked again (after a pause) as the
  // fields named by data-from are typed into.
  function lessons(list) {
    var fields = list.dataset.from.split(" ").map(function (id) {
      return document.getElementById(id);
    }).filter(Boolean);
    var timer = 0;
    var asked = "";
    function ask() {
      var text = fields.map(function (f) { return f.value; }).join(" ").trim();
      if (text === asked) { return; }
      asked = text;
      load(list, list.dataset.lessons + "?text=" + encodeURIComponent(text));
    }
    fields.forEach(function (f) {
      f.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(ask, 400);
      });
    });
    ask();
  }

  document.querySelectorAll("input[data-typeahead]").forEach(typeahead);
  document.querySelectorAll("[data-lessons]").forEach(lessons);
  tick();
  setInterval(tick, 15000);
  var every = Number(body.dataset.refreshSeconds || 0);
  if (every > 0 && document.querySelector("[data-refresh]")) {
    setInterval(refresh, every * 1000);
  }
})();
