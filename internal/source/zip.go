package source

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// isZip reports whether b starts like a zip archive (a local file header,
// or the end record of an empty archive).
func isZip(b []byte) bool {
	return len(b) >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 && b[3] == 4 || b[2] == 5 && b[3] == 6)
}

// readZip reads the members of a zip archive in the archive's order, each
// as the file it holds, named ZIP#MEMBER: those of the kinds a folder's
// files are read for (see Files) but zip archives. Folders, documentation
// (README…) and hidden files are passed over; a member of another kind,
// or one that cannot be read, is an article with no text and a warning.
func (rd *reader) readZip(key string, ra io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return fmt.Errorf("read %s: %w", key, err)
	}
	for _, f := range zr.File {
		name := f.Name
		base := path.Base(name)
		mkey := key + "#" + name
		switch {
		case strings.HasSuffix(name, "/") || strings.HasPrefix(name, "__MACOSX/") || isDocName(base) || strings.HasPrefix(base, "."):
			continue
		case !isReadableName(base) || strings.EqualFold(path.Ext(base), ".zip"):
			if err := rd.fail(mkey, "zip member %s: not a kind dyad reads, skipped", name); err != nil {
				return err
			}
			continue
		}
		err := rd.readMember(mkey, f)
		if err == nil {
			continue
		}
		if rd.stopped(err) {
			return err
		}
		if err := rd.fail(mkey, "zip member %s: %v", name, err); err != nil {
			return err
		}
	}
	return nil
}

func (rd *reader) readMember(key string, f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	kind := rd.opt.Kind
	if kind == "" {
		kind = kindOfName(f.Name)
	}
	return rd.read(key, kind, "", nil, rc, 1)
}
