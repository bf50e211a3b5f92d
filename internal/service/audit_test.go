package service_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/markdown"
	"github.com/triagehq/triage/internal/service"
	"github.com/triagehq/triage/internal/sqlite"
)

func TestListAudit(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin, agent, cust := f.admin("Ada"), f.agent("Al"), f.customer("Ann")

	for _, p := range []*helpdesk.Principal{agent, cust} {
		_, _, err := svc.ListAudit(ctx, p, helpdesk.AuditFilter{})
		wantCode(t, err, helpdesk.EFORBIDDEN)
	}
	all, next, err := svc.ListAudit(ctx, admin, helpdesk.AuditFilter{})
	must(t, "ListAudit", err)
	if len(all) != 3 || next != 0 {
		t.Fatalf("got %d entries next %d, want 3 user.create, 0", len(all), next)
	}
	page, next, err := svc.ListAudit(ctx, admin, helpdesk.AuditFilter{Limit: 2})
	must(t, "ListAudit(page 1)", err)
	if len(page) != 2 || next != page[1].ID || page[0].ID <= page[1].ID {
		t.Fatalf("page 1: %d entries next %d", len(page), next)
	}
	page, next, err = svc.ListAudit(ctx, admin, helpdesk.AuditFilter{Limit: 2, BeforeID: next})
	must(t, "ListAudit(page 2)", err)
	if len(page) != 1 || next != 0 || page[0].ID != all[2].ID {
		t.Errorf("page 2: %d entries next %d", len(page), next)
	}
	for _, limit := range []int{-1, 101} {
		_, _, err := svc.ListAudit(ctx, admin, helpdesk.AuditFilter{Limit: limit})
		wantFields(t, err, "limit")
	}
}

func TestReady(t *testing.T) {
	svc, _, _ := newTestService(t)
	if err := svc.Ready(context.Background()); err != nil {
		t.Fatalf("Ready: %v", err)
	}
}

func TestReady_ErrPendingMigrations(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "empty.db"), sqlite.Options{})
	must(t, "open sqlite", err)
	t.Cleanup(func() { _ = db.Close() })
	svc, err := service.New(service.Options{Store: db, Secret: make([]byte, 32), Render: markdown.New().Render})
	must(t, "service.New", err)
	err = svc.Ready(ctx)
	if err == nil || !strings.Contains(err.Error(), "migrations are pending") {
		t.Fatalf("Ready on an unmigrated database: got %v, want pending migrations", err)
	}
}
