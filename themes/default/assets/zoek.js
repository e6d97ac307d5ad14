// lobsite default theme: search as you type. The index is made by lobsite
// build (its format is the doc of package generator/search): JavaScript
// files under zoek/ that this script loads with <script> elements, which
// work from disk and under any sub-path, where fetch does not. Without this
// script the search box stays hidden.
(() => {
  "use strict";
  var doc = document, base = doc.currentScript.src.replace(/[^\/]*$/, "");
  var files = {}, waits = {}, idx, pos = {}, kinds = [], masks = [], lang = "nl", stop = {};
  var WORD = /[\p{L}\p{N}\p{M}]+/gu, DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var EXACT = 3, PREFIX = 2, TYPO = 1, FACTOR = [0, 0.4, 0.6, 1];

  function chars(s) { return [...s]; }
  function set(s) { var m = {}; s.split(" ").forEach((w) => { m[w] = true; }); return m; }
  window.__lobsiteZoek = (name, data) => {
    files[name] = data;
    (waits[name] || []).forEach((w) => { w[0](data); });
    delete waits[name];
  };
  function load(name) {
    return new Promise((ok, fail) => {
      if (files[name]) return ok(files[name]);
      if (!waits[name]) {
        waits[name] = [];
        var s = doc.createElement("script");
        s.src = base + "zoek/" + name + ".js";
        s.onerror = () => { (waits[name] || []).forEach((w) => { w[1](new Error(s.src)); }); delete waits[name]; };
        doc.head.appendChild(s);
      }
      waits[name].push([ok, fail]);
    });
  }

  // Folding, words and stems: the same rules as package search in Go.
  function fold(s) { return s.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase(); }
  function words(s) {
    return (fold(s).match(WORD) || []).filter((w) => chars(w).length >= 2 && !stop[w]);
  }
  var V = "aeiouy\u00e8";
  function vowel(c) { return !!c && V.includes(c); }
  function nonV(c) { return !!c && !V.includes(c); }
  // stemEn: the light English rules of search.stemEnglish in Go.
  function stemEn(w) {
    var n = chars(w).length, m;
    if (n < 4) return w;
    if (/ies$/.test(w) && n > 5) w = w.slice(0, -3) + "y";
    else if (/(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
    else if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    m = w.match(/^(.*?)(ing|ed)$/);
    if (m && !(m[2] === "ed" && /e$/.test(m[1])) && chars(m[1]).length >= 3 && /[aeiouy]/.test(m[1])) {
      w = m[1];
      if (/([bcdfghjkmnpqrtvwx])\1$/.test(w)) w = w.slice(0, -1);
    }
    return w;
  }
  // stem is the Dutch Snowball stemmer (the original Porter-style one);
  // words with a digit are their own stems.
  function stem(w) {
    if (/[0-9]/.test(w)) return w;
    if (lang === "en") return stemEn(w);
    var a = chars(w), i, k, eFound = false;
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
    var x = w, c = w.slice(-1), v = "aeiouy".includes(w.slice(-2, -1));
    if (lang !== "en" && chars(w).length >= 4 && (c === "s" && v || c === "t" && !v)) x = w.slice(0, -1);
    return (stems[w] = stem(x));
  }
  // near: at most one edit apart (a letter changed, added, dropped, or two
  // neighbours swapped).
  function near(a, b) {
    a = chars(a); b = chars(b);
    if (a.length > b.length) [a, b] = [b, a];
    var i = 0, same = (x, y) => a.slice(x).join() === b.slice(y).join();
    while (i < a.length && a[i] === b[i]) i++;
    if (b.length - a.length > 1) return false;
    return i === a.length || (a.length === b.length ? same(i + 1, i + 1) || a[i] === b[i + 1] && a[i + 1] === b[i] && same(i + 2, i + 2) : same(i, i + 1));
  }
  // match: how query word q finds index term t (search.Match in Go).
  function match(q, t, last) {
    var v = term(q);
    if (t === v) return EXACT;
    if (last && (t.indexOf(q) === 0 || t.indexOf(v) === 0)) return PREFIX;
    if (chars(q).length >= 5 && (near(q, t) || chars(v).length >= 5 && near(v, t))) return TYPO;
    return 0;
  }

  function nums(s, each) {
    for (var i = 0, v = 0, sh = 0; i < s.length; i++) {
      var d = DIGITS.indexOf(s[i]);
      v += (d & 31) * 2 ** sh;
      if (d & 32) { sh += 5; continue; }
      each(v); v = 0; sh = 0;
    }
  }
  function ready() {
    return idx ? Promise.resolve() : load("index").then((d) => {
      idx = d; lang = d.taal; stop = set(d.stop);
      d.sleutels.forEach((k, i) => { pos[k] = i; });
      nums(d.soort, (v) => { kinds.push(v); });
      nums(d.jaren, (v) => { masks.push(v); });
    });
  }
  // shards: the term files a word is looked up in.
  function shards(w, wide) {
    var r = chars(w), k2 = r.slice(0, 2).join(""), k3 = r.slice(0, 3).join("");
    if (pos[k3] !== undefined) return [pos[k3]];
    if (wide && r.length < 3) return idx.sleutels.map((k, i) => k.indexOf(k2) === 0 ? i : -1).filter((i) => i >= 0);
    return pos[k2] !== undefined ? [pos[k2]] : [];
  }

  // search: the pages that match every word of q, best first, as
  // {id, score, terms}; opts.soort and opts.jaar filter.
  function search(q, opts) {
    return ready().then(() => {
      var ws = words(q), lastOpen = !/\s$/.test(q), need = [];
      var per = ws.map((w, i) => {
        var last = lastOpen && i === ws.length - 1, list = [];
        [w, term(w)].forEach((x) => { shards(x, last).forEach((s) => { if (list.indexOf(s) < 0) list.push(s); }); });
        list.forEach((s) => { if (need.indexOf(s) < 0) need.push(s); });
        return { w: w, last: last, shards: list };
      });
      return Promise.all(need.map((s) => load("t-" + s))).then(() => {
        var n = idx.n, total = null, terms = {};
        per.forEach((p) => {
          var best = new Float32Array(n);
          p.shards.forEach((s) => {
            files["t-" + s].forEach((e) => {
              var m = match(p.w, e[0], p.last);
              if (!m) return;
              terms[e[0]] = true;
              var id = -1;
              nums(e[1], (v) => {
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
          if (jaar && !(masks[i] & 2 ** (jaar - 1))) continue;
          out.push({ id: i, score: total[i] });
        }
        out.sort((a, b) => b.score - a.score || a.id - b.id);
        return { hits: out, terms: terms };
      });
    });
  }
  // page: the record of page id: {url, title, summary, sections: [[anchor, heading, text]]}.
  function page(id) {
    return load("p-" + Math.floor(id / idx.per)).then((list) => {
      var r = list[id % idx.per], secs = [];
      for (var i = 0; i < r[3].length; i += 3) secs.push(r[3].slice(i, i + 3));
      return { url: r[0], title: r[1], summary: r[2], sections: secs, kind: idx.soorten[kinds[id] - 1] || ["", ""], years: masks[id] };
    });
  }
  function hit(terms, w) { return terms[term(fold(w))]; }
  function hasHit(terms, s) { return (s.match(WORD) || []).some((w) => hit(terms, w)); }
  // mark: text as nodes, the words whose stems were found in <mark>.
  function mark(el, text, terms) {
    var at = 0;
    text.replace(WORD, (w, i) => {
      if (hit(terms, w)) {
        el.appendChild(doc.createTextNode(text.slice(at, i)));
        add(el, "mark").textContent = w;
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
  function add(parent, tag, cls) {
    var e = parent.appendChild(doc.createElement(tag));
    if (cls) e.className = cls;
    return e;
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
    // render adds hits from..from+9 of res to the list, unless another
    // query started while their page files loaded (my is its seq).
    function render(res, from, my) {
      var ids = res.hits.slice(from, from + 10);
      return Promise.all(ids.map((h) => page(h.id))).then((pages) => {
        if (my !== seq) return;
        pages.forEach((p) => {
          var sec = null, i;
          for (i = 0; !sec && i < p.sections.length; i++) if (hasHit(res.terms, p.sections[i][1])) sec = p.sections[i];
          for (i = 0; !sec && i < p.sections.length; i++) if (hasHit(res.terms, p.sections[i][2])) sec = p.sections[i];
          var a = add(add(list, "li"), "a"), tm = res.terms;
          a.href = href(p, sec && sec[0]);
          add(a, "span", "zoek-soort").textContent = p.kind[1];
          mark(add(a, "span", "zoek-titel"), p.title, tm);
          if (sec && sec[1]) mark(add(a, "span", "zoek-kop"), sec[1], tm);
          mark(add(a, "span", "zoek-tekst"), snippet(sec && sec[2] ? sec[2] : p.summary || (p.sections[0] || [])[2] || "", tm), tm);
        });
        shown = from + ids.length;
        more.hidden = shown >= res.hits.length;
      });
    }
    function run() {
      var q = input.value, my = ++seq;
      if (!q.trim()) { close(); count.textContent = ""; return Promise.resolve([]); }
      return search(q, { soort: soort.value, jaar: jaar.value }).then((res) => {
        if (my !== seq) return [];
        last = res;
        list.textContent = "";
        var n = res.hits.length;
        count.textContent = n ? text(n === 1 ? "een" : "gevonden", n) : text("geen", 0);
        panel.hidden = false;
        return render(res, 0, my).then(() => res.hits);
      });
    }
    ready().then(() => {
      idx.soorten.forEach((k, i) => {
        if (kinds.includes(i + 1)) soort.add(new Option(k[1], k[0]));
      });
      var all = masks.reduce((a, b) => a | b, 0);
      for (var y = 1; 2 ** (y - 1) <= all; y++) if (all & 2 ** (y - 1)) jaar.add(new Option(String(y), String(y)));
    }, () => { box.hidden = true; });
    input.addEventListener("input", run);
    soort.addEventListener("change", run);
    jaar.addEventListener("change", run);
    more.addEventListener("click", () => {
      var first = shown;
      render(last, first, seq).then(() => { var a = list.children[first]; if (a) a.firstChild.focus(); });
    });
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    box.addEventListener("keydown", (e) => {
      var ls = links(), i = ls.indexOf(doc.activeElement);
      if (e.key === "Escape") { close(); input.focus(); }
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
    input.addEventListener("focus", () => { if (input.value.trim() && list.firstChild) panel.hidden = false; });
    window.lobsiteZoek.run = run;
  }
  window.lobsiteZoek = { fold, words, search, ready, term: (l, w) => { lang = l; stems = {}; return term(w); }, match: (l, q, t, last) => { lang = l; stems = {}; return match(q, t, last); } };
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
