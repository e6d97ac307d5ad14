//go:build !zonderzoek

package generator

// withSearch reports whether builds write the search index: always, but
// in a binary built with -tags zonderzoek, which lobsite-bench -zoekindex
// builds to measure, paired, what the index costs a build. Such a binary
// is for that measurement only: its pages still show the search box.
const withSearch = true
