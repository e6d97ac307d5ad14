package generator

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestHostCheck(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	loopback := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}
	tests := []struct {
		addr *net.TCPAddr
		host string
		want int
	}{
		{loopback, "127.0.0.1:1313", http.StatusNoContent},
		{loopback, "localhost:1313", http.StatusNoContent},
		{loopback, "LOCALHOST", http.StatusNoContent},
		{loopback, "[::1]:1313", http.StatusNoContent},
		{loopback, "evil.example.com", http.StatusForbidden},
		{loopback, "127.0.0.1.evil.example.com:1313", http.StatusForbidden},
		{&net.TCPAddr{IP: net.IPv4(192, 0, 2, 7), Port: 80}, "192.0.2.7", http.StatusNoContent},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 80}, "anything.example.org", http.StatusNoContent},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = tt.host
		w := httptest.NewRecorder()
		hostCheck(tt.addr, ok).ServeHTTP(w, r)
		if w.Code != tt.want {
			t.Errorf("listening on %v, Host %q: status %d, want %d", tt.addr, tt.host, w.Code, tt.want)
		}
	}
}
