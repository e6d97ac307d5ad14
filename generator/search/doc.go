// Package search makes a site's search index (zoekindex): what the
// theme's zoek.js reads to answer a query in the browser, from file:// as
// under any sub-path. This comment specifies the index; generator/doc.go
// says which pages are in it, and the theme spec what zoek.js shows.
//
// # Files
//
// The index is JavaScript files under zoek/ in the site's root, each one
// call of the global function __lobsiteZoek with the file's name and its
// data, so that a <script> element loads it (fetch and XHR fail from
// file://):
//
//	zoek/index.js   __lobsiteZoek("index", {...});          one per site
//	zoek/t-<n>.js   __lobsiteZoek("t-<n>", [[term, postings], ...]);
//	zoek/p-<n>.js   __lobsiteZoek("p-<n>", [record, ...]);
//
// All text is UTF-8 JSON in which '<' is written \u003c, so that no file
// holds "</script>" or "<!--". zoek.js loads index.js first, then only the
// term files of the query's words and the page files of the results it
// shows.
//
// # Pages
//
// Pages have numbers 0 to n-1, in the order of the build's page list. Page
// file p-<k> holds the records of pages 10k to 10k+9 (the index's "per"),
// in that order; a page number without a page (a page whose body could not
// be read) has null for its record. A record is
//
//	[url, titel, samenvatting, [anchor, heading, text, anchor, heading, text, ...]]
//
// url is the page's address relative to the site root ("opdrachten/
// netwerkkaart/"); then come the page's sections in order: the text before
// the first heading with an id (anchor and heading "", left out when there
// is no such text), then one per heading with an id: its anchor, its text,
// and the text up to the next such heading. Text is without tags (and
// without what the script and style elements of raw HTML hold), with
// character references resolved and every run of white space one space,
// none at either end.
//
// # The index file
//
// index.js holds one object:
//
//	v         1, the version of this format
//	taal      the site's language, "nl" or "en": the stemming rules
//	stop      the stop words, folded, separated by single spaces
//	n         the number of pages
//	per       pages per page file (10)
//	sleutels  the keys of the term files, sorted: t-<i> holds the terms that
//	          begin with sleutels[i]
//	soorten   [[soort, label], ...]: the kinds results name, in the order the
//	          filter offers them ("opdracht", "Opdracht")
//	soort     one compact number per page: its soort's position in soorten
//	          plus one, 0 for none
//	jaren     one compact number per page: its leerjaren as bits, bit y-1
//	          for leerjaar y (1 to 60), 0 for none
//
// A compact number is written in groups of five bits, lowest first, each
// group one character of
//
//	0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_
//
// at its value, plus 32 when another group follows: 0 is "0", 31 "v", 32
// "w1" and 100 "A3" (4, and 3 times 32). A string of compact numbers needs
// no separators.
//
// # Terms
//
// A term is a word as the index and the query both make it: the text is
// split into words (runs of letters, digits and marks, \p{L}\p{N}\p{M});
// each is folded (Fold: compatibility decomposition, nonspacing marks
// dropped, lower case); words of one rune and stop words are left out;
// the rest become terms by Term (Dutch: a final s after a vowel or t after
// a consonant dropped, then the Dutch Snowball stemmer; English: the light
// rules of stemEnglish; a word with a digit stays as it is). A term file is
// a sorted list of [term, postings]; the terms of a file all begin with its
// key: the first two runes of the term, or three where the terms of two
// runes' beginning would make a file over 32 KB (then every term of that
// beginning is in a file keyed by its first three runes; a term of fewer
// runes than its key's length has a key of its own length).
//
// Postings are the pages that have the term, as one string of compact
// numbers, by page number: for each page, (page - previous page) << 2 |
// weight, with -1 as the previous page of the first. The weight says
// where on the page the term stands, at best: 3 in the titel, 2 in the
// samenvatting or a heading, 1 in the text.
//
// # Building
//
// Extract reads one page (its Doc and the HTML of its body) into a Page:
// its record and its words, each once with its weight. Build makes the
// files of all pages. A one-shot build hands each Page to a Spool as it is
// read, which writes the page files as soon as their ten pages are in, so
// that the records are not all held until Build; the files are the same.
package search
