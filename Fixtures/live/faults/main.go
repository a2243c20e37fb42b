// Command faults is a misbehaving debug server on a loopback port: one path per fault that a
// live fetch must report cleanly (see Tests/PprofLiveTests). It prints "listening on ADDR"
// once bound and exits by itself after -limit, or, with -watch-stdin, when stdin closes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"time"
)

func heapProfile() []byte {
	var buf bytes.Buffer
	if err := pprof.Lookup("heap").WriteTo(&buf, 0); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on (port 0 picks a free one)")
	limit := flag.Duration("limit", 120*time.Second, "exit after this long")
	watchStdin := flag.Bool("watch-stdin", false, "exit when stdin reaches EOF (the parent has gone)")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || (host != "127.0.0.1" && host != "localhost" && host != "::1") {
		fmt.Fprintln(os.Stderr, "faults: -addr must be a loopback host:port")
		os.Exit(2)
	}
	good := heapProfile()
	mux := http.NewServeMux()

	// A valid profile, as a reference that the server itself works.
	mux.HandleFunc("/debug/pprof/heap", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(good)
	})
	// net/http/pprof's own 404 for an unknown profile.
	mux.HandleFunc("/notfound", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Go-Pprof", "1")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintln(w, "Unknown profile: nosuch")
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, "\ninternal failure: profiler exploded\ngoroutine 1 [running]:\nmain.main()\n")
	})
	// Never answers: holds the request until the client gives up or the server's limit.
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(*limit):
		}
	})
	// Sends headers and a little body, then stalls.
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(good[:len(good)/4])
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		select {
		case <-r.Context().Done():
		case <-time.After(*limit):
		}
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Login</title></head><body>please sign in</body></html>\n")
	})
	// The text a debug=1 URL returns: readable, but not profile.proto.
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "goroutine profile: total 3\n1 @ 0x43a8d6 0x46f2c5\n")
	})
	// Valid gzip cut in half.
	mux.HandleFunc("/truncated", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(good[:len(good)/2])
	})
	// Binary that is neither gzip nor profile.proto.
	mux.HandleFunc("/garbage", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte{0xff, 0xfe, 0x00, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80})
	})
	// A body without a declared length that goes on (64 MiB at most) until the client stops reading.
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		chunk := make([]byte, 256<<10)
		chunk[0], chunk[1] = 0x1f, 0x8b
		for i := 0; i < 256; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			chunk[0], chunk[1] = byte(i), byte(i>>3)
		}
	})
	// A declared length over any sane limit: refusable before reading the body.
	mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", "10000000000")
		w.WriteHeader(http.StatusOK)
		w.Write(good)
	})
	// Redirects to itself forever.
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/redirect", http.StatusFound)
	})
	// Closes the connection without any response.
	mux.HandleFunc("/close", func(w http.ResponseWriter, r *http.Request) {
		hj, ok := w.(http.Hijacker)
		if !ok {
			return
		}
		conn, _, err := hj.Hijack()
		if err == nil {
			conn.Close()
		}
	})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
		os.Exit(1)
	}
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			os.Exit(0)
		}()
	}
	go func() {
		time.Sleep(*limit)
		os.Exit(0)
	}()
	fmt.Printf("listening on %s\n", ln.Addr())
	os.Stdout.Sync()
	_ = http.Serve(ln, mux)
}
