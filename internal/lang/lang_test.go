package lang

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		text, code string
		reliable   bool
	}{
		{"Iranian President Ebrahim Raisi held a telephone conversation with his Pakistani counterpart Asif Ali Zardari on Thursday, extending greetings on the occasion of Eid al-Fitr and discussing bilateral ties.", "eng", true},
		{"El presidente de Irán, Ebrahim Raisi, mantuvo el jueves una conversación telefónica con su homólogo paquistaní, Asif Ali Zardari, con motivo de la fiesta del fin del Ramadán.", "spa", true},
		{"Le président iranien Ebrahim Raïssi s'est entretenu jeudi au téléphone avec son homologue pakistanais Asif Ali Zardari à l'occasion de l'Aïd el-Fitr.", "fra", false},
		{"Le président iranien Ebrahim Raïssi s'est entretenu jeudi au téléphone avec son homologue pakistanais Asif Ali Zardari à l'occasion de l'Aïd el-Fitr. Les deux présidents ont condamné l'attaque contre l'ambassade d'Iran à Damas et ont évoqué les relations entre les deux pays voisins, qui ont été rétablies en janvier.", "fra", true},
		// Trigrams alone read this as Finnish.
		{"Iran launched missile and drone strikes on Pakistan on Tuesday, hitting two bases of the militant group Jaish al-Adl, Iranian state media said.", "eng", true},
		{"", "", false},
		{"12345 !!!", "", false},
	} {
		code, rel := Detect(tc.text)
		if code != tc.code || rel != tc.reliable {
			t.Errorf("Detect(%.40q) = %q, %v; want %q, %v", tc.text, code, rel, tc.code, tc.reliable)
		}
	}
	// A long text is read up to the sample, cut between runes.
	long := strings.Repeat("é", sample) + strings.Repeat(" the government said that ", 10)
	if _, rel := Detect(long); rel {
		t.Errorf("a text of é only is reliably a language")
	}
}

func FuzzDetect(f *testing.F) {
	f.Add("Iran launched missile attacks.")
	f.Add(strings.Repeat("ñ", 2500))
	f.Fuzz(func(t *testing.T, s string) {
		Detect(s)
	})
}

func BenchmarkDetect(b *testing.B) {
	text := strings.Repeat("Iranian President Ebrahim Raisi held a telephone conversation with his Pakistani counterpart. ", 60)
	b.SetBytes(sample)
	for i := 0; i < b.N; i++ {
		Detect(text)
	}
}
