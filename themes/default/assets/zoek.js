// lobsite default theme: search as you type. The index is made by lobsite
// build (its format is the doc of package generator/search): JavaScript
// files under zoek/ that this script loads with <script> elements, which
// work from disk and under any sub-path, where fetch does not. Without this
// script the search box stays hidden.
(function () {
  "use strict";
  var doc = document, base = doc.currentScript.src.replace(/[^\/]*$/, "");
  var files = {}, waits = {}, idx, pos = {}, kinds = [], masks = [], lang = "nl";
  var STOP = {
    nl: set("de het een en van in op met voor naar bij te is dat die er zijn aan om als of ook je jij ze hij zij we wij"),
    en: set("the an and of in on at to for with by from is are be that this it or as")
  };
  var WORD = /[\p{L}\p{N}\p{M}]+/gu, DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var EXACT = 3, PREFIX = 2, TYPO = 1, FACTOR = [0, 0.4, 0.6, 1];

  function set(s) { var m = {}; s.split(" ").forEach(function (w) { m[w] = true; }); return m; }
  window.__lobsiteZoek = function (name, data) {
    files[name] = data;
    (waits[name] || []).forEach(function (w) { w[0](data); });
    delete waits[name];
  };
  function load(name) {
    return new Promise(function (ok, fail) {
      if (files[name]) return ok(files[name]);
      if (!waits[name]) {
        waits[name] = [];
        var s = doc.createElement("script");
        s.src = base + "zoek/" + name + ".js";
        s.onerror = function () { (waits[name] || []).forEach(function (w) { w[1](new Error(s.src)); }); delete waits[name]; };
        doc.head.appendChild(s);
      }
      waits[name].push([ok, fail]);
    });
  }

  // Folding, words and stems: the same rules as package search in Go.
  function fold(s) { return s.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase(); }
  function words(s) {
    return (fold(s).match(WORD) || []).filter(function (w) { return Array.from(w).length >= 2 && !STOP[lang][w]; });
  }
  var V = "aeiouy\u00e8";
  function vowel(c) { return c !== undefined && c !== "" && V.indexOf(c) >= 0; }
  function nonV(c) { return c !== undefined && !vowel(c); }
  // stem is the Dutch Snowball stemmer (the original Porter-style one);
  // English words and words with a digit are their own stems.
  function stem(w) {
    if (lang === "en" || /[0-9]/.test(w)) return w;
    var a = Array.from(w), i, k, eFound = false;
    if (a[0] === "y") a[0] = "Y";
    for (i = 0; i < a.length; i++) {
      if (!vowel(a[i])) continue;
      if (a[i + 1] === "i" && vowel(a[i + 2])) { a[i + 1] = "I"; i += 2; } else if (a[i + 1] === "y") { a[i + 1] = "Y"; i++; }
    }
    var n = a.length, p1 = n, p2 = n;
    function past(i, v) { while (i < n && vowel(a[i]) !== v) i++; return i < n ? i + 1 : -1; }
    i = past(0, true);
    if (i >= 0) i = past(i, false);
    if (i >= 0) {
      p1 = Math.max(i, 3);
      i = past(i, true);
      if (i >= 0) i = past(i, false);
      if (i >= 0) p2 = i;
    }
    var s = a.join("");
    function ends(x) { return s.length >= x.length && s.slice(s.length - x.length) === x; }
    function undouble() { if (/(kk|dd|tt)$/.test(s)) s = s.slice(0, -1); }
    function en(k) {
      if (p1 <= k && nonV(s[k - 1]) && !(k >= 3 && s.slice(k - 3, k) === "gem")) { s = s.slice(0, k); undouble(); }
    }
    function e() {
      eFound = false;
      k = s.length - 1;
      if (s[k] === "e" && p1 <= k && nonV(s[k - 1])) { s = s.slice(0, k); eFound = true; undouble(); }
    }
    if (ends("heden")) { if (p1 <= s.length - 5) s = s.slice(0, -5) + "heid"; }
    else if (ends("ene")) en(s.length - 3);
    else if (ends("en")) en(s.length - 2);
    else if (ends("se") || ends("s")) {
      k = s.length - (ends("se") ? 2 : 1);
      if (p1 <= k && nonV(s[k - 1]) && s[k - 1] !== "j") s = s.slice(0, k);
    }
    e();
    if (ends("heid")) {
      k = s.length - 4;
      if (p2 <= k && s[k - 1] !== "c") { s = s.slice(0, k); if (ends("en")) en(s.length - 2); }
    }
    if (ends("end") || ends("ing")) {
      k = s.length - 3;
      if (p2 <= k) {
        s = s.slice(0, k);
        if (ends("ig") && p2 <= s.length - 2 && s[s.length - 3] !== "e") s = s.slice(0, -2); else undouble();
      }
    } else if (ends("ig")) { k = s.length - 2; if (p2 <= k && s[k - 1] !== "e") s = s.slice(0, k); }
    else if (ends("lijk")) { k = s.length - 4; if (p2 <= k) { s = s.slice(0, k); e(); } }
    else if (ends("baar")) { k = s.length - 4; if (p2 <= k) s = s.slice(0, k); }
    else if (ends("bar")) { k = s.length - 3; if (p2 <= k && eFound) s = s.slice(0, k); }
    n = s.length;
    if (n >= 4 && nonV(s[n - 1]) && s[n - 1] !== "I" && s[n - 2] === s[n - 3] && "aeou".indexOf(s[n - 2]) >= 0 && nonV(s[n - 4])) s = s.slice(0, n - 2) + s[n - 1];
    return s.replace(/I/g, "i").replace(/Y/g, "y");
  }
  // term: the index term of a folded word (search.Term in Go).
  var stems = {};
  function term(w) {
    if (stems[w]) return stems[w];
    var x = w, c = w.slice(-1), v = vowel(w.slice(-2, -1)) && w.slice(-2, -1) !== "\u00e8";
    if (lang !== "en" && Array.from(w).length >= 4 && (c === "s" && v || c === "t" && !v)) x = w.slice(0, -1);
    return (stems[w] = stem(x));
  }
  function near(a, b) {
    a = Array.from(a); b = Array.from(b);
    if (a.length > b.length) { var t = a; a = b; b = t; }
    if (b.length - a.length > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (i === a.length) return true;
    var x = a.join(""), y = b.join("");
    if (a.length === b.length) {
      return x.slice(i + 1) === y.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && x.slice(i + 2) === y.slice(i + 2));
    }
    return x.slice(i) === y.slice(i + 1);
  }
  // match: how query word q finds index term t (search.Match in Go).
  function match(q, t, last) {
    var v = term(q);
    if (t === v) return EXACT;
    if (last && (t.indexOf(q) === 0 || t.indexOf(v) === 0)) return PREFIX;
    if (Array.from(q).length >= 5 && (near(q, t) || Array.from(v).length >= 5 && near(v, t))) return TYPO;
    return 0;
  }

  function nums(s, each) {
    for (var i = 0, v = 0, sh = 0; i < s.length; i++) {
      var d = DIGITS.indexOf(s[i]);
      v += (d & 31) * Math.pow(2, sh);
      if (d & 32) { sh += 5; continue; }
      each(v); v = 0; sh = 0;
    }
  }
  function ready() {
    return idx ? Promise.resolve() : load("index").then(function (d) {
      idx = d; lang = d.taal === "en" ? "en" : "nl";
      d.sleutels.forEach(function (k, i) { pos[k] = i; });
      nums(d.soort, function (v) { kinds.push(v); });
      nums(d.jaren, function (v) { masks.push(v); });
    });
  }
  // shards: the term files a word is looked up in.
  function shards(w, wide) {
    var r = Array.from(w), k2 = r.slice(0, 2).join(""), k3 = r.slice(0, 3).join("");
    if (pos[k3] !== undefined) return [pos[k3]];
    if (wide && r.length < 3) return idx.sleutels.map(function (k, i) { return k.indexOf(k2) === 0 ? i : -1; }).filter(function (i) { return i >= 0; });
    return pos[k2] !== undefined ? [pos[k2]] : [];
  }

  // search: the pages that match every word of q, best first, as
  // {id, score, terms}; opts.soort and opts.jaar filter.
  function search(q, opts) {
    return ready().then(function () {
      var ws = words(q), lastOpen = !/\s$/.test(q), need = [];
      var per = ws.map(function (w, i) {
        var last = lastOpen && i === ws.length - 1, list = [];
        [w, term(w)].forEach(function (x) { shards(x, last).forEach(function (s) { if (list.indexOf(s) < 0) list.push(s); }); });
        list.forEach(function (s) { if (need.indexOf(s) < 0) need.push(s); });
        return { w: w, last: last, shards: list };
      });
      return Promise.all(need.map(function (s) { return load("t-" + s); })).then(function () {
        var n = idx.n, total = null, terms = {};
        per.forEach(function (p) {
          var best = new Float32Array(n);
          p.shards.forEach(function (s) {
            files["t-" + s].forEach(function (e) {
              var m = match(p.w, e[0], p.last);
              if (!m) return;
              terms[e[0]] = true;
              var id = -1;
              nums(e[1], function (v) {
                id += Math.floor(v / 4);
                var sc = (v & 3) * FACTOR[m];
                if (sc > best[id]) best[id] = sc;
              });
            });
          });
          if (!total) total = best;
          else for (var i = 0; i < n; i++) total[i] = best[i] && total[i] ? total[i] + best[i] : 0;
        });
        var out = [];
        if (!total) return { hits: out, terms: terms };
        var soort = opts && opts.soort, jaar = opts && +opts.jaar;
        for (var i = 0; i < n; i++) {
          if (!total[i]) continue;
          if (soort && idx.soorten[kinds[i] - 1][0] !== soort) continue;
          if (jaar && !(masks[i] & Math.pow(2, jaar - 1))) continue;
          out.push({ id: i, score: total[i] });
        }
        out.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
        return { hits: out, terms: terms };
      });
    });
  }
  // page: the record of page id: {url, title, summary, sections: [[anchor, heading, text]]}.
  function page(id) {
    return load("p-" + Math.floor(id / idx.per)).then(function (list) {
      var r = list[id % idx.per], secs = [];
      for (var i = 0; i < r[3].length; i += 3) secs.push(r[3].slice(i, i + 3));
      return { url: r[0], title: r[1], summary: r[2], sections: secs, kind: idx.soorten[kinds[id] - 1] || ["", ""], years: masks[id] };
    });
  }
  function hit(terms, w) { return terms[term(fold(w))]; }
  function hasHit(terms, s) { return (s.match(WORD) || []).some(function (w) { return hit(terms, w); }); }
  // mark: text as nodes, the words whose stems were found in <mark>.
  function mark(el, text, terms) {
    var at = 0;
    text.replace(WORD, function (w, i) {
      if (hit(terms, w)) {
        el.appendChild(doc.createTextNode(text.slice(at, i)));
        el.appendChild(doc.createElement("mark")).textContent = w;
        at = i + w.length;
      }
      return w;
    });
    el.appendChild(doc.createTextNode(text.slice(at)));
  }
  function snippet(text, terms) {
    var m, first = -1;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) if (hit(terms, m[0])) { first = m.index; break; }
    WORD.lastIndex = 0;
    if (first < 0) return text.length > 180 ? text.slice(0, text.lastIndexOf(" ", 180)) + " …" : text;
    var from = first < 60 ? 0 : text.lastIndexOf(" ", first - 50) + 1, to = text.indexOf(" ", from + 180);
    return (from ? "… " : "") + text.slice(from, to < 0 ? text.length : to) + (to < 0 ? "" : " …");
  }
  function href(p, anchor) {
    var u = p.url;
    if (location.protocol === "file:" && (u === "" || /\/$/.test(u))) u += "index.html";
    return base + u + (anchor ? "#" + anchor : "");
  }

  function init() {
    var box = doc.querySelector("[data-zoek]");
    if (!box) return;
    var input = box.querySelector("input"), panel = box.querySelector(".zoek-paneel"), list = box.querySelector("ol");
    var count = box.querySelector("[aria-live]"), soort = box.querySelector("[name=soort]"), jaar = box.querySelector("[name=leerjaar]");
    var more = box.querySelector("[data-meer]"), seq = 0, shown = 0, last = null;
    box.hidden = false;
    function text(key, n) { return box.getAttribute("data-" + key).replace("{n}", n); }
    function close() { panel.hidden = true; }
    function render(res, from) {
      var ids = res.hits.slice(from, from + 10);
      return Promise.all(ids.map(function (h) { return page(h.id); })).then(function (pages) {
        pages.forEach(function (p) {
          var sec = null, i;
          for (i = 0; !sec && i < p.sections.length; i++) if (hasHit(res.terms, p.sections[i][1])) sec = p.sections[i];
          for (i = 0; !sec && i < p.sections.length; i++) if (hasHit(res.terms, p.sections[i][2])) sec = p.sections[i];
          var a = list.appendChild(doc.createElement("li")).appendChild(doc.createElement("a"));
          a.href = href(p, sec && sec[0]);
          var k = a.appendChild(doc.createElement("span"));
          k.className = "zoek-soort";
          k.textContent = p.kind[1];
          mark(a.appendChild(doc.createElement("span")), p.title, res.terms);
          a.lastChild.className = "zoek-titel";
          if (sec && sec[1]) {
            var h = a.appendChild(doc.createElement("span"));
            h.className = "zoek-kop";
            mark(h, sec[1], res.terms);
          }
          var t = a.appendChild(doc.createElement("span"));
          t.className = "zoek-tekst";
          mark(t, snippet(sec && sec[2] ? sec[2] : p.summary || (p.sections[0] || [])[2] || "", res.terms), res.terms);
        });
        shown = from + ids.length;
        more.hidden = shown >= res.hits.length;
      });
    }
    function run() {
      var q = input.value, my = ++seq;
      if (!q.trim()) { close(); count.textContent = ""; return Promise.resolve([]); }
      return search(q, { soort: soort.value, jaar: jaar.value }).then(function (res) {
        if (my !== seq) return [];
        last = res;
        list.textContent = "";
        var n = res.hits.length;
        count.textContent = n ? text(n === 1 ? "een" : "gevonden", n) : text("geen", 0);
        panel.hidden = false;
        return render(res, 0).then(function () { return res.hits; });
      });
    }
    ready().then(function () {
      idx.soorten.forEach(function (k) {
        if (idx.soort.indexOf(DIGITS[idx.soorten.indexOf(k) + 1]) >= 0) soort.add(new Option(k[1], k[0]));
      });
      var all = masks.reduce(function (a, b) { return a | b; }, 0);
      for (var y = 1; Math.pow(2, y - 1) <= all; y++) if (all & Math.pow(2, y - 1)) jaar.add(new Option(String(y), String(y)));
    }, function () { box.hidden = true; });
    input.addEventListener("input", run);
    soort.addEventListener("change", run);
    jaar.addEventListener("change", run);
    more.addEventListener("click", function () {
      var first = shown;
      render(last, first).then(function () { var a = list.children[first]; if (a) a.firstChild.focus(); });
    });
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    box.addEventListener("keydown", function (e) {
      var ls = links(), i = ls.indexOf(doc.activeElement);
      if (e.key === "Escape") { close(); input.focus(); }
      else if (e.key === "ArrowDown" && (e.target === input || i >= 0) && ls.length) { e.preventDefault(); panel.hidden = false; ls[Math.min(i + 1, ls.length - 1)].focus(); }
      else if (e.key === "ArrowUp" && i >= 0) { e.preventDefault(); (i ? ls[i - 1] : input).focus(); }
      else if (e.key === "Enter" && e.target === input) {
        e.preventDefault();
        run().then(function () { var l = links()[0]; if (l) location.href = l.href; });
      }
    });
    doc.addEventListener("keydown", function (e) {
      var t = e.target;
      if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && !t.isContentEditable) {
        e.preventDefault();
        input.focus();
      }
    });
    doc.addEventListener("click", function (e) { if (!box.contains(e.target)) close(); });
    input.addEventListener("focus", function () { if (input.value.trim() && list.firstChild) panel.hidden = false; });
    window.lobsiteZoek.run = run;
  }
  window.lobsiteZoek = { fold: fold, words: words, term: function (l, w) { lang = l; stems = {}; return term(w); }, match: function (l, q, t, last) { lang = l; stems = {}; return match(q, t, last); }, search: search };
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
