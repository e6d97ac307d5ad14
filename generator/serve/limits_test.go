package serve

import (
	"net"
	"testing"
	"time"
)

// TestLimitListener checks that the listener serves at most Conns
// connections at once: the next Accept waits until one of them closes,
// and a closed listener stops a waiting Accept.
func TestLimitListener(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := Limits{Conns: 2}.Listener(inner)
	accepted := make(chan net.Conn, 4)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(accepted)
				return
			}
			accepted <- c
		}
	}()
	for range 3 {
		c, err := net.Dial("tcp", inner.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	first, second := <-accepted, <-accepted
	select {
	case <-accepted:
		t.Fatal("a third connection was accepted while two were open")
	case <-time.After(200 * time.Millisecond):
	}
	first.Close()
	first.Close() // closing twice gives back one place, not two
	select {
	case c := <-accepted:
		c.Close()
	case <-time.After(5 * time.Second):
		t.Fatal("the third connection was not accepted after the first closed")
	}
	second.Close()
	ln.Close()
	if _, ok := <-accepted; ok {
		t.Error("Accept returned a connection after Close")
	}
}

// TestLimitsDefaults checks the server the zero Limits gives: every
// timeout set, the write timeout also bounding each event of the stream.
func TestLimitsDefaults(t *testing.T) {
	hs := Limits{}.HTTPServer(nil)
	if hs.ReadHeaderTimeout != 10*time.Second || hs.IdleTimeout != 60*time.Second || hs.WriteTimeout != 30*time.Second || hs.ReadTimeout != 40*time.Second {
		t.Errorf("timeouts %v %v %v %v", hs.ReadHeaderTimeout, hs.IdleTimeout, hs.WriteTimeout, hs.ReadTimeout)
	}
	s, err := New(t.TempDir(), Options{Limits: Limits{Write: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	if s.writeTimeout != time.Second {
		t.Errorf("event write timeout %v; want 1s", s.writeTimeout)
	}
}
