package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// runCmd runs the command line with vars as the whole environment.
func runCmd(t *testing.T, vars map[string]string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code = run(context.Background(), args, e)
	return code, out.String(), errb.String()
}

func TestRun_Usage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"NoArgs", nil, 2, "Commands:"},
		{"Help", []string{"help"}, 0, "seed"},
		{"HelpCommand", []string{"help", "serve"}, 0, "TRIAGE_ADDR"},
		{"Unknown", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"BadFlag", []string{"serve", "--nope"}, 2, "flag provided but not defined"},
		{"UserWithoutCreate", []string{"user"}, 2, "user create"},
		{"UserMissingFlags", []string{"user", "create", "--email", "a@example.com"}, 2, "required"},
		{"MigrateExtraArg", []string{"migrate", "sideways"}, 2, "migrate status"},
		{"Version", []string{"version"}, 0, "go1."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, nil, "", tt.args...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
				t.Fatalf("got code %d, output %q; want code %d and %q", code, stdout+stderr, tt.code, tt.want)
			}
		})
	}
}

func TestRun_ConfigErrorsTogether(t *testing.T) {
	env := map[string]string{"TRIAGE_ADDR": "nope", "TRIAGE_LOG_FORMAT": "xml", "TRIAGE_DATA_DIR": t.TempDir()}
	code, _, stderr := runCmd(t, env, "", "serve", "--cors-origins=*")
	if code != 2 {
		t.Fatalf("got code %d, want 2", code)
	}
	for _, want := range []string{"TRIAGE_ADDR", "TRIAGE_LOG_FORMAT", "--cors-origins"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q does not mention %s", stderr, want)
		}
	}
}

func TestRun_UserCreateMigrateSeed(t *testing.T) {
	env := map[string]string{"TRIAGE_DATA_DIR": t.TempDir()}
	code, stdout, stderr := runCmd(t, env, "a-long-enough-passphrase-9\n",
		"user", "create", "--email", "Ops@Example.org", "--name", "Ops Person", "--role", "admin", "--password-stdin")
	if code != 0 || !strings.Contains(stdout, "ops@example.org") {
		t.Fatalf("user create: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, _, stderr = runCmd(t, env, "", "user", "create", "--email", "ops@example.org", "--name", "Again", "--role", "agent")
	if code != 1 || !strings.Contains(stderr, "already exists") {
		t.Fatalf("duplicate user: code %d, stderr %q", code, stderr)
	}
	code, stdout, _ = runCmd(t, env, "", "migrate", "status")
	if code != 0 || !strings.Contains(stdout, "pending:  0") {
		t.Fatalf("migrate status: code %d, stdout %q", code, stdout)
	}
	// A desk with real users is not seeded by accident.
	code, _, stderr = runCmd(t, env, "", "seed", "--tickets", "5", "--quiet")
	if code != 1 || !strings.Contains(stderr, "--force") {
		t.Fatalf("seed on a real desk: code %d, stderr %q", code, stderr)
	}
	code, stdout, stderr = runCmd(t, env, "", "seed", "--tickets", "5", "--agents", "2", "--customers", "3", "--force")
	if code != 0 || !strings.Contains(stdout, "Added 5 tickets") || !strings.Contains(stdout, "admin@example.com") {
		t.Fatalf("seed --force: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestRun_ServeAndShutdown(t *testing.T) {
	vars := map[string]string{"TRIAGE_DATA_DIR": t.TempDir(), "TRIAGE_ADDR": "127.0.0.1:0"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs, logw := io.Pipe()
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: logw, getenv: func(k string) string { return vars[k] }}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, e)
		logw.Close()
	}()

	addr := listenAddr(t, logs)
	go io.Copy(io.Discard, logs) // keep the logger from blocking
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /readyz: got %d, want 200", resp.StatusCode)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve exited with %d after a graceful shutdown, want 0", code)
	}
}

// listenAddr reads JSON log lines until the server says where it listens.
func listenAddr(t *testing.T, r io.Reader) string {
	t.Helper()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var line struct{ Msg, Addr string }
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "triage is listening" {
			return line.Addr
		}
	}
	t.Fatal("the server stopped before it listened")
	return ""
}
