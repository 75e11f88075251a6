package queue

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server is an embedded NATS server with JetStream: a queue on one
// machine with nothing to install (dyad nats), and the queue of tests.
type Server struct {
	ns *server.Server
}

// StartServer starts a NATS server listening on host:port (port 0: any
// free one), keeping its streams in dir.
func StartServer(host string, port int, dir string) (*Server, error) {
	ns, err := server.NewServer(&server.Options{Host: host, Port: port, JetStream: true, StoreDir: dir,
		NoSigs: true, NoLog: true, ServerName: "dyad"})
	if err != nil {
		return nil, fmt.Errorf("nats server: %w", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(30 * time.Second) {
		ns.Shutdown()
		return nil, fmt.Errorf("nats server: not ready after 30 s")
	}
	return &Server{ns: ns}, nil
}

// URL is where clients connect: nats://host:port.
func (s *Server) URL() string { return s.ns.ClientURL() }

// Port is the port the server listens on.
func (s *Server) Port() string { return strconv.Itoa(s.ns.Addr().(*net.TCPAddr).Port) }

// Shutdown stops the server and waits until it has.
func (s *Server) Shutdown() {
	s.ns.Shutdown()
	s.ns.WaitForShutdown()
}
