package serve

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Limits bound what one client can hold of the preview server. The zero
// value of a field means its default.
type Limits struct {
	// ReadHeader is how long a client may take to send a request's
	// headers; default 10 s.
	ReadHeader time.Duration
	// Idle is how long a keep-alive connection may wait for its next
	// request; default 60 s.
	Idle time.Duration
	// Write is how long writing one answer may take (for the event stream:
	// one event), so a reader that does not read is let go; default 30 s.
	Write time.Duration
	// Conns is how many connections are served at once; more wait until
	// one closes. Default 512 (a browser keeps about 6 per tab group).
	Conns int
}

func (l Limits) withDefaults() Limits {
	if l.ReadHeader <= 0 {
		l.ReadHeader = 10 * time.Second
	}
	if l.Idle <= 0 {
		l.Idle = 60 * time.Second
	}
	if l.Write <= 0 {
		l.Write = 30 * time.Second
	}
	if l.Conns <= 0 {
		l.Conns = 512
	}
	return l
}

// HTTPServer returns an http.Server for h with the timeouts of l. The
// event stream of Server is excepted from the write timeout as a whole; it
// bounds each event instead (see Server.serveEvents).
func (l Limits) HTTPServer(h http.Handler) *http.Server {
	l = l.withDefaults()
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeader,
		ReadTimeout:       l.ReadHeader + l.Write,
		WriteTimeout:      l.Write,
		IdleTimeout:       l.Idle,
	}
}

// Listener returns ln limited to l.Conns connections at once: Accept waits
// while that many are open.
func (l Limits) Listener(ln net.Listener) net.Listener {
	l = l.withDefaults()
	return &limitListener{Listener: ln, sem: make(chan struct{}, l.Conns), done: make(chan struct{})}
}

type limitListener struct {
	net.Listener
	sem       chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

func (ll *limitListener) Accept() (net.Conn, error) {
	select {
	case ll.sem <- struct{}{}:
	case <-ll.done:
		return nil, net.ErrClosed
	}
	c, err := ll.Listener.Accept()
	if err != nil {
		<-ll.sem
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-ll.sem }}, nil
}

func (ll *limitListener) Close() error {
	ll.closeOnce.Do(func() { close(ll.done) })
	return ll.Listener.Close()
}

// limitConn gives its place back once, when it is closed.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
