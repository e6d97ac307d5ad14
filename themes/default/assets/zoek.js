// lobsite default theme: search as you type. The index is made by lobsite
// build (its format is the doc of package generator/search): JavaScript
// files under zoek/ that this script loads with <script> elements, which
// work from disk and under any sub-path, where fetch does not. Without this
// script the search box stays hidden.
(() => {
  "use strict";
  var doc = document, base = doc.currentScript.src.replace(/[^\/]*$/, "");
  var got = {}, loads = {}, idx, pos = {}, kinds = [], masks = [], lang = "nl", stop = new Set(), stems = new Map();
  var WORD = /[\p{L}\p{N}\p{M}]+/gu, DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_", DIGIT = [];
  var EXACT = 3, PREFIX = 2, TYPO = 1, FACTOR = [0, 0.4, 0.6, 1];
  // The list shows five results at first, about what the panel shows
  // without scrolling (each may need a page file of its own), and ten more
  // for each press of its button.
  var FIRST = 5, MORE = 10;

  function len(s) { return [...s].length; }
  // load: the data of the index file zoek/<name>.js, which hands it to
  // __lobsiteZoek as it runs. A file is loaded once, again after an error.
  window.__lobsiteZoek = (name, data) => { got[name] = data; };
  function load(name) {
    return loads[name] || (loads[name] = new Promise((ok, fail) => {
      var s = doc.createElement("script");
      s.src = base + "zoek/" + name + ".js";
      s.onload = () => ok(got[name]);
      s.onerror = () => { delete loads[name]; fail(new Error(s.src)); };
      doc.head.appendChild(s);
    }));
  }

  // Folding, words and stems: the same rules as package search in Go.
  function fold(s) { return s.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase(); }
  function words(s) {
    return (fold(s).match(WORD) || []).filter((w) => len(w) >= 2 && !stop.has(w));
  }
  var V = "aeiouy\u00e8";
  function vowel(c) { return V.includes(c); }
  function nonV(c) { return !!c && !V.includes(c); }
  // stemEn: the light English rules of search.stemEnglish in Go.
  function stemEn(w) {
    var n = len(w), m;
    if (n < 4) return w;
    if (/ies$/.test(w) && n > 5) w = w.slice(0, -3) + "y";
    else if (/(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
    else if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    m = w.match(/^(.*?)(ing|ed)$/);
    if (m && !(m[2] === "ed" && /e$/.test(m[1])) && len(m[1]) >= 3 && /[aeiouy]/.test(m[1])) {
      w = m[1];
      if (/([bcdfghjkmnpqrtvwx])\1$/.test(w)) w = w.slice(0, -1);
    }
    return w;
  }
  // stemNl is the Dutch Snowball stemmer (the original Porter-style one).
  function stemNl(w) {
    // i and y between vowels and a leading y are consonants: I and Y.
    var s = w.replace(/^y/, "Y").replace(/([aeiouy\u00e8])(?:i([aeiouy\u00e8])|y)/g, (m, v, u) => v + (u ? "I" + u : "Y"));
    // R1 and R2 start after the first and the second vowel followed by a
    // non-vowel (R1 not before the fourth letter).
    var a = [...s], r = [], k, eFound;
    for (k = 1; k < a.length && r.length < 2; k++) if (vowel(a[k - 1]) && !vowel(a[k])) r.push(k + 1);
    var p1 = r[0] ? Math.max(r[0], 3) : a.length, p2 = r[1] || a.length;
    // end(x) tells whether s ends in x and sets k where x starts; cut()
    // drops the end from k.
    function end(x) { k = s.length - x.length; return s.endsWith(x); }
    function cut() { s = s.slice(0, k); }
    function undouble() { s = s.replace(/([kdt])\1$/, "$1"); }
    function en() { if (p1 <= k && nonV(s[k - 1]) && !s.slice(0, k).endsWith("gem")) { cut(); undouble(); } }
    function e() {
      eFound = end("e") && p1 <= k && nonV(s[k - 1]);
      if (eFound) { cut(); undouble(); }
    }
    function ig() { if (p2 <= k && s[k - 1] !== "e") { cut(); return true; } }
    if (end("heden")) { if (p1 <= k) s = s.slice(0, k) + "heid"; }
    else if (end("ene") || end("en")) en();
    else if ((end("se") || end("s")) && p1 <= k && nonV(s[k - 1]) && s[k - 1] !== "j") cut();
    e();
    if (end("heid") && p2 <= k && s[k - 1] !== "c") { cut(); if (end("en")) en(); }
    if (end("end") || end("ing")) { if (p2 <= k) { cut(); if (!(end("ig") && ig())) undouble(); } }
    else if (end("ig")) ig();
    else if (end("lijk")) { if (p2 <= k) { cut(); e(); } }
    else if (end("baar")) { if (p2 <= k) cut(); }
    else if (end("bar")) { if (p2 <= k && eFound) cut(); }
    // A doubled vowel before a final consonant is made single.
    s = s.replace(/([^aeiouy\u00e8])([aeou])\2([^aeiouy\u00e8I])$/, "$1$2$3");
    return s.replace(/I/g, "i").replace(/Y/g, "y");
  }
  // term: the index term of a folded word (search.Term in Go): a word with
  // a digit is its own term; in Dutch a final s after a vowel or t after a
  // consonant goes before stemming.
  function term(w) {
    var t = stems.get(w);
    if (t === undefined) {
      t = /[0-9]/.test(w) ? w : lang === "en" ? stemEn(w) : stemNl(len(w) >= 4 && /[aeiouy]s$|[^aeiouy]t$/.test(w) ? w.slice(0, -1) : w);
      stems.set(w, t);
    }
    return t;
  }
  // near: at most one edit apart (a letter changed, added, dropped, or two
  // neighbours swapped).
  function near(a, b) {
    a = [...a]; b = [...b];
    if (a.length > b.length) [a, b] = [b, a];
    var i = 0, same = (x, y) => a.slice(x).join() === b.slice(y).join();
    while (i < a.length && a[i] === b[i]) i++;
    if (b.length - a.length > 1) return false;
    return i === a.length || (a.length === b.length ? same(i + 1, i + 1) || a[i] === b[i + 1] && a[i + 1] === b[i] && same(i + 2, i + 2) : same(i, i + 1));
  }
  // matcher: how query word q finds an index term t, as quality(t)
  // (search.Match in Go); last for the last, unfinished word of a query.
  function matcher(q, last) {
    var v = term(q), typo = len(q) >= 5, typoV = len(v) >= 5;
    return (t) => t === v ? EXACT : last && (t.startsWith(q) || t.startsWith(v)) ? PREFIX : typo && (near(q, t) || typoV && near(v, t)) ? TYPO : 0;
  }

  // nums calls each with the numbers of s: five bits a character of
  // DIGITS, lowest first, plus 32 when more follow.
  for (var d = 0; d < 64; d++) DIGIT[DIGITS.charCodeAt(d)] = d;
  function nums(s, each) {
    for (var i = 0, v = 0, f = 1, d; i < s.length; i++) {
      d = DIGIT[s.charCodeAt(i)];
      v += (d & 31) * f;
      if (d & 32) f *= 32;
      else { each(v); v = 0; f = 1; }
    }
  }
  function ready() {
    return load("index").then((d) => {
      if (idx) return;
      idx = d; lang = d.taal; stop = new Set(d.stop.split(" "));
      d.sleutels.forEach((k, i) => { pos[k] = i; });
      nums(d.soort, (v) => { kinds.push(v); });
      nums(d.jaren, (v) => { masks.push(v); });
    });
  }
  // kind: [soort, label] of page id.
  function kind(id) { return idx.soorten[kinds[id] - 1] || ["", ""]; }
  // shards: the term files a word is looked up in; wide for the last word
  // of a query, whose two letters may begin a key of three.
  function shards(w, wide) {
    var r = [...w], k2 = r.slice(0, 2).join(""), k3 = r.slice(0, 3).join("");
    if (k3 in pos) return [pos[k3]];
    if (wide && r.length < 3) return idx.sleutels.flatMap((k, i) => k.startsWith(k2) ? [i] : []);
    return k2 in pos ? [pos[k2]] : [];
  }

  // search: the pages that match every word of q, best first, as {hits:
  // [page id], terms: the Set of index terms found}; opts.soort and
  // opts.jaar filter.
  function search(q, opts) {
    return ready().then(() => {
      var ws = words(q), open = !/\s$/.test(q);
      // Each word's term files, all loaded at once.
      return Promise.all(ws.map((w, i) => {
        var last = open && i === ws.length - 1, files = new Set([...shards(w, last), ...shards(term(w), last)]);
        return Promise.all([...files].map((s) => load("t-" + s))).then((lists) => ({ quality: matcher(w, last), lists }));
      }));
    }).then((per) => {
      var n = idx.n, total = null, terms = new Set(), groups = new Map();
      // A page's score is the sum over the words of its best match.
      per.forEach((p) => {
        var best = new Float32Array(n);
        p.lists.forEach((list) => {
          list.forEach(([t, posts]) => {
            var m = p.quality(t), id = -1;
            if (!m) return;
            terms.add(t);
            nums(posts, (v) => {
              var sc = (v & 3) * FACTOR[m];
              id += Math.floor(v / 4);
              if (sc > best[id]) best[id] = sc;
            });
          });
        });
        if (total) for (var i = 0; i < n; i++) total[i] = best[i] && total[i] ? total[i] + best[i] : 0;
        else total = best;
      });
      // The hits grouped by score (a few values), in page order within
      // one; then the groups best first.
      var soort = opts && opts.soort, jaar = opts && +opts.jaar;
      for (var i = 0; total && i < n; i++) {
        if (!total[i] || soort && kind(i)[0] !== soort || jaar && !(masks[i] & 2 ** (jaar - 1))) continue;
        var g = groups.get(total[i]);
        if (g) g.push(i); else groups.set(total[i], [i]);
      }
      return { hits: [...groups.keys()].sort((a, b) => b - a).flatMap((sc) => groups.get(sc)), terms };
    });
  }
  // page: the record of page id: [url, title, summary, [anchor, heading, text, ...]].
  function page(id) {
    return load("p-" + Math.floor(id / idx.per)).then((list) => list[id % idx.per]);
  }
  function hit(terms, w) { return terms.has(term(fold(w))); }
  // first: where the first word of text with a hit starts, or -1.
  function first(text, terms) {
    for (var m of text.matchAll(WORD)) if (hit(terms, m[0])) return m.index;
    return -1;
  }
  // section: of the sections of a record, the first with a hit in its
  // heading, else the first with one in its text, as [anchor, heading, text].
  function section(secs, terms) {
    for (var f = 1; f < 3; f++) {
      for (var i = 0; i < secs.length; i += 3) if (first(secs[i + f], terms) >= 0) return secs.slice(i, i + 3);
    }
  }
  // mark: text as nodes, the words whose stems were found in <mark>.
  function mark(el, text, terms) {
    var at = 0;
    for (var m of text.matchAll(WORD)) {
      if (!hit(terms, m[0])) continue;
      el.append(text.slice(at, m.index));
      add(el, "mark").textContent = m[0];
      at = m.index + m[0].length;
    }
    el.append(text.slice(at));
  }
  // snippet: some 180 characters of text from a little before its first hit.
  function snippet(text, terms) {
    var at = first(text, terms);
    if (at < 0) return text.length > 180 ? text.slice(0, text.lastIndexOf(" ", 180)) + " …" : text;
    var from = at < 60 ? 0 : text.lastIndexOf(" ", at - 50) + 1, to = text.indexOf(" ", from + 180);
    return (from ? "… " : "") + text.slice(from, to < 0 ? text.length : to) + (to < 0 ? "" : " …");
  }
  function add(parent, tag, cls) {
    var e = parent.appendChild(doc.createElement(tag));
    if (cls) e.className = cls;
    return e;
  }
  function href(url, anchor) {
    if (location.protocol === "file:" && /(^|\/)$/.test(url)) url += "index.html";
    return base + url + (anchor ? "#" + anchor : "");
  }

  function init() {
    var box = doc.querySelector("[data-zoek]");
    if (!box) return;
    var $ = (sel) => box.querySelector(sel);
    var input = $("input"), panel = $(".zoek-paneel"), list = $("ol"), count = $("[aria-live]"), shownCount = $("[data-aantal]");
    var soort = $("[name=soort]"), jaar = $("[name=leerjaar]"), more = $("[data-meer]"), seq = 0, shown = 0, last = null, quiet = false, prepared;
    box.hidden = false;
    function text(key, n) { return box.getAttribute("data-" + key).replace("{n}", n); }
    function close() { panel.hidden = true; }
    // say shows the number of results in the panel and announces it.
    function say(t) { count.textContent = t; if (shownCount) shownCount.textContent = t; }
    // prepare loads the index when the box first gets focus (a person
    // focuses it before typing) or a query, and fills the filters with the
    // soorten and leerjaren it has; without an index there is no box.
    function prepare() {
      return prepared || (prepared = ready().then(() => {
        idx.soorten.forEach((k, i) => { if (kinds.includes(i + 1)) soort.add(new Option(k[1], k[0])); });
        var all = masks.reduce((a, b) => a | b, 0);
        for (var y = 1; 2 ** (y - 1) <= all; y++) if (all & 2 ** (y - 1)) jaar.add(new Option(y, y));
      }, () => { box.hidden = true; }));
    }
    // render adds the next hits of res from from on to the list (FIRST
    // or MORE), unless another query started while their page files
    // loaded (my is its seq).
    function render(res, from, my) {
      var ids = res.hits.slice(from, from + (from ? MORE : FIRST)), tm = res.terms;
      return Promise.all(ids.map(page)).then((recs) => {
        if (my !== seq) return;
        recs.forEach(([url, title, summary, secs], j) => {
          // A hit in the title links the page itself, else the section
          // (and the result names its heading).
          var sec = section(secs, tm) || [], a = add(add(list, "li"), "a"), top = first(title, tm) >= 0;
          a.href = href(url, !top && sec[0]);
          add(a, "span", "zoek-soort").textContent = kind(ids[j])[1];
          mark(add(a, "span", "zoek-titel"), title, tm);
          if (sec[1] && !top) mark(add(a, "span", "zoek-kop"), sec[1], tm);
          mark(add(a, "span", "zoek-tekst"), snippet(sec[2] || summary || secs[2] || "", tm), tm);
        });
        shown = from + ids.length;
        more.hidden = shown >= res.hits.length;
      });
    }
    function run() {
      var q = input.value, opts = { soort: soort.value, jaar: jaar.value }, my = ++seq;
      // An empty box has no results, so Enter there opens nothing.
      if (!q.trim()) { close(); say(""); list.textContent = ""; last = null; more.hidden = true; return Promise.resolve([]); }
      return prepare().then(() => search(q, opts)).then((res) => {
        if (my !== seq) return [];
        var n = res.hits.length;
        last = res;
        list.textContent = "";
        panel.hidden = false;
        say(text(n > 1 ? "gevonden" : n ? "een" : "geen", n));
        return render(res, 0, my).then(() => res.hits);
      });
    }
    input.addEventListener("input", run);
    soort.addEventListener("change", run);
    jaar.addEventListener("change", run);
    more.addEventListener("click", () => {
      var from = shown;
      render(last, from, seq).then(() => { var li = list.children[from]; if (li) li.firstChild.focus(); });
    });
    function links() { return [...list.querySelectorAll("a")]; }
    box.addEventListener("keydown", (e) => {
      var ls = links(), i = ls.indexOf(doc.activeElement);
      if (e.key === "Escape") { close(); quiet = true; input.focus(); quiet = false; }
      else if (e.key === "ArrowDown" && (e.target === input || i >= 0) && ls.length) { e.preventDefault(); panel.hidden = false; ls[Math.min(i + 1, ls.length - 1)].focus(); }
      else if (e.key === "ArrowUp" && i >= 0) { e.preventDefault(); (i ? ls[i - 1] : input).focus(); }
      else if (e.key === "Enter" && e.target === input) {
        e.preventDefault();
        run().then(() => { var l = links()[0]; if (l) location.href = l.href; });
      }
    });
    doc.addEventListener("keydown", (e) => {
      var t = e.target;
      if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && !t.isContentEditable) {
        e.preventDefault();
        input.focus();
      }
    });
    doc.addEventListener("click", (e) => { if (!box.contains(e.target)) close(); });
    // Focus that leaves the search (Tab past it) closes the panel; a
    // click in the panel keeps focus in it (tabIndex -1).
    panel.tabIndex = -1;
    box.addEventListener("focusout", (e) => { if (e.relatedTarget && !box.contains(e.relatedTarget)) close(); });
    input.addEventListener("focus", () => {
      prepare();
      if (!quiet && input.value.trim() && list.firstChild) panel.hidden = false;
    });
    window.lobsiteZoek.run = run;
  }
  // For the tests: the rules of a language, without an index.
  function as(l, f, ...args) { lang = l; stems = new Map(); return f(...args); }
  window.lobsiteZoek = { fold, words, search, ready, term: (l, w) => as(l, term, w), match: (l, q, t, last) => as(l, () => matcher(q, last)(t)) };
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
