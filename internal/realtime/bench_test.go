package realtime_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
)

// BenchmarkFanout measures one hub with N idle sockets (REALTIME_BENCH_CONNS,
// default 1000; aim for 10000): the heap and stack each socket costs the
// server, and the latency from Publish until every socket has the event.
//
// The clients run in a child process (this test binary again, running
// TestFanoutClients, with minimal raw websocket clients), so the memory
// figures are the server's alone. The hub sends no heartbeats. Each
// round writes the publish time to the child, publishes one event visible
// to all, and waits until the child says all N have it; the child reports
// the percentiles of receive time minus publish time over all rounds. The
// clients share the machine's cores with the server, so the latency
// includes their own wake-ups: it is an upper bound.
//
//	REALTIME_BENCH_CONNS=10000 go test -bench Fanout -run '^$' ./internal/realtime/
func BenchmarkFanout(b *testing.B) {
	n := benchConns(b)
	raiseNoFile(b, n+1024)

	bus := realtime.NewLocalBus()
	defer bus.Close()
	// No heartbeats: the benchmark's minimal clients answer no pings.
	hub := realtime.NewHub(bus, benchAuthz{}, realtime.Config{PingInterval: time.Hour})
	if err := hub.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer hub.Close()
	h, err := realtime.NewHandler(hub, benchAuth, realtime.HandlerOptions{})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	before := memStats()
	child := startClients(b, "ws"+strings.TrimPrefix(srv.URL, "http"), n)
	child.expect(b, "ready")
	after := memStats()
	if f := os.Getenv("TMP_HEAP"); f != "" {
		fh, _ := os.Create(f)
		_ = pprof.WriteHeapProfile(fh)
		fh.Close()
	}
	if got := hub.Stats().Clients; got != n {
		b.Fatalf("hub has %d clients, want %d", got, n)
	}
	heap := float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
	stack := float64(after.StackInuse-before.StackInuse) / float64(n)
	goroutines := float64(after.goroutines-before.goroutines) / float64(n)

	ticket := realtime.TicketRef{ID: 1, RequesterID: 1} // no team: every agent sees it
	round := 0
	cpu0 := cpuTime()
	for b.Loop() {
		round++
		child.send(b, fmt.Sprintf("sent %d %d", round, time.Now().UnixNano()))
		payload := fmt.Appendf(nil, `{"round":%d}`, round)
		if err := bus.Publish(context.Background(), realtime.Event{Type: realtime.TypeTicketUpdated, Ticket: ticket, Payload: payload}); err != nil {
			b.Fatal(err)
		}
		child.expect(b, "done "+strconv.Itoa(round))
	}
	b.StopTimer()
	serverCPU := float64(cpuTime()-cpu0) / float64(round) / 1e6
	p50, p99, maxLat, clientCPU := child.finish(b)
	b.ReportMetric(serverCPU, "server-cpu-ms/op")
	b.ReportMetric(clientCPU, "client-cpu-ms/op")
	b.ReportMetric(float64(n), "conns")
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(p99, "p99-ms")
	b.ReportMetric(maxLat, "max-ms")
	b.ReportMetric(heap, "heap-B/conn")
	b.ReportMetric(stack, "stack-B/conn")
	b.ReportMetric(heap+stack, "mem-B/conn")
	b.ReportMetric(goroutines, "goroutines/conn")
	if d := hub.Stats().Dropped; d != 0 {
		b.Errorf("%d clients dropped during the benchmark", d)
	}
}

func benchConns(tb testing.TB) int {
	n := 1000
	if s := os.Getenv("REALTIME_BENCH_CONNS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			tb.Fatalf("REALTIME_BENCH_CONNS=%q: want a positive number", s)
		}
		n = v
	}
	return n
}

// raiseNoFile lifts the open-file limit to at least n, raising the hard
// limit too when allowed (root).
func raiseNoFile(tb testing.TB, n int) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		tb.Fatal(err)
	}
	if lim.Cur >= uint64(n) {
		return
	}
	lim.Cur = uint64(n)
	lim.Max = max(lim.Max, lim.Cur)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		tb.Fatalf("raise RLIMIT_NOFILE to %d: %v", n, err)
	}
}

