package source

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// readTimeML reads a TimeML document (TimeBank, TempEval, the SemEval
// timelines): one article, whose text is the content of <TEXT> without
// its annotation tags (a sentence <s> ends a line), whose title is
// <TITLE>, and whose publication time is the document creation time, the
// value of the TIMEX3 whose functionInDocument is CREATION_TIME.
func readTimeML(key string, b []byte) *Article {
	a := &Article{Source: key}
	var text, title strings.Builder
	dct := ""
	inText, inTitle := false, false
	z := html.NewTokenizer(bytes.NewReader(b))
	for done := false; !done; {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			done = true
		case html.TextToken:
			switch {
			case inText:
				text.Write(z.Text())
			case inTitle:
				title.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "text":
				inText = tt == html.StartTagToken
			case "title":
				inTitle = tt == html.StartTagToken
			case "timex3":
				if v := creationTime(z, hasAttr); dct == "" {
					dct = v
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "text":
				inText = false
			case "title":
				inTitle = false
			case "s":
				if inText {
					text.WriteByte('\n')
				}
			}
		}
	}
	a.Title = strings.ToValidUTF8(strings.Join(strings.Fields(title.String()), " "), "\uFFFD")
	a.Text = withTitle(a.Title, strings.ToValidUTF8(strings.TrimSpace(text.String()), "\uFFFD"))
	if a.Text == "" {
		a.Warnings = append(a.Warnings, "no text: a TimeML document without <TEXT>")
	}
	if dct != "" {
		ts, warns := ReadPublished("document creation time", dct)
		if !ts.IsZero() {
			a.Published, a.PublishedFrom = ts, "record"
		}
		a.Warnings = append(a.Warnings, warns...)
	}
	return a
}

// creationTime returns the value of the TIMEX3 tag z is at when it is the
// document creation time, else "".
func creationTime(z *html.Tokenizer, more bool) string {
	value, dct := "", false
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "value":
			value = string(v)
		case "functionindocument", "functionintimeline":
			dct = string(v) == "CREATION_TIME"
		}
	}
	if !dct {
		return ""
	}
	return value
}
