package storetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var timeType = reflect.TypeFor[time.Time]()

// checkEqual reports every field where got differs from want. Times must
// be the same instant and in UTC; the engines return them from different
// drivers, so comparing time.Time with == would be meaningless.
func checkEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	var d []string
	diffValue(&d, "", reflect.ValueOf(got), reflect.ValueOf(want))
	if len(d) > 0 {
		t.Errorf("%s differs:\n\t%s", what, strings.Join(d, "\n\t"))
	}
}

func diffValue(d *[]string, path string, g, w reflect.Value) {
	if g.Type() == timeType {
		diffTime(d, path, g.Interface().(time.Time), w.Interface().(time.Time))
		return
	}
	switch g.Kind() {
	case reflect.Pointer:
		if g.IsNil() || w.IsNil() {
			if g.IsNil() != w.IsNil() {
				*d = append(*d, fmt.Sprintf("%s: got %s, want %s", path, show(g), show(w)))
			}
			return
		}
		diffValue(d, path, g.Elem(), w.Elem())
	case reflect.Struct:
		for i := range g.NumField() {
			if f := g.Type().Field(i); f.IsExported() {
				diffValue(d, strings.TrimPrefix(path+"."+f.Name, "."), g.Field(i), w.Field(i))
			}
		}
	case reflect.Slice:
		if g.Len() != w.Len() {
			*d = append(*d, fmt.Sprintf("%s: got %s, want %s", path, show(g), show(w)))
			return
		}
		for i := range g.Len() {
			diffValue(d, fmt.Sprintf("%s[%d]", path, i), g.Index(i), w.Index(i))
		}
	default:
		if !reflect.DeepEqual(g.Interface(), w.Interface()) {
			*d = append(*d, fmt.Sprintf("%s: got %s, want %s", path, show(g), show(w)))
		}
	}
}

func diffTime(d *[]string, path string, g, w time.Time) {
	if !g.Equal(w) {
		*d = append(*d, fmt.Sprintf("%s: got %s, want %s", path,
			g.Format(time.RFC3339Nano), w.Format(time.RFC3339Nano)))
	} else if g.Location() != time.UTC {
		*d = append(*d, fmt.Sprintf("%s: got location %q, want UTC", path, g.Location()))
	}
}

// show formats v for a diff message, following pointers.
func show(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "nil"
		}
		return show(v.Elem())
	}
	if v.Type() == timeType {
		return v.Interface().(time.Time).Format(time.RFC3339Nano)
	}
	return fmt.Sprintf("%#v", v.Interface())
}

// ids returns the ids of items, in order, for compact got/want messages.
func ids[T any](items []*T, id func(*T) int64) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

// checkIDs compares two id sequences, order included.
func checkIDs(t *testing.T, what string, got, want []int64) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: ids got %v, want %v", what, got, want)
	}
}

// sameJSON reports whether a and b hold the same JSON value; engines may
// reorder keys or change whitespace (PostgreSQL jsonb does both).
func sameJSON(a, b []byte) bool {
	if len(bytes.TrimSpace(a)) == 0 || len(bytes.TrimSpace(b)) == 0 {
		return len(bytes.TrimSpace(a)) == len(bytes.TrimSpace(b))
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}
