// Package themes embeds the built-in themes of lobsite. The folder
// themes/default is the default theme; see package lobsite/generator/theme
// for what a theme folder holds.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var builtin embed.FS

// Default returns the built-in default theme, rooted at its folder.
func Default() fs.FS {
	sub, err := fs.Sub(builtin, "default")
	if err != nil {
		panic(err) // the folder is embedded at compile time
	}
	return sub
}
