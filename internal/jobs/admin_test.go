package jobs_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/jobs"
)

func TestList(t *testing.T) {
	engines(t, func(t *testing.T, e env) {
		ctx := t.Context()
		later := &helpdesk.JobOpts{ScheduledAt: time.Now().Add(time.Hour)}
		var ids []int64 // oldest first
		for _, opts := range []*helpdesk.JobOpts{nil, later, nil, later, nil} {
			ids = append(ids, e.enqueue(t, flakyArgs{}, opts))
		}
		slices.Reverse(ids) // newest first, as List returns them
		r := e.admin(t)
		idsOf := func(js []jobs.Job) []int64 {
			out := []int64{}
			for _, j := range js {
				out = append(out, j.ID)
			}
			return out
		}

		for _, tc := range []struct {
			name string
			f    jobs.ListFilter
			want []int64
		}{
			{"All", jobs.ListFilter{}, ids},
			{"Scheduled", jobs.ListFilter{States: []string{"scheduled"}}, []int64{ids[1], ids[3]}},
			{"TwoStates", jobs.ListFilter{States: []string{"available", "scheduled"}}, ids},
			{"NoneInState", jobs.ListFilter{States: []string{"discarded"}}, []int64{}},
			{"FirstPage", jobs.ListFilter{Limit: 2}, ids[:2]},
			{"NextPage", jobs.ListFilter{Limit: 2, AfterID: ids[1]}, ids[2:4]},
			{"LastPage", jobs.ListFilter{Limit: 2, AfterID: ids[3]}, ids[4:]},
			{"PageInState", jobs.ListFilter{States: []string{"available"}, AfterID: ids[0]}, []int64{ids[2], ids[4]}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := r.List(ctx, tc.f)
				if err != nil {
					t.Fatalf("List: %v", err)
				}
				if !slices.Equal(idsOf(got), tc.want) {
					t.Errorf("List(%+v): got %v, want %v", tc.f, idsOf(got), tc.want)
				}
			})
		}
		for _, tc := range []struct {
			name string
			f    jobs.ListFilter
		}{
			{"ErrUnknownState", jobs.ListFilter{States: []string{"dead"}}},
			{"ErrLimitTooBig", jobs.ListFilter{Limit: jobs.MaxLimit + 1}},
			{"ErrNegativeLimit", jobs.ListFilter{Limit: -1}},
			{"ErrNegativeAfter", jobs.ListFilter{AfterID: -1}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := r.List(ctx, tc.f)
				wantCode(t, "List", err, helpdesk.EINVALID)
			})
		}
	})
}

func TestDiscard(t *testing.T) {
	engines(t, func(t *testing.T, e env) {
		ctx := t.Context()
		r := e.admin(t)
		id := e.enqueue(t, flakyArgs{}, &helpdesk.JobOpts{ScheduledAt: time.Now().Add(time.Hour)})

		// A job waiting to run is cancelled and kept.
		j, err := r.Discard(ctx, id)
		if err != nil {
			t.Fatalf("Discard scheduled: %v", err)
		}
		if j.State != "cancelled" || j.FinalizedAt == nil {
			t.Errorf("Discard scheduled: got state %s, finalized %v; want cancelled", j.State, j.FinalizedAt)
		}
		if j, err := r.Get(ctx, id); err != nil || j.State != "cancelled" {
			t.Errorf("Get after cancel: got %+v, %v", j, err)
		}
		// Retry brings a cancelled job back.
		if j, err := r.Retry(ctx, id); err != nil || j.State != "available" {
			t.Errorf("Retry cancelled: got %+v, %v; want available", j, err)
		}
		if _, err := r.Discard(ctx, id); err != nil {
			t.Fatalf("Discard available: %v", err)
		}
		// A finished job is deleted.
		j, err = r.Discard(ctx, id)
		if err != nil {
			t.Fatalf("Discard cancelled: %v", err)
		}
		if j.ID != id || j.State != "cancelled" {
			t.Errorf("Discard cancelled: got %+v, want the job as it was deleted", j)
		}
		_, err = r.Get(ctx, id)
		wantCode(t, "Get after delete", err, helpdesk.ENOTFOUND)
	})
}

func TestErrNotFound(t *testing.T) {
	engines(t, func(t *testing.T, e env) {
		r := e.admin(t)
		_, err := r.Get(t.Context(), 404)
		wantCode(t, "Get", err, helpdesk.ENOTFOUND)
		_, err = r.Retry(t.Context(), 404)
		wantCode(t, "Retry", err, helpdesk.ENOTFOUND)
		_, err = r.Discard(t.Context(), 404)
		wantCode(t, "Discard", err, helpdesk.ENOTFOUND)
		if msg := helpdesk.ErrorMessage(err); msg != "Job not found." {
			t.Errorf("message: got %q", msg)
		}
	})
}

func TestJobJSON(t *testing.T) {
	at := time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)
	b, err := json.Marshal(jobs.Job{ID: 7, Kind: "notify_email", Queue: "default", State: "available",
		MaxAttempts: 25, Errors: []jobs.JobError{}, CreatedAt: at, ScheduledAt: at})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":7,"kind":"notify_email","queue":"default","state":"available","attempt":0,` +
		`"max_attempts":25,"errors":[],"created_at":"2026-02-03T04:05:06Z",` +
		`"scheduled_at":"2026-02-03T04:05:06Z","attempted_at":null,"finalized_at":null}`
	if string(b) != want {
		t.Errorf("JSON:\ngot  %s\nwant %s", b, want)
	}
}