type memSnapshot struct {
	runtime.MemStats
	goroutines int
}

func memStats() memSnapshot {
	runtime.GC()
	runtime.GC()
	var m memSnapshot
	runtime.ReadMemStats(&m.MemStats)
	m.goroutines = runtime.NumGoroutine()
	return m
}

// benchAuthz makes every user an agent in team 1.
type benchAuthz struct{}

func (benchAuthz) Viewer(_ context.Context, id int64) (realtime.Viewer, error) {
	return realtime.Viewer{UserID: id, Role: helpdesk.RoleAgent, TeamIDs: []int64{1}}, nil
}

func (benchAuthz) Ticket(_ context.Context, id int64) (realtime.TicketRef, error) {
	return realtime.TicketRef{ID: id}, nil
}

func benchAuth(r *http.Request) (*helpdesk.Principal, error) {
	id, err := strconv.ParseInt(r.Header.Get("X-Bench-User"), 10, 64)
	if err != nil {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, "Authentication required.")
	}
	return &helpdesk.Principal{User: &helpdesk.User{ID: id, Name: "Agent", Role: helpdesk.RoleAgent}}, nil
}

// clientProcess is the child holding the benchmark's sockets.
type clientProcess struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	lines chan string
}

func startClients(tb testing.TB, url string, n int) *clientProcess {
	cmd := exec.Command(os.Args[0], "-test.run=^TestFanoutClients$", "-test.timeout=0")
	cmd.Env = append(os.Environ(), "REALTIME_BENCH_URL="+url, "REALTIME_BENCH_CONNS="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	p := &clientProcess{cmd: cmd, in: in, lines: make(chan string, 16)}
	go func() {
		defer close(p.lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
	}()
	tb.Cleanup(func() {
		_ = in.Close()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return p
}

func (p *clientProcess) send(tb testing.TB, line string) {
	if _, err := io.WriteString(p.in, line+"\n"); err != nil {
		tb.Fatal(err)
	}
}

// expect waits for the child to print want, passing other lines through.
func (p *clientProcess) expect(tb testing.TB, want string) string {
	timeout := time.After(5 * time.Minute)
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				tb.Fatalf("client process ended before %q", want)
			}
			if strings.HasPrefix(line, want) {
				return line
			}
			tb.Log("clients: " + line)
		case <-timeout:
			tb.Fatalf("client process never said %q", want)
		}
	}
}

// finish ends the child's input and reads its latency percentiles and its
// CPU time per round, in ms.
func (p *clientProcess) finish(tb testing.TB) (p50, p99, maxLat, cpu float64) {
	_ = p.in.Close()
	line := p.expect(tb, "latency ")
	var a, b, c, d int64
	if _, err := fmt.Sscanf(line, "latency %d %d %d %d", &a, &b, &c, &d); err != nil {
		tb.Fatalf("latency line %q: %v", line, err)
	}
	return float64(a) / 1e6, float64(b) / 1e6, float64(c) / 1e6, float64(d) / 1e6
}

// cpuTime returns the process's user and system CPU time so far, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// TestFanoutClients is BenchmarkFanout's client process; it does nothing
// unless started by it. It opens N sockets and prints "ready"; for each
// "sent ROUND UNIXNANO" line on stdin it waits until every socket has one
// more event and prints "done ROUND"; at the end of stdin it prints
// "latency P50 P99 MAX CPU" in nanoseconds, CPU being its own per round.
func TestFanoutClients(t *testing.T) {
	url := os.Getenv("REALTIME_BENCH_URL")
	if url == "" {
		t.Skip("run by BenchmarkFanout") // ok-to-skip: a child-process entry point, not a test
	}
	n := benchConns(t)
	raiseNoFile(t, n+1024)
	conns := dialAll(t, url, n)

	recv := make([]int64, n)
	var count atomic.Int64
	done := make(chan int64, 1)
	for i, c := range conns {
		go func() {
			for {
				op, _, err := c.frame()
				if err != nil {
					return
				}
				if op != 1 { // text frames only
					continue
				}
				recv[i] = time.Now().UnixNano()
				if k := count.Add(1); k%int64(n) == 0 {
					done <- k / int64(n)
				}
			}
		}()
	}
	fmt.Println("ready")

	var lat []int64
	var rounds int64
	cpu0 := cpuTime()
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		rounds++
		var round, sent int64
		if _, err := fmt.Sscanf(sc.Text(), "sent %d %d", &round, &sent); err != nil {
			t.Fatalf("bad line %q", sc.Text())
		}
		select {
		case r := <-done:
			if r != round {
				t.Fatalf("round %d completed, want %d", r, round)
			}
		case <-time.After(time.Minute):
			t.Fatalf("round %d: %d of %d sockets got the event", round, count.Load()-(round-1)*int64(n), n)
		}
		for _, at := range recv {
			lat = append(lat, at-sent)
		}
		fmt.Printf("done %d\n", round)
	}
	if len(lat) == 0 {
		fmt.Println("latency 0 0 0 0")
		return
	}
	cpu := (cpuTime() - cpu0) / rounds
	slices.Sort(lat)
	fmt.Printf("latency %d %d %d %d\n", lat[len(lat)/2], lat[len(lat)*99/100], lat[len(lat)-1], cpu)
	for _, c := range conns {
		_ = c.Close()
	}
}

