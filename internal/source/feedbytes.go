package source

import "context"

// ReadFeedBytes reads an RSS, Atom or JSON feed held in b, fetched from
// name (its URL), as Read reads a feed: one article per item, whose
// Source is the item's link (name#N, by position, for an item without
// one). Unlike Read it takes no other kind of content: b that is no feed
// is an error. It is for callers that fetch feeds themselves, as dyad
// watch does with conditional requests.
func ReadFeedBytes(ctx context.Context, name string, b []byte, opt Options, emit func(*Article) error) error {
	return readFeed(ctx, name, b, opt, emit)
}

// FollowLink does for one feed item what Options.Follow does for all:
// it replaces the item's text with the main text of the page its Source
// links to, whose publication time, when stated, wins over the item's; a
// page that cannot be read leaves the item's text and a warning. A caller
// that reads a feed without Follow can so fetch only the pages of the
// items it has not stored yet.
func FollowLink(ctx context.Context, a *Article, opt Options) {
	follow(ctx, a, a.Source, opt)
}
