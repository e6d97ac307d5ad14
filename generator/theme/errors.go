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
	file, line, col0, msg := position(err.Error())
	prob = &diag.Problem{Path: dir}
	if file != "" {
		prob.Path, prob.Line = "themes/default/"+file, line
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
		if rerr == nil {
			prob.Col = column(src, line, col0)
		}
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
	if m := openActionRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("de actie die op regel %s met {{ begint, wordt niet afgesloten met }}", m[1])
	}
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

// openActionRE matches the end of text/template's message for an action
// that runs on past its line because its }} is missing.
var openActionRE = regexp.MustCompile(` in action started at \S+:(\d+)$`)

// themeMsgRE matches those errors: a misspelt field, an unknown function,
// a lone }, a template that ends inside an action or block, an {{end}} too
// many, a missing {{end}} before a define, an action not closed.
var themeMsgRE = regexp.MustCompile(`^can't evaluate field (\S+) in type (.+)$|^function "([^"]+)" not defined$|^(bad character U\+007D '\}')$|(unexpected EOF)$|^(unexpected \{\{end\}\})|^(unexpected <define>)|^bad character U\+[0-9A-F]+ ('.+')$`)

// TemplateProblem turns an error from parsing or executing a text/template
// or html/template template named name, whose source is src (as the file
// holds it), into a problem at name's line and column (1-based, in
// characters), in Dutch where the error is a common one. It serves
// templates outside a theme too, such as a site's archetypes/<soort>.md.
func TemplateProblem(err error, name string, src []byte) *diag.Problem {
	_, line, col0, msg := position(err.Error())
	return &diag.Problem{Path: name, Line: line, Col: column(src, line, col0), Msg: dutch(msg)}
}

// position reads where a template error happened: the file, the line and
// the column as html/template counts it (from 0, in bytes; -1 when the
// error has none), and what is left of the message, which says what went
// wrong ("executing ... at <.X>: " taken off). file is "" when the error
// names no position.
func position(msg string) (file string, line, col0 int, rest string) {
	col0 = -1
	if all := templateErrRE.FindAllStringSubmatchIndex(msg, -1); all != nil {
		m := all[len(all)-1]
		file = msg[m[2]:m[3]]
		line, _ = strconv.Atoi(msg[m[4]:m[5]])
		if m[6] >= 0 {
			col0, _ = strconv.Atoi(msg[m[6]:m[7]])
		}
		msg = msg[m[1]:]
	}
	// "executing "inhoud" at <.Page.Titel>: " says where; the rest what.
	if i := strings.Index(msg, ">: "); strings.HasPrefix(msg, "executing ") && i > 0 {
		msg = msg[i+3:]
	}
	return file, line, col0, msg
}

// column turns html/template's column col0 on line of src into ours
// (1-based, in characters); 0 when there is none.
func column(src []byte, line, col0 int) int {
	if col0 < 0 {
		return 0
	}
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) || col0 > len(lines[line-1]) {
		return 0
	}
	return utf8.RuneCountInString(lines[line-1][:col0]) + 1
}
