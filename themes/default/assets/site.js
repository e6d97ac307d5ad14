// lobsite default theme: small progressive enhancements.
(function () {
  "use strict";
  // Opened from disk (file://), folders do not show their index.html:
  // point links at it explicitly.
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var h = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(h) || h.charAt(0) === "#") return;
      var m = h.match(/^([^#?]*\/)([?#].*)?$/);
      if (m) a.setAttribute("href", m[1] + "index.html" + (m[2] || ""));
      else if (h === "" || h === ".") a.setAttribute("href", "index.html");
    });
  }
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
})();
