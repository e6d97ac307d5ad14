package content

import (
	"fmt"
	"strings"
)

// windowsForbidden are the characters Windows (and so an IIS server or a
// school share) does not allow in a file name.
const windowsForbidden = `<>:"|?*\`

// windowsProblem says why Windows cannot hold a file or folder called name,
// or returns "". Reserved are CON, PRN, AUX, NUL, COM1 to COM9 and LPT1 to
// LPT9, in any case and with any extension (nul.md, Aux.png); forbidden are
// the characters <>:"|?*\, control characters, and a name ending in a dot
// or a space.
func windowsProblem(name string) string {
	if i := strings.IndexAny(name, windowsForbidden); i >= 0 {
		return fmt.Sprintf("de naam bevat het teken %s, dat Windows niet toestaat", name[i:i+1])
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return "de naam bevat een stuurteken, dat Windows niet toestaat"
		}
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "de naam eindigt op een punt of spatie, wat Windows weglaat"
	}
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch {
	case stem == "CON", stem == "PRN", stem == "AUX", stem == "NUL",
		len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) && stem[3] >= '1' && stem[3] <= '9':
		return fmt.Sprintf("%s is in Windows een gereserveerde naam (ook met een extensie of in kleine letters)", stem)
	}
	return ""
}
