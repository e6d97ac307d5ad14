package generator

import (
	"io"
	"io/fs"
	"path"
	"strings"

	"lobsite/generator/diag"
)

// The privacy scan of a site's own theme: a layout or a style sheet is
// published as much as a page, so what looks like pupil data in
// themes/<thema>/ is a warning at its position, as in content/. The
// built-in theme is ours and not scanned.

// themeTextExts are the theme files the scan reads: layouts, translations,
// style sheets, scripts, SVG and plain text.
var themeTextExts = map[string]bool{".html": true, ".htm": true, ".css": true, ".js": true, ".svg": true, ".yaml": true, ".yml": true, ".txt": true, ".json": true, ".xml": true}

// maxThemeScan bounds what is read of one theme file, as for static files.
const maxThemeScan = 16 << 20

// scanTheme returns the privacy warnings for the text files of override,
// the folder dir ("themes/school") of the site's theme, at paths under
// dir. Files that cannot be read are left to the theme's loader.
func (r *run) scanTheme(override fs.FS, dir string) []*diag.Problem {
	if override == nil {
		return nil
	}
	scan := privacyScan(r.site.Settings)
	var out []*diag.Problem
	fs.WalkDir(override, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() || !themeTextExts[strings.ToLower(path.Ext(p))] {
			return nil
		}
		f, err := override.Open(p)
		if err != nil {
			return nil
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, maxThemeScan))
		if err != nil {
			return nil
		}
		out = append(out, scan(dir+"/"+p, data)...)
		return nil
	})
	return out
}
