package content

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"lobsite/generator/diag"
)

// The static files the privacy scan reads: text files as they are, office
// documents (zip archives of XML) by the text of their XML parts. Larger
// files and parts are read up to maxScan bytes.
var (
	textExts   = map[string]bool{".csv": true, ".tsv": true, ".txt": true, ".ics": true, ".vcf": true, ".json": true, ".yaml": true, ".yml": true, ".xml": true, ".html": true, ".htm": true, ".svg": true, ".md": true, ".rtf": true}
	officeExts = map[string]bool{".docx": true, ".xlsx": true, ".pptx": true, ".odt": true, ".ods": true, ".odp": true}
)

const maxScan = 16 << 20

// scanName runs scan on the file name of p (a class list named after a
// pupil's phone number is as public as its content). Findings have no line.
func scanName(scan func(string, []byte) []*diag.Problem, p string) []*diag.Problem {
	name := path.Base(p)
	if !strings.ContainsAny(name, "0123456789@\uff20") {
		return nil // nothing a finding could be made of: the common case
	}
	out := scan(p, []byte(name))
	for _, f := range out {
		f.Line, f.Col = 0, 0
		f.Msg = "de bestandsnaam: " + f.Msg
	}
	return out
}

// scanStatic runs scan on the text of the static file p (read from fsys
// at real): text files with their positions, office documents by the text
// of each XML part, named in the message.
func scanStatic(fsys fs.FS, scan func(string, []byte) []*diag.Problem, p, real string) []*diag.Problem {
	ext := strings.ToLower(path.Ext(p))
	if !textExts[ext] && !officeExts[ext] {
		return nil
	}
	f, err := fsys.Open(real)
	if err != nil {
		return nil // reported where the file is copied
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxScan))
	if err != nil {
		return nil
	}
	if textExts[ext] {
		return scan(p, data)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	var out []*diag.Problem
	for _, zf := range zr.File {
		if !strings.HasSuffix(zf.Name, ".xml") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			continue
		}
		part, _ := io.ReadAll(io.LimitReader(rc, maxScan))
		rc.Close()
		for _, f := range scan(p, xmlText(part)) {
			f.Line, f.Col = 0, 0
			f.Msg = fmt.Sprintf("in %s: %s", zf.Name, f.Msg)
			out = append(out, f)
		}
	}
	return out
}

// xmlText returns the character data of XML, each element's text apart: a
// tag becomes a space, so cells and runs do not run into each other, and
// the five predefined entities are resolved.
func xmlText(x []byte) []byte {
	out := make([]byte, 0, len(x)/2)
	in := false
	for _, c := range x {
		switch {
		case c == '<':
			in = true
		case c == '>':
			in = false
			if len(out) > 0 && out[len(out)-1] != ' ' {
				out = append(out, ' ')
			}
		case !in:
			out = append(out, c)
		}
	}
	r := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&")
	return []byte(r.Replace(string(out)))
}
