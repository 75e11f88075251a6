package source

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// readFeed reads an RSS, Atom or JSON feed: one article per item, with
// the item's title, its content (or its summary when it has no content)
// as text, and its publication date, which the item's own pubDate or
// published field gives and this package parses (gofeed reads zone
// abbreviations such as IRST or PKT as UTC). With Options.Follow the
// page the item links to is fetched and its main text coded instead.
// An item's key is its link (see Article), or NAME#N without one.
func readFeed(ctx context.Context, name string, b []byte, opt Options, emit func(*Article) error) error {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("read feed %s: %w", name, err)
	}
	for i, it := range f.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := &Article{Source: it.Link, URL: it.Link, Title: strings.TrimSpace(htmlText(it.Title))}
		if a.Source == "" {
			a.Source = fmt.Sprintf("%s#%d", name, i+1)
		}
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		a.Text = withTitle(a.Title, htmlText(body))
		if it.Author != nil {
			a.Author = strings.TrimSpace(it.Author.Name)
		}
		date := it.Published
		if date == "" {
			date = it.Updated
		}
		if date != "" {
			ts, warns := ReadPublished("feed item date", date)
			if !ts.IsZero() {
				a.Published, a.PublishedFrom = ts, "feed"
			}
			a.Warnings = append(a.Warnings, warns...)
		}
		if opt.Follow && it.Link != "" {
			follow(ctx, a, it.Link, opt)
		}
		if err := emit(a); err != nil {
			return err
		}
	}
	return nil
}

// follow replaces a feed item's text with the main text of the page it
// links to; the page's own publication time, when it states one, wins over
// the item's. A page that cannot be read leaves the item's text and a
// warning.
func follow(ctx context.Context, a *Article, link string, opt Options) {
	b, ctype, u, err := fetch(ctx, link, opt)
	if err != nil {
		a.Warnings = append(a.Warnings, fmt.Sprintf("follow link: %v; coded the feed's text", err))
		return
	}
	page, err := fromHTML(&Article{Source: link}, decodeHTML(b, ctype), u)
	if err != nil || strings.TrimSpace(page.Text) == "" {
		a.Warnings = append(a.Warnings, fmt.Sprintf("follow link %s: no main text; coded the feed's text", link))
		return
	}
	a.Text = page.Text
	if page.Title != "" {
		a.Title = page.Title
	}
	if page.URL != "" {
		a.URL = page.URL
	}
	if a.Author == "" {
		a.Author = page.Author
	}
	if !page.Published.IsZero() {
		a.Published, a.PublishedFrom = page.Published, page.PublishedFrom
	}
}

// htmlText returns the text of an HTML fragment (a feed's content or
// summary), with block elements as paragraph breaks. Plain text comes
// back unchanged but for entity decoding and whitespace.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	var sb strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside <script> or <style>
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return tidy(sb.String())
		case html.TextToken:
			if skip == 0 {
				sb.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figure", "figcaption":
				sb.WriteString("\n\n")
			}
		}
	}
}

// tidy collapses runs of spaces within lines and of blank lines.
func tidy(s string) string {
	var paras []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}
