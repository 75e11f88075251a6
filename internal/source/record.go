package source

import (
	"strconv"
	"strings"
)

// field is an article field a JSON object or CSV row gives.
type field int

const (
	fieldID field = iota
	fieldURL
	fieldTitle
	fieldPublished
	fieldText
	fieldAuthor
	numFields
)

// aliases are the names a JSON field or a CSV column takes for each
// article field, in order of preference, compared case-insensitively:
// dyad's own, then those of common news exports (news-please, the
// Guardian's API, Kaggle and Hugging Face news sets).
var aliases = [numFields][]string{
	fieldID:        {"id", "_id", "doc_id", "docid", "article_id", "newid"},
	fieldURL:       {"url", "link", "weburl", "uri"},
	fieldTitle:     {"title", "headline", "webtitle"},
	fieldPublished: {"published", "date", "publish_date", "publication_date", "published_date", "date_published", "published_at", "pubdate", "datepublished", "webpublicationdate"},
	fieldText:      {"text", "body", "content", "article", "full_text", "maintext", "bodytext", "story"},
	fieldAuthor:    {"author", "byline", "authors", "creator"},
}

// record is what a JSON object or a CSV row says of its article.
type record struct {
	val  [numFields]string
	name [numFields]string // the field or column each value came from
}

// recordArticle makes the article of record n of the file key: its key
// is KEY#ID, or KEY#N when the record has no id (N is the line of a JSON
// Lines file, the record's number elsewhere), or KEY itself for the one
// record of a one-article file (one is true).
func recordArticle(key string, n int, one bool, r *record, warns []string) *Article {
	for f := range r.val {
		r.val[f] = strings.ToValidUTF8(r.val[f], "\uFFFD")
	}
	a := &Article{
		Source:   key,
		ID:       r.val[fieldID],
		URL:      r.val[fieldURL],
		Title:    r.val[fieldTitle],
		Author:   r.val[fieldAuthor],
		Warnings: warns,
	}
	if !one {
		a.Source = recordKey(key, a.ID, n)
	}
	a.Text = withTitle(a.Title, strings.TrimSpace(r.val[fieldText]))
	if s := r.val[fieldPublished]; s != "" {
		ts, w := ReadPublished(r.name[fieldPublished], s)
		if !ts.IsZero() {
			a.Published, a.PublishedFrom = ts, "record"
		}
		a.Warnings = append(a.Warnings, w...)
	}
	if a.Text == "" {
		a.Warnings = append(a.Warnings, "no text")
	}
	return a
}

// recordKey is the key of record n of the file key: KEY#ID, else KEY#N.
func recordKey(key, id string, n int) string {
	if id == "" {
		id = strconv.Itoa(n)
	}
	return key + "#" + id
}

// columns returns, for each article field, the index of the column of
// the header that gives it, or -1. An unnamed first column is the id (a
// data frame's row names, as R and pandas write them).
func columns(header []string) [numFields]int {
	var idx [numFields]int
	for f := range idx {
		idx[f] = -1
	alias:
		for _, a := range aliases[f] {
			for i, h := range header {
				if strings.EqualFold(strings.TrimSpace(h), a) {
					idx[f] = i
					break alias
				}
			}
		}
	}
	if idx[fieldID] < 0 && len(header) > 1 && strings.TrimSpace(header[0]) == "" {
		idx[fieldID] = 0
	}
	return idx
}
