//go:build zonderzoek

package generator

// withSearch is false with -tags zonderzoek: see searchtag.go.
const withSearch = false
