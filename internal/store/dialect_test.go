package store

import "testing"

func TestRebind(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`a = ? AND b = ?`, `a = $1 AND b = $2`},
		{`a = ?1 OR b = ?1 AND c = ?2`, `a = $1 OR b = $1 AND c = $2`},
		{`a = ?2 AND b = ?`, `a = $2 AND b = $3`},
		{`a = '?' AND b = ? AND c = "x?"`, `a = '?' AND b = $1 AND c = "x?"`},
		{`a LIKE ? ESCAPE '\'`, `a LIKE $1 ESCAPE '\'`},
		{`x = ?10`, `x = $10`},
	} {
		if got := postgresDialect.rebind(c.in); got != c.want {
			t.Errorf("rebind(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := sqliteDialect.rebind(c.in); got != c.in {
			t.Errorf("sqlite rebind(%q) = %q", c.in, got)
		}
	}
}
