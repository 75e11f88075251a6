package watch

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
)

// CheckURL reports whether s is a feed URL the watcher can poll: http or
// https, with a host.
func CheckURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("feed URL %q: %w", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("feed URL %q: want http(s)://HOST/…", s)
	}
	return nil
}

// ParseList reads a list of feed URLs: one a line, blank lines and lines
// starting with # passed over, and a comment (# after a space) allowed
// after a URL. Any other word after the URL, or a URL that CheckURL
// refuses, is an error naming its line.
func ParseList(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if len(fields) > 1 && !strings.HasPrefix(fields[1], "#") {
			return nil, fmt.Errorf("line %d: %q after the URL: one URL a line, then only a # comment", n, fields[1])
		}
		if err := CheckURL(fields[0]); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, fields[0])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("feed list: %w", err)
	}
	return out, nil
}

// URLs expands the names a user gives dyad watch into the feeds to poll,
// in order and each once: a name with "://" is a feed URL, any other the
// path of a file of URLs (ParseList).
func URLs(names []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(u string) {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, n := range names {
		if strings.Contains(n, "://") {
			if err := CheckURL(n); err != nil {
				return nil, err
			}
			add(n)
			continue
		}
		f, err := os.Open(n)
		if err != nil {
			return nil, fmt.Errorf("feed list: %w", err)
		}
		urls, err := ParseList(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("feed list %s: %w", n, err)
		}
		for _, u := range urls {
			add(u)
		}
	}
	return out, nil
}