// rawConn is a minimal websocket client for the benchmark: a handshake,
// then unmasked server frames read straight off a buffered socket. It
// costs the client process far less CPU than a full client, so the
// latency measured is more the server's. It answers no pings: the
// benchmark's hub does not send any.
type rawConn struct {
	net.Conn
	br *bufio.Reader
}

func dialRaw(addr string, user int) (*rawConn, error) {
	c, err := net.DialTimeout("tcp", addr, time.Minute)
	if err != nil {
		return nil, err
	}
	_ = c.SetDeadline(time.Now().Add(time.Minute))
	key := make([]byte, 16)
	_, _ = rand.Read(key)
	_, err = fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: %s\r\nX-Bench-User: %d\r\n\r\n",
		addr, base64.StdEncoding.EncodeToString(key), user)
	if err != nil {
		c.Close()
		return nil, err
	}
	rc := &rawConn{Conn: c, br: bufio.NewReader(c)}
	resp, err := http.ReadResponse(rc.br, nil)
	if err == nil && resp.StatusCode != http.StatusSwitchingProtocols {
		err = fmt.Errorf("handshake: %s", resp.Status)
	}
	if err == nil {
		var op byte
		var b []byte
		if op, b, err = rc.frame(); err == nil && (op != 1 || !strings.Contains(string(b), `"hello"`)) {
			err = fmt.Errorf("first frame %q", b)
		}
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	_ = c.SetDeadline(time.Time{})
	return rc, nil
}

// frame reads one server frame: its opcode and payload.
func (c *rawConn) frame() (byte, []byte, error) {
	var h [2]byte
	if _, err := io.ReadFull(c.br, h[:]); err != nil {
		return 0, nil, err
	}
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		var ext [2]byte
		if _, err := io.ReadFull(c.br, ext[:]); err != nil {
			return 0, nil, err
		}
		n = uint64(binary.BigEndian.Uint16(ext[:]))
	case 127:
		var ext [8]byte
		if _, err := io.ReadFull(c.br, ext[:]); err != nil {
			return 0, nil, err
		}
		n = binary.BigEndian.Uint64(ext[:])
	}
	b := make([]byte, n)
	_, err := io.ReadFull(c.br, b)
	return h[0] & 0x0f, b, err
}

// dialAll opens n sockets, 32 at a time, each waiting for its hello.
func dialAll(t *testing.T, url string, n int) []*rawConn {
	addr := strings.TrimPrefix(url, "ws://")
	conns := make([]*rawConn, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				c, err := dialRaw(addr, i+1)
				if err != nil {
					errs <- fmt.Errorf("socket %d: %w", i, err)
					return
				}
				conns[i] = c
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	return conns
}
