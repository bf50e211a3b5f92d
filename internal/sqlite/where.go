package sqlite

import "strings"

// where collects the conditions of a query and their arguments, so that
// user values only ever travel as bound parameters.
type where struct {
	conds []string
	args  []any
}

// add appends a condition, written with ? placeholders, and its arguments.
func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// in appends "column IN (?, ?, ...)" for values, or "column = ?" for one
// value; it does nothing for none.
func in[T ~string](w *where, column string, values []T) {
	switch len(values) {
	case 0:
		return
	case 1:
		w.add(column+" = ?", string(values[0]))
		return
	}
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = string(v)
	}
	w.add(column+" IN ("+placeholders(len(values))+")", args...)
}

// inIDs is in for integer ids.
func inIDs(w *where, column string, ids []int64) {
	switch len(ids) {
	case 0:
		return
	case 1:
		w.add(column+" = ?", ids[0])
		return
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	w.add(column+" IN ("+placeholders(len(ids))+")", args...)
}

// placeholders returns n comma-separated question marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// String returns the WHERE clause, or "" when there is no condition.
func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// likePrefix returns a LIKE pattern (with ESCAPE '\') matching strings
// that start with s.
func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}

// joinComma joins parts with ", ".
func joinComma(parts []string) string { return strings.Join(parts, ", ") }
