package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"lobsite/generator/diag"
)

// This file is the one place that reads html/template's messages: it
// turns them into problems at a theme file's line and column, in Dutch.

// templateErrRE finds html/template's positions in an error:
// "template: layouts/x.html:3:7: " (the column is left out for some parse
// errors). An error in a partial called with deel holds two: the caller's
// and, last, the partial's own.
var templateErrRE = regexp.MustCompile(`(?:html/)?template: ([^:\s]+):(\d+)(?::(\d+))?: `)

// problem turns an error of the theme's templates into a problem at the
// template file's line and column (1-based, in characters, as all
// problems), in Dutch where the error is a common one. The error must come
// from templates parsed as written for the position to be that of the
// file. A file is named under themes/default/ unless the override (the
// folder dir) has it. Errors reading the theme are returned as they are.
func problem(err error, builtin, override fs.FS, dir string) error {
	var re *readError
	if errors.As(err, &re) {
		return re.err
	}
	var prob *diag.Problem
	if errors.As(err, &prob) {
		return prob
	}
	msg := err.Error()
	prob = &diag.Problem{Path: dir}
	if all := templateErrRE.FindAllStringSubmatchIndex(msg, -1); all != nil {
		m := all[len(all)-1]
		file := msg[m[2]:m[3]]
		prob.Line, _ = strconv.Atoi(msg[m[4]:m[5]])
		prob.Path = "themes/default/" + file
		var src []byte
		rerr := fs.ErrNotExist
		if builtin != nil {
			src, rerr = fs.ReadFile(builtin, file)
		}
		if override != nil {
			if over, err := fs.ReadFile(override, file); err == nil {
				prob.Path, src, rerr = dir+"/"+file, over, nil
			}
		}
		if m[6] >= 0 && rerr == nil {
			// html/template counts columns from 0, in bytes.
			col, _ := strconv.Atoi(msg[m[6]:m[7]])
			lines := strings.Split(string(src), "\n")
			if prob.Line >= 1 && prob.Line <= len(lines) && col <= len(lines[prob.Line-1]) {
				prob.Col = utf8.RuneCountInString(lines[prob.Line-1][:col]) + 1
			}
		}
		msg = msg[m[1]:]
	}
	// "executing "inhoud" at <.Page.Titel>: " says where; the rest what.
	if i := strings.Index(msg, ">: "); strings.HasPrefix(msg, "executing ") && i > 0 {
		msg = msg[i+3:]
	}
	var pe *partError
	if errors.As(err, &pe) {
		if m := fieldMsgRE.FindStringSubmatch(msg); m != nil && m[2] == pe.frame {
			prob.Msg = fmt.Sprintf("een deel (hier %q) krijgt niets van de pagina: het veld %s bestaat daar niet. lobsite maakt elk deel één keer voor alle pagina's met dezelfde map-diepte en sectie, dus het kan alleen tonen wat voor die pagina's gelijk is: .Root, .S, .Lang, .Nav, .Home, .ChosenModel, .Site.Home, .Site.ChosenModel, .Site.Sections, .Link en .Asset; zet wat van de pagina is in basis.html of in de layout", pe.name, m[1])
			return prob
		}
	}
	var te *themeError
	if errors.As(err, &te) {
		prob.Msg = te.msg
	} else {
		prob.Msg = dutch(msg)
	}
	return prob
}

// themeError is a mistake the theme package finds itself, said in Dutch;
// file and line, when file is not "", are where.
type themeError struct {
	file string
	line int
	msg  string
}

func (e *themeError) Error() string {
	if e.file == "" {
		return e.msg
	}
	return fmt.Sprintf("template: %s:%d: %s", e.file, e.line, e.msg)
}

// errorf is a themeError at file:line.
func errorf(file string, line int, format string, args ...any) error {
	return &themeError{file, line, fmt.Sprintf(format, args...)}
}

// fieldMsgRE matches html/template's message for a field that does not
// exist.
var fieldMsgRE = regexp.MustCompile(`^can't evaluate field (\S+) in type (.+)$`)

// dutch says the template errors a theme writer makes most in Dutch, and
// the others with a Dutch start.
func dutch(msg string) string {
	m := themeMsgRE.FindStringSubmatch(msg)
	switch {
	case m == nil:
		return "fout in het sjabloon: " + msg
	case m[1] != "":
		return fmt.Sprintf("het veld %s bestaat niet in %s; controleer de naam, hoofdletters tellen mee", m[1], m[2])
	case m[3] != "":
		return fmt.Sprintf("de functie %s bestaat niet; controleer de naam", m[3])
	case m[4] != "":
		return "een losse }: een actie sluit met }}"
	case m[5] != "":
		return "het sjabloon houdt op midden in een actie of blok; ontbreekt er een }} of een {{end}}?"
	case m[6] != "":
		return "er staat een {{end}} zonder {{if}}, {{range}}, {{with}}, {{block}} of {{define}} ervoor"
	case m[7] != "":
		return "een {{define}} begint voordat het blok ervoor met {{end}} is afgesloten"
	default: // m[8]
		return "een actie wordt niet afgesloten met }} (hier staat " + m[8] + ")"
	}
}

// themeMsgRE matches those errors: a misspelt field, an unknown function,
// a lone }, a template that ends inside an action or block, an {{end}} too
// many, a missing {{end}} before a define, an action not closed.
var themeMsgRE = regexp.MustCompile(`^can't evaluate field (\S+) in type (.+)$|^function "([^"]+)" not defined$|^(bad character U\+007D '\}')$|(unexpected EOF)$|^(unexpected \{\{end\}\})|^(unexpected <define>)|^bad character U\+[0-9A-F]+ ('.+')$`)
