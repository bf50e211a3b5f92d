package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/triagehq/triage/internal/mail/smtptest"
	"github.com/triagehq/triage/internal/pgtest"
)

// TestMain lets the test binary stand in for the triage binary: run with
// TRIAGE_TEST_AS_MAIN=1 it is `triage`, so tests can start real processes
// without building anything.
func TestMain(m *testing.M) {
	if os.Getenv("TRIAGE_TEST_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// process is a `triage serve` child process.
type process struct {
	t    *testing.T
	name string
	cmd  *exec.Cmd
	addr string
	mu   sync.Mutex
	logs bytes.Buffer
	done chan error
}

// startTriage starts `triage args...` with vars as its whole environment
// and waits until it logs ready (listening, or the worker running).
func startTriage(t *testing.T, name string, vars map[string]string, args ...string) *process {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = []string{"TRIAGE_TEST_AS_MAIN=1", "PATH=" + os.Getenv("PATH")}
	for k, v := range vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &process{t: t, name: name, cmd: cmd, done: make(chan error, 1)}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			p.mu.Lock()
			p.logs.Write(sc.Bytes())
			p.logs.WriteByte('\n')
			p.mu.Unlock()
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil {
				if line.Msg == "triage is listening" {
					ready <- line.Addr
				}
			}
		}
		p.done <- cmd.Wait()
		close(ready)
	}()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			_ = p.cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() {
			t.Logf("%s logs:\n%s", name, p.log())
		}
	})
	select {
	case addr, ok := <-ready:
		if !ok {
			t.Fatalf("%s exited before it was ready:\n%s", name, p.log())
		}
		p.addr = addr
	case <-time.After(60 * time.Second):
		t.Fatalf("%s not ready after 60 s:\n%s", name, p.log())
	}
	return p
}

func (p *process) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logs.String()
}

func (p *process) url() string { return "http://" + p.addr }

// stop asks for a graceful shutdown and checks the process exits cleanly.
func (p *process) stop() {
	p.t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		if err != nil {
			p.t.Fatalf("%s exited with %v after SIGTERM:\n%s", p.name, err, p.log())
		}
	case <-time.After(30 * time.Second):
		p.t.Fatalf("%s still running 30 s after SIGTERM", p.name)
	}
}

// session is a signed-in API client of one instance.
type session struct {
	t       *testing.T
	base    string
	cookies []*http.Cookie
}

func login(t *testing.T, base, email, password string) *session {
	t.Helper()
	s := &session{t: t, base: base}
	res := s.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password}, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("login %s at %s: %d", email, base, res.StatusCode)
	}
	s.cookies = res.Cookies()
	return s
}

func (s *session) do(method, path string, body any, out any) *http.Response {
	s.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.base+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, c := range s.cookies {
		req.AddCookie(c)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			s.t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, raw)
		}
	}
	if res.StatusCode >= 300 {
		s.t.Logf("%s %s: %d %s", method, path, res.StatusCode, raw)
	}
	return res
}

func (s *session) dial(ctx context.Context) *websocket.Conn {
	s.t.Helper()
	h := http.Header{"Origin": {s.base}}
	var parts []string
	for _, c := range s.cookies {
		parts = append(parts, c.Name+"="+c.Value)
	}
	h.Set("Cookie", strings.Join(parts, "; "))
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(s.base, "http")+"/api/v1/ws", &websocket.DialOptions{HTTPHeader: h})
	if err != nil {
		s.t.Fatalf("dial %s: %v", s.base, err)
	}
	s.t.Cleanup(func() { conn.CloseNow() })
	return conn
}

