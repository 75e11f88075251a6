package pipeline

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRobustInput runs the whole pipeline on hostile text: it must return
// without panicking, with every span inside the text, ordered, and every
// head inside its sentence.
func TestRobustInput(t *testing.T) {
	p := newTestPipeline(t, 1)
	long := strings.Repeat("x", 10<<20)
	words := strings.Repeat("the militants attacked police stations near the border ", 4000)
	for name, text := range map[string]string{
		"empty":            "",
		"invalid UTF-8":    "Iran \xff\xfe launched \xc3 attacks.\x80",
		"NUL bytes":        "Iran\x00launched\x00\x00attacks.\x00",
		"10 MB line":       long,
		"one long clause":  words,
		"only punctuation": strings.Repeat("?!.,;:-—…\"'()[]", 500),
		"emoji":            "Iran 🇮🇷 and Pakistan 🇵🇰 restored ties 🤝. Great news!!! 😀😀",
		"Arabic":           "أعلنت إيران أنها شنت هجمات صاروخية على قاعدتين لجيش العدل. Pakistan condemned it.",
		"spaces":           "\u00a0\u2003 \t\r\n\n\u2028 ",
	} {
		t.Run(name, func(t *testing.T) {
			d := p.Document("", text)
			prev := 0
			for si, s := range d.Sentences {
				if s.Span.Start < prev || s.Span.End > len(text) || s.Span.Start > s.Span.End {
					t.Fatalf("sentence %d span %v out of order or range (text %d bytes)", si, s.Span, len(text))
				}
				prev = s.Span.End
				for wi, w := range s.Words {
					if w.Span.Start < s.Span.Start || w.Span.End > s.Span.End || w.Span.Start > w.Span.End {
						t.Fatalf("sentence %d word %d span %v outside %v", si, wi, w.Span, s.Span)
					}
					if w.Head < 0 || w.Head > len(s.Words) || w.Head == wi+1 {
						t.Fatalf("sentence %d word %d has head %d", si, wi, w.Head)
					}
					if !utf8.ValidString(w.Form) && utf8.ValidString(text) {
						t.Fatalf("word %q is not valid UTF-8", w.Form)
					}
				}
			}
		})
	}
}
