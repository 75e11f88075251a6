// Package pgtest starts throwaway PostgreSQL servers for tests: initdb
// into a new folder, then pg_ctl on a free loopback port, with fsync off
// (a commit survives a crash of the server, not one of the machine).
// The binaries are Debian's (apt-get install -y postgresql-15), found in
// $DYAD_PG_BIN, /usr/lib/postgresql/*/bin or the PATH; tests skip with a
// message saying so when there are none. Run as root, the server runs as
// the postgres user, for initdb refuses root.
package pgtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Server is a PostgreSQL server started for a test.
type Server struct {
	bin    string // the folder of initdb, pg_ctl and postgres
	dir    string // the data folder, with the server's Unix socket
	port   int
	listen string              // listen_addresses
	cred   *syscall.Credential // whom the server runs as; nil: this process's user
}

// Bin returns the folder of the PostgreSQL binaries, or an error saying
// how to install them.
func Bin() (string, error) {
	if d := os.Getenv("DYAD_PG_BIN"); d != "" {
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) }) // the newest first
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("no PostgreSQL server binaries (apt-get install -y postgresql-15, or set DYAD_PG_BIN)")
}

// version is the major version of a /usr/lib/postgresql/N/bin folder.
func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// Start starts a server for the test, stopped and removed when it ends.
// It listens on loopback, and skips the test when there are no
// PostgreSQL binaries.
func Start(t testing.TB) *Server {
	t.Helper()
	return StartOn(t, "127.0.0.1")
}

// StartOn is Start listening on listen (PostgreSQL's listen_addresses:
// "*" for every address), trusting clients from anywhere.
func StartOn(t testing.TB, listen string) *Server {
	t.Helper()
	bin, err := Bin()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	s, err := start(bin, listen)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// New starts a server that outlives one test, for TestMain: Close stops
// it. It fails when there are no PostgreSQL binaries (Bin says how to
// install them).
func New() (*Server, error) {
	bin, err := Bin()
	if err != nil {
		return nil, err
	}
	return start(bin, "127.0.0.1")
}

// Close stops the server at once and removes its folder.
func (s *Server) Close() {
	s.run("pg_ctl", "stop", "-D", s.dir, "-m", "immediate", "-w")
	os.RemoveAll(s.dir)
}

func start(bin, listen string) (*Server, error) {
	s := &Server{bin: bin, listen: listen}
	dir, err := os.MkdirTemp("", "dyad-pg-")
	if err != nil {
		return nil, err
	}
	s.dir = dir
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("pgtest: running as root, and no postgres user to run the server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		s.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, err
	}
	if out, err := s.run("initdb", "-D", dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync"); err != nil {
		return nil, fmt.Errorf("pgtest: initdb: %w\n%s", err, out)
	}
	if listen != "127.0.0.1" {
		hba, err := os.OpenFile(filepath.Join(dir, "pg_hba.conf"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		_, err = hba.WriteString("host all all 0.0.0.0/0 trust\n")
		if cerr := hba.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
	}
	if s.port, err = freePort(); err != nil {
		return nil, err
	}
	return s, s.Start()
}

// freePort returns a loopback port free at the time of asking.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// run runs one of the server's binaries as the server's user.
func (s *Server) run(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	cmd.Dir = s.dir
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	return cmd.CombinedOutput()
}

// Start starts the server again after Stop.
func (s *Server) Start() error {
	opts := strings.Join([]string{"-p", strconv.Itoa(s.port), "-k", s.dir, "-c", "listen_addresses='" + s.listen + "'",
		"-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200"}, " ")
	out, err := s.run("pg_ctl", "start", "-D", s.dir, "-w", "-t", "60", "-l", filepath.Join(s.dir, "server.log"), "-o", opts)
	if err != nil {
		return fmt.Errorf("pgtest: pg_ctl start: %w\n%s", err, out)
	}
	return nil
}

// Stop stops the server: at once, as a crash would (mode "immediate"),
// or after the sessions end ("fast").
func (s *Server) Stop(mode string) error {
	out, err := s.run("pg_ctl", "stop", "-D", s.dir, "-m", mode, "-w", "-t", "60")
	if err != nil {
		return fmt.Errorf("pgtest: pg_ctl stop: %w\n%s", err, out)
	}
	return nil
}

// Restart stops the server at once and starts it again.
func (s *Server) Restart() error {
	if err := s.Stop("immediate"); err != nil {
		return err
	}
	return s.Start()
}

// URL is the address of the database name on the server, made by
// CreateDB.
func (s *Server) URL(name string) string { return s.URLAt("127.0.0.1", name) }

// URLAt is URL with the server reached at host.
func (s *Server) URLAt(host, name string) string {
	return fmt.Sprintf("postgres://postgres@%s/%s?sslmode=disable", net.JoinHostPort(host, strconv.Itoa(s.port)), name)
}

// CreateDB makes an empty database and returns its URL.
func (s *Server) CreateDB(t testing.TB, name string) string {
	t.Helper()
	url, err := s.NewDB(name)
	if err != nil {
		t.Fatal(err)
	}
	return url
}

// NewDB makes an empty database and returns its URL.
func (s *Server) NewDB(name string) (string, error) {
	var out []byte
	var err error
	// The server may still be starting to take connections.
	for range 50 {
		if out, err = s.run("createdb", "-h", "127.0.0.1", "-p", strconv.Itoa(s.port), "-U", "postgres", name); err == nil {
			return s.URL(name), nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "", fmt.Errorf("pgtest: createdb %s: %w\n%s", name, err, out)
}