// TestTwoInstances runs the deployment of docs/realtime.md for real: two
// web processes and one worker on one PostgreSQL database. A ticket created
// through A reaches a socket on B within a second, and the worker alone
// delivers the customer's email.
func TestTwoInstances(t *testing.T) {
	dbURL := pgtest.URL(t)
	smtp := smtptest.Start(t)
	vars := map[string]string{
		"TRIAGE_DATABASE_URL": dbURL,
		"TRIAGE_SECRET_KEY":   "two-instance-test-secret-0123456789abcdef",
		"TRIAGE_LOG_LEVEL":    "debug",
		"TRIAGE_ADDR":         "127.0.0.1:0",
		"TRIAGE_MAIL_FROM":    "Acme Support <support@acme.test>",
	}
	if code, out, errs := runCmd(t, vars, "", "migrate"); code != 0 {
		t.Fatalf("migrate: %d %s %s", code, out, errs)
	}
	const pw = "two-instances-password-42"
	for _, u := range [][3]string{{"agent@acme.test", "Alex Agent", "agent"}, {"jane@customer.test", "Jane Customer", "customer"}} {
		if code, out, errs := runCmd(t, vars, pw+"\n", "user", "create", "--email", u[0], "--name", u[1], "--role", u[2], "--password-stdin"); code != 0 {
			t.Fatalf("user create %s: %d %s %s", u[0], code, out, errs)
		}
	}
	a := startTriage(t, "A", vars, "serve", "--role=web")
	b := startTriage(t, "B", vars, "serve", "--role=web")
	workerVars := map[string]string{"TRIAGE_SMTP_URL": "smtp://" + smtp.Addr() + "?tls=none"}
	for k, v := range vars {
		workerVars[k] = v
	}
	w := startTriage(t, "worker", workerVars, "serve", "--role=worker")
	// The worker answers its probes and nothing else.
	for path, want := range map[string]int{"/livez": 200, "/readyz": 200, "/api/v1/tickets": 404} {
		res, err := http.Get(w.url() + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Fatalf("worker GET %s: %d, want %d", path, res.StatusCode, want)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	agentB := login(t, b.url(), "agent@acme.test", pw)
	ws := agentB.dial(ctx)
	if typ := readType(ctx, t, ws); typ != "hello" {
		t.Fatalf("first frame %q, want hello", typ)
	}

	jane := login(t, a.url(), "jane@customer.test", pw)
	var ticket struct{ ID int64 }
	start := time.Now()
	if res := jane.do("POST", "/api/v1/tickets", map[string]string{"subject": "Invoice total is wrong", "body": "It says 1,000 EUR."}, &ticket); res.StatusCode != http.StatusCreated {
		t.Fatalf("create ticket on A: %d", res.StatusCode)
	}
	for {
		f := readFrame(ctx, t, ws)
		if f.Type == "ticket.created" && f.TicketID == ticket.ID {
			break
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("the socket on B saw the ticket created on A after %v, want under 1 s", d)
	} else {
		t.Logf("ticket created on A reached B's socket in %v", d)
	}

	agentA := login(t, a.url(), "agent@acme.test", pw)
	path := fmt.Sprintf("/api/v1/tickets/%d/comments", ticket.ID)
	if res := agentA.do("POST", path, map[string]any{"body": "INTERNAL-ONLY: check the refund ledger", "internal": true}, nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("internal note: %d", res.StatusCode)
	}
	if res := agentA.do("POST", path, map[string]any{"body": "Sorry about that, the corrected invoice is on its way."}, nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("public reply: %d", res.StatusCode)
	}
	msgs, err := smtp.Wait(ctx, 1)
	if err != nil {
		t.Fatalf("no email arrived: %v\nworker logs:\n%s", err, w.log())
	}
	m := msgs[0]
	if len(m.To) != 1 || m.To[0] != "jane@customer.test" {
		t.Fatalf("email to %v, want jane@customer.test", m.To)
	}
	if !strings.Contains(m.Text, "corrected invoice") || !strings.Contains(m.HTML, "corrected invoice") {
		t.Fatalf("email bodies lack the reply:\n%s\n%s", m.Text, m.HTML)
	}
	if strings.Contains(string(m.Raw), "INTERNAL-ONLY") || strings.Contains(string(m.Raw), "refund ledger") {
		t.Fatal("the customer's email carries the internal note")
	}
	w.stop()
	a.stop()
	b.stop()
	if got := smtp.Messages(); len(got) != 1 {
		t.Fatalf("%d emails arrived, want exactly 1", len(got))
	}
}

type wsFrame struct {
	Type     string `json:"type"`
	TicketID int64  `json:"ticket_id"`
}

func readFrame(ctx context.Context, t *testing.T, c *websocket.Conn) wsFrame {
	t.Helper()
	_, b, err := c.Read(ctx)
	if err != nil {
		t.Fatalf("read frame: %v", err)
	}
	var f wsFrame
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("frame %s: %v", b, err)
	}
	return f
}

func readType(ctx context.Context, t *testing.T, c *websocket.Conn) string {
	return readFrame(ctx, t, c).Type
}
