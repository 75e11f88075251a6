package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"strings"

	"github.com/nlnwa/gowarc/v3"
)

// readWARC streams a WARC or WARC.gz archive and emits one article per
// successful (HTTP 200) response or resource record holding HTML or plain
// text, named after its WARC-Target-URI. Requests, metadata, revisits,
// redirects and other media are passed over. A record's WARC-Date is the
// article's Crawled time. Findings about one record (a wrong digest, a
// payload over the size limit, a page with no main text) are warnings on
// its article; only an archive too broken to go on stops the reading.
func readWARC(ctx context.Context, name string, r io.Reader, opt Options, emit func(*Article) error) error {
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrWarn))
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	defer wr.Close()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := wr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: record at byte %d: %w", name, rec.Offset, err)
		}
		a := warcArticle(rec, opt)
		rec.Close()
		if a == nil {
			continue
		}
		if err := emit(a); err != nil {
			return err
		}
	}
}

// warcArticle returns the article of one record, or nil when the record
// holds none.
func warcArticle(rec gowarc.Record, opt Options) *Article {
	wr := rec.WarcRecord
	if wr == nil {
		return nil
	}
	var (
		ctype   string
		payload io.Reader
		err     error
	)
	switch wr.Type() {
	case gowarc.Response:
		blk, ok := wr.Block().(gowarc.HttpResponseBlock)
		if !ok || blk.HttpStatusCode() != 200 {
			return nil
		}
		if h := blk.HttpHeader(); h != nil {
			ctype = h.Get("Content-Type")
		}
		payload, err = blk.PayloadBytes()
	case gowarc.Resource:
		ctype = wr.WarcHeader().Get(gowarc.ContentType)
		payload, err = wr.Block().RawBytes()
	default:
		return nil
	}
	mt, _, _ := mime.ParseMediaType(ctype)
	if mt != "text/html" && mt != "application/xhtml+xml" && mt != "text/plain" {
		return nil
	}
	target := strings.Trim(wr.WarcHeader().Get(gowarc.WarcTargetURI), "<>")
	a := &Article{Source: target, URL: target}
	if a.Source == "" {
		a.Source = fmt.Sprintf("warc record at byte %d", rec.Offset)
	}
	if t, derr := wr.Date(); derr == nil {
		a.Crawled = t
	}
	truncated := false
	for _, v := range rec.Validation {
		a.Warnings = append(a.Warnings, "warc record: "+v.Error())
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) && cl.Actual < cl.Expected {
			truncated = true
		}
	}
	if truncated {
		a.Warnings = append(a.Warnings, "warc record: truncated, not read")
		return a
	}
	if err != nil {
		a.Warnings = append(a.Warnings, "warc record payload: "+err.Error())
		return a
	}
	b, err := readLimited(payload, opt.maxBytes())
	if err != nil {
		a.Warnings = append(a.Warnings, "warc record payload: "+err.Error())
		return a
	}
	if mt == "text/plain" {
		a.Text = toText(b)
		return a
	}
	base, _ := url.Parse(target)
	page, err := fromHTML(a, decodeHTML(b, ctype), base)
	if err != nil {
		a.Warnings = append(a.Warnings, err.Error())
		a.Text = ""
		return a
	}
	return page
}
