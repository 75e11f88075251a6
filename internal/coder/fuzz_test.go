package coder

import (
	"testing"
	"testing/fstest"

	"github.com/dyadproject/dyad/internal/cameo"
)

// FuzzLoadDict checks that any pattern file compiles or fails with an
// error, never a panic.
func FuzzLoadDict(f *testing.F) {
	for _, s := range []string{
		"195 launch obj=attack mod=drone prep=on|against\n",
		"041 n:conversation mod=telephone prep=with sym # comment\n",
		"999 x\n", "111\n", "111 condemn blame=1\n", "111 n:x obj=y\n", "\x00\xff", "111 _\n",
	} {
		f.Add(s)
	}
	o, err := cameo.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := LoadDict(fstest.MapFS{"p.txt": {Data: []byte(s)}}, o)
		if err == nil && d == nil {
			t.Fatal("nil dictionary without error")
		}
	})
}
