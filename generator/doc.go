// Package generator builds a lobsite site: a school's LOB handbook
// (loopbaanoriëntatie en -begeleiding) in Markdown, turned into static HTML.
// This comment is the specification of a site folder.
//
// # The site folder
//
// A site folder holds content/ and, optionally, themes/:
//
//	content/site.yaml              settings (YAML)
//	content/_index.md              introduction of the home page
//	content/competenties/<id>.md   the loopbaancompetenties
//	content/kernvragen/<id>.md     the kernvragen
//	content/opdrachten/<id>.md     exercises
//	content/kalender/<id>.md       sector-orientation activities
//	content/sectoren/<id>.md       outflow directions (uitstroomrichtingen)
//	content/modellen/<id>.md       the four LOB models
//	content/gesprekken/<id>.md     conversation guides
//	content/<map>/_index.md        introduction of a folder's list page
//	content/**/<naam>.md           free pages (handbook chapters)
//	content/**/<bestand>           other files (images, PDFs), copied as they are
//	themes/<thema>/                overrides of the built-in theme, file by file
//
// The id of a page is its file name without .md, as a slug (see package
// slug): lower case, accents dropped, every other run of characters a
// hyphen. Pages refer to each other by id in front matter, and by relative
// path to the source file in Markdown links ([tekst](../competenties/netwerken.md#anker)).
// Hidden files and editor leftovers (*.swp, *~, ~$*, .DS_Store, ...) are
// ignored. A symbolic link is followed when it points to a file inside the
// site folder (an error otherwise; links to folders are not followed, with
// a warning). Named pipes, sockets and devices are skipped with a warning.
//
// # Settings (content/site.yaml)
//
//	school               the school's name (required)
//	titel                the site title (required)
//	taal                 nl (default) or en: the language of the theme's texts
//	model                1–4, the school's chosen LOB model (required)
//	groeipad             ascending list of models, ending at or after model
//	schooljaar           "2026-2027": 1 August 2026 to 31 July 2027 (required)
//	leerjaren            number of school years, default 6
//	perioden             list of {naam, start, eind}, ISO dates inside the school year
//	basis_url            absolute URL; adds canonical links and sitemap.xml
//	thema                theme folder under themes/, default "default"
//	toegestane_domeinen  e-mail domains that may appear in the text
//	toegestane_nummers   the school's phone numbers that may appear, in any notation
//	ruwe_html            true renders raw HTML in Markdown (trusted authors only); default false
//	werkblad_secties     headings of an exercise's pupil part; default [Zo werk je, Werkblad]
//
// # Front matter
//
// Every Markdown file starts with front matter: YAML between lines of ---,
// TOML between lines of +++, or a JSON object between a line { and a line }
// followed by an empty line. Keys are Dutch. All pages: titel (required),
// samenvatting, volgorde (integer, sorts lists), concept (true: left out
// unless --drafts). Per folder:
//
//	competenties  nummer (1–5, unique), kernvragen (≥1 ids)
//	kernvragen    coachgesprek (bool)
//	opdrachten    competenties (≥1 ids), kernvragen, leerjaren (≥1, within 1..leerjaren),
//	              duur (minutes), werkvorm (individueel|duo|groep|klassikaal), sectoren,
//	              materialen (strings), werkblad (bool: false = no worksheet),
//	              werkblad_secties (headings of the pupil part, instead of site.yaml's)
//	kalender      soort (bedrijfsbezoek|gastspreker|meeloopdag|beurs|open-dag|stage|workshop|gesprek|overig),
//	              datum (YYYY-MM-DD, required, inside the school year), tot (end date),
//	              tijd (HH:MM-HH:MM), leerjaren (required), sectoren, competenties,
//	              opdrachten (preparation and reflection), locatie
//	sectoren      beroepen, certificaten (strings)
//	modellen      nummer (1–4, unique)
//	gesprekken    soort (coachgesprek|loopbaangesprek|iop-gesprek|opp-evaluatie|stage-evaluatie),
//	              kernvragen, competenties, leerjaren, deelnemers (strings), frequentie
//
// A list may be written as [a, b], as lines with dashes, or as one value.
// Values YAML 1.1 would read as booleans (ja, nee, yes, no, on, off) stay
// text. Dates are read in Europe/Amsterdam, whatever the machine's zone.
//
// # Output
//
// content/x/y.md becomes x/y/index.html; a folder's list page is
// x/index.html; the home page index.html; the year pages leerjaren/<n>/index.html
// and leerjaren/index.html. Every internal link is relative,
// so the output works under any sub-path of a web server. The build also
// writes 404.html, the theme's assets (style.css, site.js), the agenda
// files of the kalender (kalender.ics, kalender/leerjaar-<n>.ics,
// kalender/sector-<id>.ics: iCalendar, see package agenda) and, when
// basis_url is set, sitemap.xml. HTML, CSS and JS are minified unless
// Options.NoMinify. The same input gives byte-identical output.
//
// Derived cross-links: a competency lists its kernvragen, its exercises by
// leerjaar, its activities and guides; a kernvraag lists the competencies
// pointing to it and the exercises reaching it directly or through a
// competency; an exercise shows its competencies, its kernvragen (given
// and derived), sectors and the activities using it; an activity its
// sectors, competencies and exercises; a sector its activities and
// exercises. The kalender list is in date order, grouped by periode (or by
// month without perioden); the competenties list has the competency ×
// kernvraag table; the modellen list marks the chosen model and the growth
// path, which every page shows in its header and footer.
//
// Year pages: for each leerjaar 1..leerjaren lobsite writes leerjaren/<n>/
// with that year's activities by periode (or month), the exercises meant
// for it by competency, the conversation guides naming it (or no year),
// and links to its worksheet bundle werkbladen/leerjaar-<n>/ and agenda
// file kalender/leerjaar-<n>.ics; and leerjaren/, an overview in the menu
// after the kalender. Wherever a page shows leerjaren (an exercise's,
// activity's or guide's facts, a competency's exercises per leerjaar) they
// link to these pages. The overview and the competenties list show the
// coverage matrix (dekking): per competency and leerjaar the number of
// exercises and of activities naming the competency, a cell without
// either marked empty. lobsite check --dekking prints the same matrix.
// A content folder leerjaren/ is an error: lobsite makes that address.
//
// # Overviews
//
// A paragraph of its own in a page's text that is one line
//
//	{{< naam >}}
//
// (at the top level, not in a list or quote) is replaced by an overview
// made from the site:
//
//	{{< jaarplan >}}             the year plan: a row per leerjaar, a column per periode (plus
//	                             "buiten de perioden" when an activity falls outside them; without
//	                             perioden a column per month with activities), in each cell
//	                             the activities of that year then
//	{{< perioden >}}             the perioden of site.yaml: naam, first and last day, school weeks;
//	                             without perioden a sentence saying so
//	{{< leerlijn >}}             the leerlijn: per competency its exercises in the order of their
//	                             leerjaren, each with its years
//	{{< leerlijn <competentie> >}}  one competency's leerlijn: per leerjaar its exercises
//
// So no date of a periode and no leerlijn needs typing in the text: the
// overview follows site.yaml and the front matter. An unknown name, an
// unknown competency or a word too many is an error at the marker's
// path:line:col. A page showing an overview is rendered again when what
// it shows changes (the activities, or the competencies and exercises).
// Inside code ({{< jaarplan >}} between backticks) a marker is text.
//
// # Worksheets and print
//
// An exercise's body is read as sections: every heading # or ## (ATX,
// outside fenced code) starts one, running to the next. The sections
// whose heading is in werkblad_secties (of the page, else of site.yaml;
// compared by the slug rule, so case and accents do not matter) are the
// pupil's part; the rest (Doel, Voorbereiding, Nabespreken, any text
// before the first heading) is the teacher's. An exercise with a pupil
// part, unless werkblad: false, has a worksheet at
// opdrachten/<id>/werkblad/: the title, a Naam/Klas/Datum line and the
// pupil's sections only, laid out for A4; the exercise page links to it at
// its top. In the pupil's part an empty table cell, an empty list item and
// a line of underscores (___, a thematic break) print as space to write in.
// lobsite check warns, at the key, where an exercise asks for a worksheet
// (werkblad: true, werkblad_secties, or a materialen item naming a
// werkblad) but has no pupil part.
//
// werkbladen/leerjaar-<n>/ (n from 1 to leerjaren, for every year with a
// worksheet) bundles the worksheets of leerjaar n, each on new A4 pages, in
// the order of the competencies (the exercise's first, by nummer), then
// volgorde and title; the opdrachten list page links to them. afdrukken/
// is the whole handbook for print: a table of contents, then the free
// pages of handboek/ (in their order), the models, the competencies and
// the kernvragen, each starting a new page; in print every link shows its
// target after it: the absolute URL when basis_url is set, else the
// title of the page it points to. Headings and ids of the bundled pages
// get the page's id as prefix (netwerkkaart-werkblad), so they stay
// unique.
//
// # Search
//
// Every build writes a search index of the pages made from Markdown files
// (not the generated ones: worksheets, bundles, the print page, year pages
// and 404.html only repeat what their source pages say; concealed pages
// only with --drafts): each page's titel, samenvatting, soort and, for the
// soorten that have them, leerjaren; its headings with their anchors; and
// its text, tags dropped (and scripts and style sheets of raw HTML). The
// index is JavaScript files, zoek/index.js and shards zoek/t-<n>.js
// (terms, split by their first letters) and
// zoek/p-<n>.js (ten pages each), which the theme's zoek.js loads with
// <script> elements as they are needed (the index when the search box
// first gets focus, the others for a query): no fetch, so search works
// from file:// as under any sub-path. Package search specifies the format.
//
// Words are folded (compatibility decomposition, accents dropped, lower
// case: "ORIËNTATIE" and "orientatie" are one word), stop words of the
// site's taal and one-letter words left out. With taal nl a word is then
// stemmed with the Dutch Snowball stemmer ("stages" finds "stage",
// "bedrijfsbezoeken" "bedrijfsbezoek", "werkt" "werken"); with taal en
// light rules take off plural and verb endings ("visits" and "visited"
// find "visit", "activities" "activity"). The last word of a query also finds the words it
// begins ("netw" finds "netwerken"), and a query word of five letters or
// more finds words one letter off ("netwerkn" finds "netwerken"). A page
// is a result when it has every word of the query; results rank by where
// the words stand (titel, then samenvatting and headings, then text) and
// how well they match (the word, then a beginning, then a typo). They name
// each page's soort and can be filtered by soort and leerjaar; front
// matter reaches them escaped.
//
// # Rendering
//
// Markdown is CommonMark with tables, strikethrough and task lists, rendered
// by goldmark. Headings get anchors by the slug rule applied to their text
// as it reads ("## [Stage](stage.md) &amp; werk" → #stage-werk; duplicates
// -1, -2; never "inhoud", the id of the layout's main part);
// raw HTML is left out unless ruwe_html; links with schemes other than http,
// https, mailto and tel (javascript:, data:, ...) are removed with a
// warning. Pages are laid out by the theme (see package theme); every
// front matter value is escaped by html/template.
//
// # Files and names
//
// Every other file in content/ is copied to the same place (its name by the
// slug rule, the extension in lower case). Files a browser runs scripts in
// from the site's own address (.html, .htm, .xhtml, .shtml, .svg, .svgz,
// .xml, .xsl, any case) are an error at their path unless ruwe_html: true.
// A file may not take the address of a page's folder (kaart beside
// kaart.md). A name Windows cannot hold (CON, PRN, AUX, NUL, COM1-COM9,
// LPT1-LPT9 with any extension and in any case; the characters <>:"|?*\,
// control characters, a trailing dot or space) is a warning at its path,
// an error with Options.Strict. Front matter is read only up to 64 KB and 24
// levels of nesting (brackets, braces, YAML indentation), in every format;
// where a key takes a whole number, only decimal digits count (not 45.0,
// 1e3 or 0x2D, in TOML neither).
//
// # Errors
//
// Every problem in the content is a *diag.Problem printed as
// path:line:col: message, pointing at the offending key, value or link, and
// saying what to do. A build reports all problems at once as a
// *diag.BuildError and then publishes nothing: the previous output stays as
// it was. Warnings (such as text that looks like pupil data: a BSN passing
// the 11-proef, a phone number, an e-mail address outside
// toegestane_domeinen) do not stop a build unless Options.Strict.
//
// The privacy lint (package privacy) reads the Markdown pages, site.yaml,
// every file name, text-like static files (.csv, .tsv, .txt, .ics, .vcf,
// .json, .yaml, .xml, .rtf and the like, with line and column), the XML
// text of office documents (.docx, .xlsx, .pptx, .odt, .ods, .odp, named by
// part) and the text files of the site's own theme (themes/<thema>/:
// layouts, translations, .css, .js, .svg). It knows BSNs in one run or in
// groups with spaces, dots or dashes (123456782, 123 456 782, 1234.56.782,
// 123-456-782), phone numbers with spaces, dashes, slashes, non-breaking
// hyphens or narrow spaces (06-12345678, 06/12345678, +31 6 1234 5678) or
// digit by digit (0 6 1 2 3 4 5 6 7 8), e-mail addresses also with a
// fullwidth ＠ or a non-ASCII domain, and a name next to a birth date: a
// full date labelled geboren, geb. or geboortedatum, or with a year a pupil
// of the school year may be born in (schooljaar minus 25 to minus 8) within
// 40 characters of two capitalised words ("Sanne de Vries, 12-03-2012").
// The school's own numbers are allowed in site.yaml, in any notation:
//
//	toegestane_domeinen: [onzeschool.nl]
//	toegestane_nummers: ["0575-123456"]   # also (0575) 12 34 56, +31 575 123456
//
// # Building
//
// Build and Check build once. A Builder keeps what it learnt between builds,
// so that Builder.Build with the changed paths renders only the pages that
// show something of them; the result equals a full build byte for byte,
// whatever the theme. What a page shows of other pages is recorded while
// it renders (see package theme, "Dependencies"); a change to settings or
// the theme renders every page.
//
// A build runs in stages, one file each: load (content and theme), plan
// (which pages changed), render (all cores), links (the linker, #anker
// checks), publish (write, swap in, the extra output files).
// Preview runs the live preview: build, serve, watch, rebuild, reload.
package generator
