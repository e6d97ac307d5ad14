// lobsite default theme: small progressive enhancements. Every page works
// without this file; it adds what needs a script. It is loaded in <head>,
// not deferred, so that a colour scheme chosen with the toggle (kept in
// localStorage) applies before the page is drawn; the rest waits for the
// page.
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  try {
    var chosen = localStorage.getItem("lobsite-thema");
    if (chosen === "donker" || chosen === "licht") root.dataset.thema = chosen;
  } catch (e) { /* no storage: follow the system */ }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();

  function init() {
    function all(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
    function iso(d) {
      return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
    }

    // Opened from disk (file://), folders do not show their index.html:
    // point links at it explicitly.
    if (location.protocol === "file:") {
      all("a[href]").forEach(function (a) {
        var h = a.getAttribute("href");
        if (/^[a-z][a-z0-9+.-]*:/i.test(h) || h.charAt(0) === "#") return;
        var m = h.match(/^([^#?]*\/)([?#].*)?$/);
        if (m) a.setAttribute("href", m[1] + "index.html" + (m[2] || ""));
        else if (h === "" || h === ".") a.setAttribute("href", "index.html");
      });
    }

    // Dark mode toggle: the choice is kept in localStorage.
    var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    function isDark() {
      var t = root.dataset.thema;
      return t ? t === "donker" : !!(dark && dark.matches);
    }
    all("[data-thema]").forEach(function (b) {
      b.hidden = false;
      b.setAttribute("aria-pressed", String(isDark()));
      b.addEventListener("click", function () {
        var t = isDark() ? "licht" : "donker";
        root.dataset.thema = t;
        try { localStorage.setItem("lobsite-thema", t); } catch (e) { /* private mode */ }
        b.setAttribute("aria-pressed", String(t === "donker"));
      });
    });

    // Escape closes the open menu and gives the focus back to its button.
    all("details.menu-smal").forEach(function (d) {
      d.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && d.open) {
          d.open = false;
          d.querySelector("summary").focus();
        }
      });
    });

    // Home page: the next three activities from today. Without a script the
    // link to the calendar stays.
    all("[data-binnenkort]").forEach(function (list) {
      var today = iso(new Date()), shown = 0;
      all("li", list).forEach(function (li) {
        if (shown < 3 && li.getAttribute("data-tot") >= today) {
          li.hidden = false;
          shown++;
        }
      });
      if (!shown) {
        list.hidden = true;
        all("[data-geen]", list.parentNode).forEach(function (p) { p.hidden = false; });
      }
    });

    // Exercise list: filter the cards by competency, leerjaar and werkvorm.
    all("form[data-filter]").forEach(function (form) {
      var cards = all(".kaart[data-werkvorm]");
      var count = form.querySelector("[data-telling]");
      function apply() {
        var n = 0;
        cards.forEach(function (c) {
          var ok = all("select", form).every(function (s) {
            return !s.value || (" " + c.getAttribute("data-" + s.name) + " ").indexOf(" " + s.value + " ") >= 0;
          });
          c.hidden = !ok;
          if (ok) n++;
        });
        count.textContent = n ? form.getAttribute("data-gevonden").replace("{n}", n).replace("{totaal}", cards.length) : form.getAttribute("data-geen");
      }
      form.addEventListener("change", apply);
      apply();
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      form.hidden = false;
    });

    // Calendar: filter the activities by leerjaar, sector and soort; a
    // periode without any shown activity is hidden. Without a script the
    // year pages are the way to one year's activities.
    all("form[data-kalenderfilter]").forEach(function (form) {
      var items = all(".agenda li[data-soort]");
      var count = form.querySelector("[data-telling]");
      function apply() {
        var n = 0;
        items.forEach(function (li) {
          var ok = all("select", form).every(function (s) {
            return !s.value || (" " + li.getAttribute("data-" + s.name) + " ").indexOf(" " + s.value + " ") >= 0;
          });
          li.hidden = !ok;
          if (ok) n++;
        });
        all(".agendagroep").forEach(function (g) {
          g.hidden = !all("li[data-soort]", g).some(function (li) { return !li.hidden; });
        });
        count.textContent = n ? form.getAttribute("data-gevonden").replace("{n}", n).replace("{totaal}", items.length) : form.getAttribute("data-geen");
      }
      form.addEventListener("change", apply);
      apply();
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      form.hidden = false;
    });

    // Table of contents: mark the heading being read.
    var links = all(".toc a[href^='#']");
    if (links.length && window.IntersectionObserver) {
      var byId = {}, heads = [];
      links.forEach(function (a) {
        var h = doc.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
        if (h) { byId[h.id] = a; heads.push(h); }
      });
      var mark = function () {
        var cur = heads[0];
        heads.forEach(function (h) { if (h.getBoundingClientRect().top < window.innerHeight / 3) cur = h; });
        links.forEach(function (a) { a.classList.toggle("hier", a === byId[cur.id]); });
      };
      var io = new IntersectionObserver(mark, { rootMargin: "0px 0px -60% 0px" });
      heads.forEach(function (h) { io.observe(h); });
      mark();
    }
  }
})();
