package actor

import (
	"testing"
	"testing/fstest"
)

// FuzzLoad checks that any knowledge-base files compile or fail with an
// error, never a panic.
func FuzzLoad(f *testing.F) {
	f.Add("IRN\tIran\tPersia\tIranian\tTehran\tMajlis=LEG\tUN\n", "a-b\tA B\tB\tIRN\tpresident\t2020-01\t2021\n", "police|cop\tCOP\t-\n")
	f.Add("\x00", "\t\t\t\t\t\t", "|||\tGOV\tpresident\n")
	f.Fuzz(func(t *testing.T, countries, people, agents string) {
		kb, err := Load(fstest.MapFS{
			"countries.tsv": {Data: []byte(countries)},
			"people.tsv":    {Data: []byte(people)},
			"agents.tsv":    {Data: []byte(agents)},
		})
		if err == nil && kb == nil {
			t.Fatal("nil knowledge base without error")
		}
	})
}
