package mention

import "testing"

func TestCode(t *testing.T) {
	for _, tc := range []struct {
		m    Mention
		want string
	}{
		{Mention{Kind: Country, Entity: "IRN", Country: "IRN"}, "IRN"},
		{Mention{Kind: Agent, Country: "IRN", Sector: "GOV"}, "IRNGOV"},
		{Mention{Kind: Agent, Sector: "COP"}, "---COP"},
		{Mention{Kind: Provisional, Sector: "GOV", Office: "foreign_minister"}, "---GOV"},
		{Mention{Kind: Provisional, Country: "DEU", Sector: "GOV"}, "DEUGOV"},
		{Mention{Kind: Provisional, Entity: "?acme"}, ""},
		{Mention{Kind: IGO, Entity: "UNO", CAMEO: "IGOUNO"}, "IGOUNO"},
		{Mention{Kind: Group, Entity: "JAA"}, "JAA"},
	} {
		if got := tc.m.Code(); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.m, got, tc.want)
		}
	}
}
